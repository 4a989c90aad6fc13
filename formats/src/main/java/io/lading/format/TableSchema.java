package io.lading.format;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The ordered columns of a table, a query result or a file. */
public record TableSchema(List<Column> columns) {
    public TableSchema {
        requireNonNull(columns, "columns is null");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one column");
        }
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    public int size() {
        return columns.size();
    }
}
