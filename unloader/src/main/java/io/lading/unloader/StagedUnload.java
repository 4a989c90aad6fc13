package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.format.TableSchema;
import io.lading.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * An unload whose files the server writes into a {@link StagingArea} and Lading publishes: the
 * subclass has the server write and returns the staged files ({@link #stage}); then
 * {@link UnloadTransaction} moves each object to its final name by server-side copy, in key order,
 * and writes the manifest last; the staging objects are removed at the end, and on any failure or
 * {@link #cancel}.
 */
abstract sealed class StagedUnload implements UnloadRun permits RedshiftUnload, ServerUnload {
    private static final Logger log = LoggerFactory.getLogger(StagedUnload.class);

    final ObjectStore store;
    final FirstFailure failure = new FirstFailure();
    final AtomicLong rows = new AtomicLong();
    private final UnloadRequest request;
    private final TableSchema schema;
    private final StagingArea staging;
    private final FileNames names;
    private final CountDownLatch finished = new CountDownLatch(1);

    StagedUnload(ObjectStore store, UnloadRequest request, TableSchema schema, StagingArea staging, FileNames names) {
        this.store = requireNonNull(store, "store is null");
        this.request = request;
        this.schema = schema;
        this.staging = staging;
        this.names = names;
    }

    /** A run's id, in its staging prefix and file names: the UTC time it was planned, to the millisecond. */
    static String runId() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS"));
    }

    /** What the server wrote, checked: the files to publish, and the total when they have no counts (-1: their sum). */
    record Staged(List<StagedFile> files, long recordCount) {
    }

    /** Has the server write under the staging prefix and returns what it wrote; {@link #failure} stops it. */
    abstract Staged stage() throws SQLException;

    @Override
    public long rowsRead() {
        return rows.get();
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    public void cancel(String reason) {
        failure.fail(new LadingException(reason));
    }

    @Override
    public boolean awaitCleanup(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    @Override
    public UnloadResult run() {
        long start = System.nanoTime();
        UnloadTransaction transaction = new UnloadTransaction(store, request, names);
        List<StagedFile> files = List.of();
        try {
            transaction.begin(Unloader.DEFAULT_LEFTOVER_AGE);
            Staged staged = stage();
            files = staged.files();
            Manifest manifest = transaction.commit(files, schema, failure::check, staged.recordCount());
            rows.set(manifest.totalRecords());
            RuntimeException left = staging.removeAll(store);
            if (left != null) {
                log.warn("the unload is committed, but removing the staging objects under {} failed: {}; remove them by hand",
                        staging.prefix(), left.getMessage());
            }
            int generations = files.stream().mapToInt(StagedFile::generation).max().orElse(-1) + 1;
            return new UnloadResult(manifest, request.manifest(), manifest.totalRecords(), 0, manifest.totalBytes(), files.size(),
                    generations, (System.nanoTime() - start) / 1e9);
        }
        catch (Throwable t) {
            if (transaction.isPublished()) {
                throw transaction.failedAfterPublication(t);
            }
            failure.fail(t instanceof FirstFailure.Cancelled ? new LadingException("cancelled") : t);
            LadingException error = transaction.rollback(failure.first(), files);
            RuntimeException left = staging.removeAll(store);
            if (left != null) {
                error.addSuppressed(left);
            }
            throw error;
        }
        finally {
            finished.countDown();
        }
    }
}
