package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.warehouse.RejectLimit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * A copy-mode load's rejected rows, shared by its workers: counted against {@code --reject-limit}
 * (N rows over the load, or N% of each file's rows), the first few kept for the message that ends
 * the load, and recorded in {@code lading_rejects} inside the file's transaction or appended to
 * {@code --reject-file} after it.
 */
final class Rejects {
    private static final int FIRST_ERRORS = 3;

    private final RejectLimit limit;
    private final Path rejectFile;
    private final boolean atomic;
    private final AtomicLong count = new AtomicLong();
    private final List<Reject> first = new ArrayList<>();

    /**
     * @param limit null: the first rejected row fails the load
     * @param rejectFile null: rejects go to {@code lading_rejects}
     */
    Rejects(RejectLimit limit, Path rejectFile, boolean atomic) {
        this.limit = limit;
        this.rejectFile = rejectFile;
        this.atomic = atomic;
    }

    /**
     * Counts a rejected row, the {@code inFile}th of its file, or throws the error that ends the
     * load: without a limit at once, with one when this row goes past it ({@code fileRecords}, the
     * file's row count, is asked only for a percent limit).
     */
    void add(Reject reject, int inFile, LongSupplier fileRecords, SQLException cause) {
        if (limit == null) {
            throw new LadingException("row rejected: " + reject.describe()
                    + " (pass --reject-limit N to record bad rows and load the others)", cause);
        }
        synchronized (first) {
            if (first.size() < FIRST_ERRORS) {
                first.add(reject);
            }
        }
        long total = count.incrementAndGet();
        if (!limit.percent() && limit.exceededBy(total, 0)) {
            throw exceeded(total + " rows rejected");
        }
        if (limit.percent()) {
            long records = fileRecords.getAsLong();
            if (limit.exceededBy(inFile, records)) {
                throw exceeded(inFile + " of " + records + " rows of " + reject.objectUri() + " rejected");
            }
        }
    }

    private LadingException exceeded(String what) {
        List<Reject> firstErrors;
        synchronized (first) {
            firstErrors = List.copyOf(first);
        }
        return new LadingException("reject limit " + limit + " exceeded: " + what + "; first errors: "
                + firstErrors.stream().map(Reject::describe).collect(Collectors.joining("; "))
                + (atomic ? "; nothing was published" : "; files committed before stay loaded (see the ledger)"));
    }

    /** Whether rejects go to {@code lading_rejects} (then the ledger creates that table). */
    boolean toTable() {
        return limit != null && rejectFile == null;
    }

    /** In the transaction that commits their rows: into {@code lading_rejects}, unless they go to the reject file. */
    void recordInTransaction(Ledger ledger, Connection connection, String target, List<Reject> rejects) throws SQLException {
        if (rejectFile == null) {
            ledger.recordRejects(connection, target, rejects);
        }
    }

    /** After that transaction committed: appended to {@code --reject-file}, when given. */
    void recordAfterCommit(String target, List<Reject> rejects) {
        if (rejectFile != null) {
            RejectFile.append(rejectFile, target, rejects);
        }
    }
}
