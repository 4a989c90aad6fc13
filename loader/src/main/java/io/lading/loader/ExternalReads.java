package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.warehouse.TableName;

import java.sql.Connection;
import java.sql.SQLException;
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
 */
public record ExternalReads(FileSelection.Selected selected, String ledgerSchema, boolean force) {
    public ExternalReads {
        requireNonNull(selected, "selected is null");
        requireNonNull(ledgerSchema, "ledgerSchema is null");
    }

    /** The ledger as one job's transaction sees it. */
    final class InTransaction {
        private final Ledger ledger = new Ledger(ledgerSchema);
        private final Ledger.Target target;
        private final LoadListener listener;

        /** Creates or upgrades the ledger (in auto-commit) and settles the target's rows; the transaction starts after. */
        InTransaction(Connection connection, TableName table, LoadListener listener) throws SQLException {
            this.listener = listener;
            ledger.ensure(connection, false);
            target = ledger.target(connection, table, listener);
        }

        /**
         * Whether the INSERT is needed: false when the ledger has every file (a load that committed).
         * Some but not all is refused: the external table would read them all again.
         */
        boolean needed(Connection connection) throws SQLException {
            if (force) {
                return true;
            }
            Map<String, Ledger.Entry> held = ledger.entries(connection, target);
            List<LoadFile> files = selected.files();
            long loaded = files.stream().filter(f -> held.containsKey(f.uri())).count();
            if (loaded == files.size()) {
                listener.info(files.size() + " of " + files.size() + " files are already in the ledger; skipping " + target.name()
                        + " (--force reloads)");
                return false;
            }
            if (loaded > 0) {
                LoadFile first = files.stream().filter(f -> held.containsKey(f.uri())).findFirst().orElseThrow();
                throw new LadingException(loaded + " of the " + files.size() + " files the external table reads are already in "
                        + target.name() + " (" + first.uri() + " first); an external load reads them all: select only the others,"
                        + " or pass --force to load them again");
            }
            return true;
        }

        /**
         * Before COMMIT: the rows inserted (and rejected) must be the manifest's count, then every file
         * gets its ledger row. A mismatch throws; the caller rolls back.
         */
        void record(Connection connection, long inserted, int rejected) throws SQLException {
            List<LoadFile> files = selected.files();
            if (files.stream().allMatch(f -> f.expectedRecords() >= 0)) {
                long expected = files.stream().mapToLong(LoadFile::expectedRecords).sum();
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
