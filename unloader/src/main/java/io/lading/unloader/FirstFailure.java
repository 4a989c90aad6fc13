package io.lading.unloader;

import org.postgresql.core.BaseConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The failure of a run that all its threads share: the first one recorded is the cause reported;
 * recording it cancels the readers' queries so they stop at once, and every thread that then
 * {@link #check}s unwinds with {@link Cancelled}.
 */
final class FirstFailure {
    /** How often a thread waiting on a queue or a latch looks whether the run has failed. */
    static final long POLL_MILLIS = 100;

    private final AtomicReference<Throwable> first = new AtomicReference<>();
    private final List<Connection> readers = new CopyOnWriteArrayList<>();

    /** Records {@code t} unless a failure is already recorded; the first one cancels the readers' queries. */
    void fail(Throwable t) {
        if (first.compareAndSet(null, t)) {
            for (Connection c : readers) {
                try {
                    c.unwrap(BaseConnection.class).cancelQuery();
                }
                catch (SQLException | RuntimeException e) {
                    t.addSuppressed(e);
                }
            }
        }
    }

    /** The cause to report, or null while the run is healthy. */
    Throwable first() {
        return first.get();
    }

    boolean failed() {
        return first.get() != null;
    }

    /** Throws {@link Cancelled} once the run has failed. */
    void check() {
        if (first.get() != null) {
            throw new Cancelled();
        }
    }

    /** A reader's connection, whose query a failure cancels until {@link #forget}. */
    void watch(Connection reader) {
        readers.add(reader);
    }

    void forget(Connection reader) {
        readers.remove(reader);
    }

    /** Thrown inside a thread to unwind after another one failed; never the reported cause. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }
}
