package io.lading.cli;

import org.slf4j.event.Level;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one voice of {@code lading} on stderr: {@code lading: message} for information,
 * {@code lading: note: ...}, {@code lading: warning: ...}, {@code lading: error: ...}. Commands and
 * library log events ({@link LadingLogger}) print through it. Timestamps and logger names appear only
 * with {@code --verbose} (on stderr) or in the {@code --log-file}, which gets every event at DEBUG.
 */
public final class Voice {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    private static volatile boolean verbose;
    private static volatile PrintStream logFile;

    private Voice() {
    }

    /** Set once per command line, before the command runs; a null {@code file} closes the previous one. */
    static synchronized void configure(boolean verbose, Path file) {
        Voice.verbose = verbose;
        if (logFile != null) {
            logFile.close();
            logFile = null;
        }
        if (file != null) {
            try {
                logFile = new PrintStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                        true, StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot open --log-file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    static boolean verbose() {
        return verbose;
    }

    static boolean logging() {
        return logFile != null;
    }

    /** {@code lading: message}: information the user can act on. */
    public static void info(PrintWriter err, String message) {
        say(err, "lading: " + message);
    }

    /** {@code lading: note: message}. */
    public static void note(PrintWriter err, String message) {
        say(err, "lading: note: " + message);
    }

    /** {@code lading: warning: message}. */
    public static void warning(PrintWriter err, String message) {
        say(err, "lading: warning: " + message);
    }

    /** Internal detail (e.g. why a file goes as text COPY): only with {@code --verbose}, and in the log file. */
    public static void detail(PrintWriter err, String message) {
        log(Level.DEBUG, "lading", message, null);
        if (verbose) {
            say(err, "lading: " + message);
        }
    }

    private static void say(PrintWriter err, String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
        PrintStream file = logFile;
        if (file != null) {
            file.println(stamped(Level.INFO, "lading", line, null));
        }
    }

    /**
     * A library's log event: to the log file in full; on stderr stamped with {@code --verbose},
     * else in the short form when it is for the user (io.lading INFO, anything at WARN or above).
     */
    static void log(Level level, String logger, String message, Throwable t) {
        PrintStream file = logFile;
        if (file != null) {
            file.println(stamped(level, logger, message, t));
        }
        boolean ours = logger.startsWith("io.lading");
        if (verbose) {
            if (ours || level.toInt() >= Level.INFO.toInt()) {
                System.err.println(stamped(level, logger, message, t));
            }
        }
        else if (level.toInt() >= Level.WARN.toInt()) {
            System.err.println("lading: " + (level == Level.ERROR ? "error" : "warning") + ": " + message);
        }
        else if (ours && level == Level.INFO) {
            System.err.println("lading: " + message);
        }
    }

    private static String stamped(Level level, String logger, String message, Throwable t) {
        StringBuilder s = new StringBuilder(LocalDateTime.now().format(TIME)).append(' ').append(level).append(' ')
                .append(logger).append(" - ").append(message);
        if (t != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            s.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        return s.toString();
    }
}
