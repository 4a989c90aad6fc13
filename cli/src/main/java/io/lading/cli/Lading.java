package io.lading.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code lading} command: subcommands are registered here and nowhere else. */
@Command(name = "lading",
        mixinStandardHelpOptions = true,
        versionProvider = Lading.Version.class,
        description = "Moves warehouse tables through object storage: unload, load, DDL for external tables.",
        subcommands = {
                CommandLine.HelpCommand.class,
                UnloadCommand.class,
                LoadCommand.class,
                DdlCommand.class,
                LsCommand.class,
                TransferCommand.class,
        })
public final class Lading implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces and debug logging on errors.")
    static boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line as {@code main} does, without exiting: what tests call. */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        return newCommandLine(CommandLine.defaultFactory());
    }

    /** With a factory that makes the subcommands: how tests give a command its environment. */
    public static CommandLine newCommandLine(CommandLine.IFactory factory) {
        CommandLine cmd = new CommandLine(new Lading(), factory);
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setUsageHelpAutoWidth(true);
        return cmd;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Lading.class.getPackage().getImplementationVersion();
            return new String[] {"lading " + (v == null ? "dev" : v)};
        }
    }
}
