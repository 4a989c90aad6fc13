package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.warehouse.LoadStatements;
import io.lading.warehouse.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The files an external load reads, as Lading selected them, and the ledger they go into: their
 * ledger rows are written in the INSERT's transaction, so a re-run of a load that committed loads
 * nothing (as in copy mode), and the inserted rows are checked against the manifest before COMMIT.
 *
 * @param selected exactly the files the external table reads (the caller made sure of it)
 * @param force load them again even when the ledger has them
 * @param append load this run of an export into a target that holds another run of it (refused
 *     otherwise, as in copy mode: a refreshed export would be appended twice)
 */
public record ExternalReads(FileSelection.Selected selected, String ledgerSchema, boolean force, boolean append) {
    public ExternalReads {
        requireNonNull(selected, "selected is null");
        requireNonNull(ledgerSchema, "ledgerSchema is null");
    }

    /** The records the manifest promises for the files; -1 when some file has no count (or there is no manifest). */
    long expectedRecords() {
        List<LoadFile> files = selected.files();
        return files.stream().allMatch(f -> f.expectedRecords() >= 0) ? files.stream().mapToLong(LoadFile::expectedRecords).sum() : -1;
    }

    /** The selected files the ledger has. */
    private long held(Map<String, Ledger.Entry> entries) {
        return selected.files().stream().filter(f -> entries.containsKey(f.uri())).count();
    }

    private LadingException partlyLoaded(Map<String, Ledger.Entry> entries, String target) {
        List<LoadFile> files = selected.files();
        LoadFile first = files.stream().filter(f -> entries.containsKey(f.uri())).findFirst().orElseThrow();
        return new LadingException(held(entries) + " of the " + files.size() + " files the external table reads are already in "
                + target + " (" + first.uri() + " first); an external load reads them all: select only the others,"
                + " or pass --force to load them again");
    }

    /**
     * What a load of these files into {@code table} would do, read from the ledger without writing
     * anything: one line for {@code --dry-run}.
     */
    String plan(Connection connection, TableName table, boolean truncate) throws SQLException {
        int files = selected.files().size();
        if (truncate) {
            return "--truncate: the target is emptied and its ledger rows forgotten in the INSERT's transaction; all " + files
                    + " files would be loaded";
        }
        if (force) {
            return "--force: all " + files + " files would be loaded, whatever the ledger holds";
        }
        Map<String, Ledger.Entry> entries = new Ledger(ledgerSchema).peek(connection, table);
        long loaded = held(entries);
        if (loaded == files) {
            return "all " + files + " files are in the ledger: the load would skip " + table + " (--force reloads)";
        }
        if (loaded > 0) {
            return "the load would refuse: " + partlyLoaded(entries, table.toString()).getMessage();
        }
        if (!append) {
            try {
                ExportRun.of(selected).checkNotAnotherRun(entries.values(), table.toString());
            }
            catch (LadingException e) {
                return "the load would refuse: " + e.getMessage();
            }
        }
        return "none of the " + files + " files is in the ledger: all would be loaded";
    }

    /** The ledger as one job's transaction sees it. */
    final class InTransaction {
        private final Ledger ledger = new Ledger(ledgerSchema);
        private final Ledger.Target target;
        private final TableName table;
        private final LoadListener listener;

        /** Creates or upgrades the ledger (in auto-commit) and settles the target's rows; the transaction starts after. */
        InTransaction(Connection connection, TableName table, LoadListener listener) throws SQLException {
            this.listener = listener;
            this.table = table;
            ledger.ensure(connection, false);
            target = ledger.target(connection, table, listener);
        }

        /**
         * Whether the INSERT is needed: false when the ledger has every file (a load that committed).
         * Some but not all is refused: the external table would read them all again.
         */
        boolean needed(Connection connection) throws SQLException {
            Map<String, Ledger.Entry> entries = ledger.entries(connection, target);
            long loaded = force ? 0 : held(entries);
            if (loaded == selected.files().size()) {
                listener.info(loaded + " of " + loaded + " files are already in the ledger; skipping " + target.name()
                        + " (--force reloads)");
                return false;
            }
            if (loaded > 0) {
                throw partlyLoaded(entries, target.name());
            }
            if (!append) {
                ExportRun.of(selected).checkNotAnotherRun(entries.values(), target.name());
            }
            return true;
        }

        /** Empties the target in the INSERT's transaction: its ledger rows go with its rows. */
        void truncate(Statement st, Connection connection) throws SQLException {
            st.execute(LoadStatements.truncate(table));
            ledger.forgetAll(connection, target);
        }

        /**
         * Before COMMIT: the rows inserted (and rejected) must be the manifest's count, then every file
         * gets its ledger row. A mismatch throws; the caller rolls back.
         */
        void record(Connection connection, long inserted, int rejected) throws SQLException {
            List<LoadFile> files = selected.files();
            long expected = expectedRecords();
            if (expected >= 0) {
                if (inserted + rejected != expected) {
                    throw new LadingException("external load into " + target.name() + " inserted " + inserted + " rows"
                            + (rejected == 0 ? "" : " and rejected " + rejected) + " but the manifest says " + expected
                            + "; rolled back, nothing was inserted");
                }
            }
            ExportRun run = ExportRun.of(selected);
            for (LoadFile file : files) {
                ledger.record(connection, target, run, file, Math.max(0, file.expectedRecords()), force);
            }
        }
    }
}
