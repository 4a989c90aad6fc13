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
 * @param targetKey the target as the ledger names it (schema-qualified as the catalog spells it)
 * @param recordInLedger whether each file commits its ledger row (not with {@code --atomic}: the publication does)
 * @param server the target server, whose version decides what its COPY takes
 */
record CopyRun(
        LoadSpec spec,
        ObjectStore store,
        TableName copyTable,
        TableSchema columns,
        String targetKey,
        Ledger ledger,
        boolean recordInLedger,
        Rejects rejects,
        TextFallback text,
        Workers workers,
        LoadListener listener,
        ServerInfo server) {
}
