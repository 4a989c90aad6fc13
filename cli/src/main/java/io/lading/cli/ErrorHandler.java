package io.lading.cli;

import io.lading.common.LadingException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * The one exit-code mapper: 0 success, 1 failure (or the command's own code for a failure to run,
 * {@code exitCodeOnExecutionException}: 3 for verify, whose 1 means "differences found"), 2 usage error. A {@link LadingException} is the
 * user's to fix and prints as one line; anything else is a bug or an environment failure and
 * prints one line too, with the stack trace only under {@code --verbose}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof CommandLine.ParameterException pe) {
            err.println("lading: " + pe.getMessage());
            return USAGE;
        }
        if (ex instanceof UsageException) {
            err.println("lading: " + ex.getMessage());
            err.println("Try 'lading " + cmd.getCommandName() + " --help' for more information.");
            return USAGE;
        }
        String message = ex instanceof LadingException ? ex.getMessage() : describe(ex);
        err.println("lading: error: " + message);
        if (Lading.verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""))
                + " (run with --verbose for details)";
    }
}
