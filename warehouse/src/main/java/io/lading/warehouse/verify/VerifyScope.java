package io.lading.warehouse.verify;

import io.lading.format.Column;
import io.lading.warehouse.TableName;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a verify reads on one server: the table, its key columns (empty: compare as a multiset of
 * rows), the compared columns with this server's types, an optional filter, and the numeric rule.
 * The filter is the user's own SQL, run as given on both servers.
 */
public record VerifyScope(TableName table, List<Column> key, List<Column> columns, String where, NumericScale numericScale) {
    public VerifyScope {
        requireNonNull(table, "table is null");
        key = List.copyOf(requireNonNull(key, "key is null"));
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(numericScale, "numericScale is null");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns to compare in " + table);
        }
        if (where != null && where.isBlank()) {
            where = null;
        }
    }

    public boolean keyed() {
        return !key.isEmpty();
    }
}
