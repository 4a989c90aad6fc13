package io.lading.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Shows how a long job is doing while it runs. It polls two counters that the job keeps (rows and
 * bytes done, usually {@code AtomicLong::get} or {@code LongAdder::sum}), so the job itself knows
 * nothing about terminals. On a terminal: a one-line bar redrawn a few times a second, with rows,
 * bytes, rate and an ETA when the expected bytes are known. Otherwise: a plain log line every few
 * seconds. {@link #close()} stops it and clears the bar; the caller prints its {@link Summary}.
 */
public final class ProgressReporter implements AutoCloseable {
    private static final int BAR_WIDTH = 24;

    private final String label;
    private final LongSupplier rows;
    private final LongSupplier bytes;
    private final long expectedBytes;
    private final PrintWriter err;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private int lastWidth;

    /**
     * @param label what is running, e.g. {@code "unload public.orders"}
     * @param expectedBytes the planner's estimate of the bytes the {@code bytes} counter reaches, or a
     *        value {@code <= 0} when unknown (no percentage, no ETA)
     * @param terminal draw a bar (true) or log a line every {@code logSeconds} (false)
     * @param logSeconds seconds between log lines when not on a terminal
     */
    public ProgressReporter(String label, LongSupplier rows, LongSupplier bytes, long expectedBytes,
            PrintWriter err, boolean terminal, int logSeconds) {
        this.label = requireNonNull(label, "label is null");
        this.rows = requireNonNull(rows, "rows is null");
        this.bytes = requireNonNull(bytes, "bytes is null");
        this.expectedBytes = expectedBytes;
        this.err = requireNonNull(err, "err is null");
        this.terminal = terminal;
        if (logSeconds < 1) {
            throw new IllegalArgumentException("logSeconds must be at least 1: " + logSeconds);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lading-progress");
            t.setDaemon(true);
            return t;
        });
        long periodMillis = terminal ? 250 : logSeconds * 1000L;
        timer.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** On {@code err}: a bar when there is a console, a log line every 5 seconds otherwise. */
    public static ProgressReporter start(String label, LongSupplier rows, LongSupplier bytes, long expectedBytes, PrintWriter err) {
        return new ProgressReporter(label, rows, bytes, expectedBytes, err, System.console() != null, 5);
    }

    synchronized void tick() {
        String line = render(rows.getAsLong(), bytes.getAsLong(), (System.nanoTime() - startNanos) / 1e9);
        if (terminal) {
            StringBuilder out = new StringBuilder("\r").append(line);
            for (int i = line.length(); i < lastWidth; i++) {
                out.append(' ');
            }
            lastWidth = line.length();
            err.print(out);
        }
        else {
            err.println("lading: " + line);
        }
        err.flush();
    }

    /** The progress text for these counters after {@code seconds}; a bar only on a terminal. */
    String render(long rowsDone, long bytesDone, double seconds) {
        StringBuilder s = new StringBuilder(label).append(": ");
        if (terminal && expectedBytes > 0) {
            double fraction = Math.min(1.0, (double) bytesDone / expectedBytes);
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            s.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
            s.append(String.format(Locale.ROOT, "%3d%% ", Math.round(fraction * 100)));
        }
        double rate = seconds > 0 ? bytesDone / seconds : 0;
        s.append(String.format(Locale.ROOT, "%,d rows, %s, %s/s", rowsDone, bytes(bytesDone), bytes((long) rate)));
        if (expectedBytes > 0 && rate > 0 && bytesDone < expectedBytes) {
            s.append(", ETA ").append(duration((expectedBytes - bytesDone) / rate));
        }
        return s.toString();
    }

    /** Stops the updates and clears the bar line. */
    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
        }
    }

    /** {@code 999 B}, {@code 1.5 KB}, {@code 12.0 MB}, {@code 3.2 GB} (powers of 1024). */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code 42s}, {@code 3m05s}, {@code 2h03m}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
