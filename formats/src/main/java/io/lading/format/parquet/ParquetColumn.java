package io.lading.format.parquet;

import io.lading.format.Column;

import static java.util.Objects.requireNonNull;

/**
 * One column as Lading writes it to Parquet: the PostgreSQL column, how its binary COPY value is
 * decoded ({@link ValueKind}), the decimal precision and scale (0 unless a DECIMAL), and whether
 * the unloader must select it as {@code col::text}.
 */
public record ParquetColumn(Column column, ValueKind kind, int precision, int scale, boolean castToText) {
    public ParquetColumn {
        requireNonNull(column, "column is null");
        requireNonNull(kind, "kind is null");
        if (castToText && kind != ValueKind.TEXT) {
            throw new IllegalArgumentException("only TEXT columns are cast to text, not " + kind);
        }
        boolean decimal = kind == ValueKind.DECIMAL_INT32 || kind == ValueKind.DECIMAL_INT64 || kind == ValueKind.DECIMAL_FIXED;
        if (decimal && (precision < 1 || precision > 38 || scale < 0 || scale > precision)) {
            throw new IllegalArgumentException("invalid decimal(" + precision + "," + scale + ") for column " + column.name());
        }
    }

    public String name() {
        return column.name();
    }
}
