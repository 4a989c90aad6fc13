package io.lading.verifier;

import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.TableName;
import io.lading.warehouse.verify.NumericScale;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One table compared across two servers. {@code key} empty: the source's primary key, or a
 * comparison of the rows as a multiset when it has none; {@code columns} empty: every source column.
 * {@code show} is how many keys of each kind the report lists.
 */
public record VerifyRequest(ConnectionSpec source, TableName sourceTable, ConnectionSpec target, TableName targetTable,
        List<String> key, List<String> columns, String where, NumericScale numericScale, int parallel, int show) {
    public VerifyRequest {
        requireNonNull(source, "source is null");
        requireNonNull(sourceTable, "sourceTable is null");
        requireNonNull(target, "target is null");
        requireNonNull(targetTable, "targetTable is null");
        key = List.copyOf(requireNonNull(key, "key is null"));
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(numericScale, "numericScale is null");
        if (parallel < 1 || parallel > 64) {
            throw new IllegalArgumentException("parallel must be 1 to 64: " + parallel);
        }
        if (show < 0) {
            throw new IllegalArgumentException("show must not be negative: " + show);
        }
    }

    public String subject() {
        return sourceTable.equals(targetTable) ? sourceTable.toString() : sourceTable + " -> " + targetTable;
    }
}
