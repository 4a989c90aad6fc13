package io.lading.cli;

import io.lading.common.LadingException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The one exit-code mapper: 0 success, 1 failure (or the command's own code for a failure to run,
 * {@code exitCodeOnExecutionException}: 3 for verify, whose 1 means "differences found"), 2 usage error. A {@link LadingException} is the
 * user's to fix and prints as one line; anything else is a bug or an environment failure and
 * prints one line too, with the stack trace only under {@code --verbose}. With {@code --json} the
 * failure is also one JSON object on stdout, so a scheduler can parse every run.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof CommandLine.ParameterException pe) {
            err.println("lading: " + pe.getMessage());
            return json(cmd, parseResult, pe.getMessage(), USAGE);
        }
        if (ex instanceof UsageException) {
            err.println("lading: " + ex.getMessage());
            err.println("Try 'lading " + cmd.getCommandName() + " --help' for more information.");
            return json(cmd, parseResult, ex.getMessage(), USAGE);
        }
        String message = ex instanceof LadingException ? ex.getMessage() : describe(ex);
        err.println("lading: error: " + message);
        if (Lading.verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return json(cmd, parseResult, message, cmd.getCommandSpec().exitCodeOnExecutionException());
    }

    /** With {@code --json}, the failure object on stdout; returns {@code exitCode}. */
    private static int json(CommandLine cmd, ParseResult parseResult, String message, int exitCode) {
        ParseResult leaf = parseResult;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        if (leaf.hasMatchedOption("--json")) {
            Map<String, Object> partial = cmd.getCommand() instanceof PartialResult p ? p.doneSoFar() : Map.of();
            PrintWriter out = cmd.getOut();
            out.println(Summary.failureJson(cmd.getCommandName(), message, exitCode, partial));
            out.flush();
        }
        return exitCode;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""))
                + " (run with --verbose for details)";
    }
}
