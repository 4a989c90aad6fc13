package io.lading.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

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
                VerifyCommand.class,
                CleanCommand.class,
        })
public final class Lading implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print timestamped log lines, internal details and stack traces on errors.")
    static boolean verbose;

    @Option(names = "--log-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Append every log line, timestamped, with debug detail, to FILE.")
    static Path logFile;

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
        cmd.setExecutionStrategy(Lading::executeParsed);
        cmd.setParameterExceptionHandler(jsonToo(cmd.getParameterExceptionHandler()));
        return cmd;
    }

    /**
     * A command line picocli cannot parse is a usage error printed as picocli prints it; with
     * {@code --json} anywhere in it, stdout also gets the failure object, so a scheduler can parse
     * every run.
     */
    private static CommandLine.IParameterExceptionHandler jsonToo(CommandLine.IParameterExceptionHandler usage) {
        return (ex, args) -> {
            int code = usage.handleParseException(ex, args);
            if (Arrays.asList(args).contains("--json")) {
                PrintWriter out = ex.getCommandLine().getOut();
                out.println(Summary.failureJson(ex.getCommandLine().getCommandName(), ex.getMessage(), code, Map.of()));
                out.flush();
            }
            return code;
        };
    }

    /**
     * Sets up {@link Voice} for this command line, then runs it as picocli would; a mistyped
     * subcommand next to {@code --help} ({@code lading unlaod --help}) is the usage error it is
     * without {@code --help}, with the same suggestion.
     */
    private static int executeParsed(CommandLine.ParseResult parsed) {
        // read from this parse: a static field keeps the value of an earlier command line in the same JVM (tests)
        verbose = false;
        logFile = null;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose |= p.hasMatchedOption("--verbose");
            if (p.hasMatchedOption("--log-file")) {
                logFile = p.matchedOptionValue("--log-file", null);
            }
        }
        Voice.configure(verbose, logFile);
        if (parsed.subcommand() == null && !parsed.unmatched().isEmpty()) {
            throw new CommandLine.UnmatchedArgumentException(parsed.commandSpec().commandLine(), parsed.unmatched());
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** The project version and git commit, written into {@code version.properties} by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Lading.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return new String[] {"lading dev"};
                }
                p.load(in);
            }
            return new String[] {"lading " + p.getProperty("version", "dev") + " (commit " + p.getProperty("commit", "unknown") + ")"};
        }
    }
}
