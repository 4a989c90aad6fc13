package io.lading.warehouse;

import io.lading.format.FileFormat;
import io.lading.format.TextOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Pure builders for the COPY statements both pipelines run: {@code COPY (SELECT ...) TO STDOUT}
 * for unloading and {@code COPY t (cols) FROM STDIN} for loading, with the TEXT/CSV options spelled
 * out in PostgreSQL's option-list syntax. Every identifier goes through {@link Sql#ident}, every
 * literal through {@link Sql#literal}.
 */
public final class CopyStatements {
    private CopyStatements() {
    }

    /** {@code SELECT "a", "b" FROM "s"."t"} with an optional {@code WHERE predicate}. */
    public static String selectFromTable(List<String> columns, TableName table, String predicate) {
        requireNonNull(table, "table is null");
        return select(columns, table.sql(), predicate);
    }

    /**
     * The query's columns, optionally filtered: {@code SELECT * FROM (query) AS q WHERE predicate}
     * (the query itself when there is no predicate).
     */
    public static String selectFromQuery(String query, String predicate) {
        requireNonNull(query, "query is null");
        String q = stripTrailingSemicolon(query);
        return predicate == null ? q : "SELECT * FROM (" + q + ") AS q WHERE " + predicate;
    }

    /**
     * What a read selects from: the table, or the query as a derived table {@code (query) AS q}.
     * Exactly one of them is given.
     */
    public static String fromItem(TableName table, String query) {
        if ((table == null) == (query == null)) {
            throw new IllegalArgumentException("give exactly one of table and query");
        }
        return table != null ? table.sql() : "(" + stripTrailingSemicolon(query) + ") AS q";
    }

    /**
     * {@code SELECT expressions FROM from} with an optional {@code WHERE predicate}, for a select
     * list the caller built from {@link Sql#ident}-quoted columns (casts, for instance).
     */
    public static String select(String expressions, String from, String predicate) {
        requireNonNull(expressions, "expressions is null");
        requireNonNull(from, "from is null");
        String sql = "SELECT " + expressions + " FROM " + from;
        return predicate == null ? sql : sql + " WHERE " + predicate;
    }

    private static String select(List<String> columns, String from, String predicate) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns to select");
        }
        return select(Sql.identList(columns), from, predicate);
    }

    /** {@code COPY (select) TO STDOUT (FORMAT ..., ...)}: the server renders TEXT or CSV. */
    public static String copyOut(String select, TextOptions options) {
        return "COPY (" + requireNonNull(select, "select is null") + ") TO STDOUT " + optionList(options, true);
    }

    /**
     * The header line of a TEXT file, {@code COPY (SELECT 'a', 'b') TO STDOUT (FORMAT text, ...)}:
     * the column names as one row, escaped as the server escapes values, which is what HEADER
     * writes in text format on PostgreSQL 15+; older servers refuse HEADER there ({@link Pg94#COPY_TEXT_HEADER}).
     */
    public static String copyOutTextHeader(List<String> names, TextOptions options) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no columns to name");
        }
        if (options.format() != FileFormat.TEXT) {
            throw new IllegalArgumentException("a header row of names is TEXT's; CSV has HEADER: " + options.format());
        }
        String select = "SELECT " + names.stream().map(Sql::literal).collect(Collectors.joining(", "));
        return "COPY (" + select + ") TO STDOUT " + optionList(options, true, false);
    }

    /** {@code COPY (select) TO STDOUT (FORMAT binary)}: typed rows for Parquet. */
    public static String copyOutBinary(String select) {
        return "COPY (" + requireNonNull(select, "select is null") + ") TO STDOUT (FORMAT binary)";
    }

    /** {@code COPY "s"."t" ("a", "b") FROM STDIN (FORMAT ..., ...)}; FORCE_QUOTE is output-only and left out. */
    public static String copyIn(TableName table, List<String> columns, TextOptions options) {
        requireNonNull(table, "table is null");
        String cols = columns == null || columns.isEmpty() ? "" : " (" + Sql.identList(columns) + ")";
        return "COPY " + table.sql() + cols + " FROM STDIN " + optionList(options, false);
    }

    /** {@code COPY "s"."t" ("a", "b") FROM STDIN (FORMAT binary)}. */
    public static String copyInBinary(TableName table, List<String> columns) {
        requireNonNull(table, "table is null");
        String cols = columns == null || columns.isEmpty() ? "" : " (" + Sql.identList(columns) + ")";
        return "COPY " + table.sql() + cols + " FROM STDIN (FORMAT binary)";
    }

    /**
     * The parenthesised option list. Options equal to PostgreSQL's defaults are still written out
     * (except ESCAPE in TEXT, which PostgreSQL accepts only in CSV), so a statement reads the same
     * whatever server defaults it meets.
     */
    static String optionList(TextOptions options, boolean output) {
        return optionList(options, output, options.header());
    }

    private static String optionList(TextOptions options, boolean output, boolean header) {
        requireNonNull(options, "options is null");
        List<String> parts = new ArrayList<>();
        boolean csv = options.format() == FileFormat.CSV;
        parts.add("FORMAT " + (csv ? "csv" : "text"));
        parts.add("DELIMITER " + Sql.literal(options.delimiter()));
        parts.add("NULL " + Sql.literal(options.nullString()));
        if (csv) {
            parts.add("QUOTE " + Sql.literal(options.quote()));
            parts.add("ESCAPE " + Sql.literal(options.escape()));
        }
        else if (options.escape() != null && !options.escape().equals("\\")) {
            // Greenplum's TEXT ESCAPE (incl. 'OFF'); PostgreSQL itself rejects it, as it should
            parts.add("ESCAPE " + Sql.literal(options.escape()));
        }
        if (header) {
            parts.add("HEADER");
        }
        if (output && csv && !options.forceQuote().isEmpty()) {
            parts.add(options.forceQuote().equals(List.of("*")) ? "FORCE_QUOTE *" : "FORCE_QUOTE (" + Sql.identList(options.forceQuote()) + ")");
        }
        if (options.encoding() != null) {
            parts.add("ENCODING " + Sql.literal(options.encoding().toUpperCase(Locale.ROOT)));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static String stripTrailingSemicolon(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        return q;
    }
}
