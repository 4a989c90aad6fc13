package io.lading.warehouse.verify;

import io.lading.format.Column;

import java.util.Locale;

/**
 * How one column's values become the canonical text both servers produce for equal values, whatever
 * their version or settings. The session settings of {@link VerifyStatements#sessionSettings()} do
 * most of the work (UTC, ISO dates, hex bytea); a rule is needed only where a setting cannot help.
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
        String type = column.pgType().toLowerCase(Locale.ROOT);
        if (type.endsWith("]")) {
            return TEXT;
        }
        if (type.equals("real") || type.equals("double precision")) {
            return FLOAT;
        }
        if (type.equals("numeric") || type.startsWith("numeric(")) {
            return NUMERIC;
        }
        if (type.equals("json")) {
            return JSON;
        }
        if (type.equals("smallint") || type.equals("integer") || type.equals("bigint")) {
            return INTEGER;
        }
        if (type.equals("text") || type.startsWith("character") || type.equals("\"char\"") || type.equals("name")) {
            return STRING;
        }
        return TEXT;
    }
}
