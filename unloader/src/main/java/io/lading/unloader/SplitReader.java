package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.format.pgbinary.PgBinaryRowDecoder;
import io.lading.warehouse.CopyOutRows;
import io.lading.warehouse.Snapshots;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;

import static java.util.Objects.requireNonNull;

/**
 * One reader thread: on a connection of its own, in the coordinator's snapshot, it takes splits
 * until none is left and COPYs each into its chunker. A failure is recorded in the run's
 * {@link FirstFailure}, never thrown.
 */
final class SplitReader implements Runnable {
    private final UnloadPlan plan;
    private final String snapshot;
    private final Queue<Split> splits;
    private final Chunker chunker;
    private final FirstFailure failure;
    private final CountDownLatch done;

    /**
     * @param snapshot the exported snapshot to import, or null for a snapshot of its own (one reader)
     * @param splits shared by every reader of the run
     * @param done counted down when this reader ends, however it ends
     */
    SplitReader(UnloadPlan plan, String snapshot, Queue<Split> splits, Chunker chunker, FirstFailure failure, CountDownLatch done) {
        this.plan = requireNonNull(plan, "plan is null");
        this.snapshot = snapshot;
        this.splits = requireNonNull(splits, "splits is null");
        this.chunker = requireNonNull(chunker, "chunker is null");
        this.failure = requireNonNull(failure, "failure is null");
        this.done = requireNonNull(done, "done is null");
    }

    @Override
    public void run() {
        UnloadRequest request = plan.request();
        Connection connection = null;
        try {
            connection = request.source().connect();
            failure.watch(connection);
            failure.check();
            Snapshots.begin(connection, snapshot);
            Split split;
            while ((split = splits.poll()) != null) {
                failure.check();
                read(connection, split);
            }
            Snapshots.end(connection);
        }
        catch (FirstFailure.Cancelled e) {
            // another thread failed
        }
        catch (SQLException e) {
            failure.fail(failure.failed() ? e : new LadingException("reading " + request.subject() + " from " + request.source()
                    + " failed: " + firstLine(e.getMessage()), e));
        }
        catch (Throwable t) {
            failure.fail(t);
        }
        finally {
            if (connection != null) {
                failure.forget(connection);
                try {
                    connection.close();
                }
                catch (SQLException ignored) {
                    // the transaction was read-only; closing loses nothing
                }
            }
            done.countDown();
        }
    }

    private void read(Connection connection, Split split) throws SQLException, InterruptedException {
        UnloadRequest request = plan.request();
        CopyOutRows copy = CopyOutRows.start(connection, plan.copyStatement(split));
        try (copy) {
            chunker.start();
            if (request.format() == FileFormat.PARQUET) {
                PgBinaryRowDecoder decoder = new PgBinaryRowDecoder(plan.schema().size(), "split " + split.index() + " of " + request.subject());
                copy.forEach(message -> decoder.feed(message, chunker));
                decoder.finish();
            }
            else {
                copy.forEach(message -> chunker.row(message, 0, message.length));
            }
            chunker.end();
        }
        catch (SQLException | IOException e) {
            if (failure.failed()) {
                throw new FirstFailure.Cancelled();
            }
            throw new LadingException("reading split " + split.index()
                    + (split.predicate() == null ? "" : " (" + split.predicate() + ")") + " of " + request.subject()
                    + " from " + request.source() + " failed: " + firstLine(e.getMessage()), e);
        }
        finally {
            chunker.discard();
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
