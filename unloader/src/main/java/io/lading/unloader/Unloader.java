package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.storage.ObjectStore;
import io.lading.warehouse.Snapshots;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs a plan: R readers COPY their splits from one shared snapshot and cut the stream into
 * row-aligned chunks; each chunk is dealt to the least-filled of the N files, each owned by one of W
 * writer threads that compresses and uploads it ({@link UnloadThreads}). Nothing is visible until
 * every reader and writer has finished: then all files are committed and the manifest is written
 * last ({@link UnloadTransaction}). Any failure (or {@link #cancel}) aborts every upload and deletes
 * what this run committed.
 */
public final class Unloader {
    private final UnloadPlan plan;
    private final ObjectStore store;
    private final FirstFailure failure = new FirstFailure();
    private final UnloadThreads threads;
    private final CountDownLatch finished = new CountDownLatch(1);
    private Runnable afterSnapshot = () -> { };

    public Unloader(UnloadPlan plan, ObjectStore store) {
        this(plan, store, Runtime.getRuntime().availableProcessors());
    }

    /** {@code writerThreads}: compressing threads (default: cores), never more than N. */
    public Unloader(UnloadPlan plan, ObjectStore store, int writerThreads) {
        this(plan, store, writerThreads, chunkSize(plan.request().maxFileSize(), plan.estimatedBytes(), plan.request().files()));
    }

    Unloader(UnloadPlan plan, ObjectStore store, int writerThreads, int chunkSize) {
        this.plan = requireNonNull(plan, "plan is null");
        this.store = requireNonNull(store, "store is null");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
        int writerCount = Math.max(1, Math.min(writerThreads, plan.request().files()));
        this.threads = new UnloadThreads(plan, store, writerCount, chunkSize, failure);
    }

    /**
     * Up to 1 MiB (each file is one continuous deflate stream, so the chunk size does not change
     * compression, only the per-chunk overhead), and small enough to balance: at most a 16th of the
     * file size limit and, when the size is estimated, a 32nd of each file's expected share (not
     * below 16 KiB), so files differing by one chunk differ by a few percent. Never below 4 KiB.
     */
    static int chunkSize(long maxFileSize, long estimatedBytes, int files) {
        long size = Math.min(1 << 20, maxFileSize / 16);
        if (estimatedBytes > 0) {
            size = Math.min(size, Math.max(16 << 10, estimatedBytes / files / 32));
        }
        return (int) Math.max(4 << 10, size);
    }

    /** Called on the coordinator once the snapshot is exported, before any reader starts (tests). */
    Unloader afterSnapshot(Runnable hook) {
        this.afterSnapshot = requireNonNull(hook, "hook is null");
        return this;
    }

    /** Rows read so far, for a progress display. */
    public long rowsRead() {
        return threads.rowsRead();
    }

    /** Bytes read from the database so far, for a progress display. */
    public long bytesRead() {
        return threads.bytesRead();
    }

    /** Stops the run from another thread (Ctrl-C): it fails with {@code reason} and cleans up. */
    public void cancel(String reason) {
        failure.fail(new LadingException(reason));
    }

    /** Waits until a cancelled or failed run has cleaned up (for a shutdown hook). */
    public boolean awaitCleanup(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    public UnloadResult run() {
        long start = System.nanoTime();
        UnloadRequest request = plan.request();
        UnloadTransaction transaction = new UnloadTransaction(store, request, plan.names());
        Connection coordinator = null;
        try {
            transaction.begin();
            String snapshot = null;
            if (plan.sharedSnapshot()) {
                coordinator = request.source().connect();
                snapshot = Snapshots.export(coordinator);
            }
            afterSnapshot.run();
            List<FileSink> files = threads.run(snapshot);
            if (coordinator != null) {
                Snapshots.release(coordinator);
            }
            checkCounts(files);
            Manifest manifest = transaction.commit(files, plan.schema(), failure::check);
            int generations = files.stream().mapToInt(FileSink::generation).max().orElse(-1) + 1;
            double seconds = (System.nanoTime() - start) / 1e9;
            return new UnloadResult(manifest, request.manifest(), manifest.totalRecords(), threads.bytesRead(), manifest.totalBytes(),
                    files.size(), generations, seconds);
        }
        catch (Throwable t) {
            if (transaction.isPublished()) {
                throw transaction.failedAfterPublication(t);
            }
            failure.fail(t instanceof FirstFailure.Cancelled ? new LadingException("cancelled") : t);
            List<FileSink> started = threads.stop();
            LadingException error = transaction.rollback(failure.first(), started);
            rollbackQuietly(coordinator);
            throw error;
        }
        finally {
            if (coordinator != null) {
                try {
                    coordinator.close();
                }
                catch (SQLException ignored) {
                    // closing ends the exporting transaction; nothing to publish or undo
                }
            }
            finished.countDown();
        }
    }

    /** Every row read is in exactly one file: a mismatch is a bug and must not be published. */
    private void checkCounts(List<FileSink> files) {
        long written = files.stream().mapToLong(FileSink::rows).sum();
        if (written != threads.rowsRead()) {
            throw new IllegalStateException("internal error: read " + threads.rowsRead() + " rows but wrote " + written);
        }
    }

    private static void rollbackQuietly(Connection coordinator) {
        if (coordinator != null) {
            try {
                coordinator.rollback();
            }
            catch (SQLException | RuntimeException ignored) {
                // the connection is closed next; a failed rollback leaves nothing behind
            }
        }
    }
}
