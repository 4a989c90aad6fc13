package io.lading.format;

import static java.util.Objects.requireNonNull;

/**
 * One column: its name and its PostgreSQL type as {@code format_type()} prints it
 * ({@code integer}, {@code numeric(12,2)}, {@code timestamp with time zone}, {@code text[]}).
 */
public record Column(String name, String pgType) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(pgType, "pgType is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
    }
}
