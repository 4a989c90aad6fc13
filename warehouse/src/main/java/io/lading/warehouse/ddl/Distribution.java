package io.lading.warehouse.ddl;

import io.lading.warehouse.Sql;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code DISTRIBUTED BY (cols)} or {@code DISTRIBUTED RANDOMLY} of a writable external table. */
public record Distribution(List<String> columns) {
    public static final Distribution RANDOMLY = new Distribution(List.of());

    public Distribution {
        requireNonNull(columns, "columns is null");
        columns = List.copyOf(columns);
    }

    public static Distribution by(List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("DISTRIBUTED BY needs at least one column");
        }
        return new Distribution(columns);
    }

    public boolean randomly() {
        return columns.isEmpty();
    }

    public String sql() {
        return randomly() ? "DISTRIBUTED RANDOMLY" : "DISTRIBUTED BY (" + Sql.identList(columns) + ")";
    }
}
