package io.lading.loader;

import io.lading.common.Workers;
import io.lading.format.TableSchema;
import io.lading.storage.ObjectStore;
import io.lading.warehouse.ServerInfo;
import io.lading.warehouse.TableName;

/**
 * What the workers of one copy-mode load share.
 *
 * @param copyTable where COPY writes: the target, or with {@code --atomic} the staging table
 * @param columns the target's columns and types
 * @param ledgerTarget the target as the ledger knows it (its OID and name)
 * @param exportRun the run of an export the files are, recorded with them in the ledger
 * @param recordInLedger whether each file commits its ledger row (not with {@code --atomic}: the publication does)
 * @param server the target server, whose version decides what its COPY takes
 */
record CopyRun(
        LoadSpec spec,
        ObjectStore store,
        TableName copyTable,
        TableSchema columns,
        Ledger.Target ledgerTarget,
        ExportRun exportRun,
        Ledger ledger,
        boolean recordInLedger,
        Rejects rejects,
        TextFallback text,
        Workers workers,
        LoadListener listener,
        ServerInfo server) {

    /**
     * Stops a file in flight once another failed, but only in an atomic load, which publishes
     * nothing then. A direct load lets it finish and commit: its rows and ledger row are good, and
     * a re-run does only the failed file. (No new file starts either way.)
     */
    void stopIfFailed() {
        if (!recordInLedger) {
            workers.stopIfFailed();
        }
    }
}
