package io.lading.warehouse.verify;

import io.lading.format.Column;
import io.lading.format.PgTypes;

/**
 * How one column's values become the canonical text both servers produce for equal values, whatever
 * their version or settings. The session settings of {@link VerifyStatements#sessionSettings()} do
 * most of the work (UTC, ISO dates, hex bytea); a rule is needed only where a setting cannot help.
 * The type's kind comes from {@link PgTypes}, the one classifier.
 */
public enum ValueRule {
    /** real and double precision: the IEEE bits of the value as float8, so 15- and 17-digit printing cannot matter. */
    FLOAT,
    /** numeric: its text, exact scale by default ({@code 1.50} differs from {@code 1.5}). */
    NUMERIC,
    /** json: compared as jsonb, so key order and white space do not matter. */
    JSON,
    /** integer types: as text; bounds of key ranges may be computed by arithmetic. */
    INTEGER,
    /** text, varchar, char: as text, ordered by bytes ({@code COLLATE "C"}) when it is a key. */
    STRING,
    /** everything else: the server's text output under the verify session settings. */
    TEXT;

    public static ValueRule of(Column column) {
        return switch (PgTypes.kindOf(column.pgType())) {
            case REAL, DOUBLE_PRECISION -> FLOAT;
            case NUMERIC -> NUMERIC;
            case JSON -> JSON;
            case SMALLINT, INTEGER, BIGINT -> INTEGER;
            case TEXT, NAME -> STRING;
            default -> TEXT;
        };
    }
}
