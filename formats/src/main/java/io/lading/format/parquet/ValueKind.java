package io.lading.format.parquet;

/**
 * How one PostgreSQL column travels: which binary COPY send format the writer decodes and which
 * Parquet type it becomes. {@link #TEXT} also covers every type Lading does not map exactly: those
 * columns are selected as {@code col::text}, so their binary form is UTF-8 text.
 */
public enum ValueKind {
    INT16, INT32, INT64, FLOAT32, FLOAT64,
    /** numeric(p,s) with p <= 9: DECIMAL on INT32. */
    DECIMAL_INT32,
    /** numeric(p,s) with p <= 18: DECIMAL on INT64. */
    DECIMAL_INT64,
    /** numeric(p,s) with p <= 38: DECIMAL on FIXED_LEN_BYTE_ARRAY. */
    DECIMAL_FIXED,
    DATE, TIMESTAMP, TIMESTAMPTZ, TIME, BOOLEAN, BYTEA, UUID,
    /** jsonb's binary send form: a version byte (1) then the JSON text. */
    JSONB,
    /** UTF-8 text: text, varchar, char, name, json, and anything selected as {@code ::text}. */
    TEXT
}
