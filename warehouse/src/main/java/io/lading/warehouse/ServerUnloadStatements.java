package io.lading.warehouse;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The statements of a server-side unload besides the external table's own DDL: pure string
 * builders, tested against golden files. Every identifier goes through {@link Sql#ident}, every
 * value through {@link Sql#literal}.
 */
public final class ServerUnloadStatements {
    /**
     * Float output that reads back equal: Greenplum 6's default ({@code 0}) prints 15 significant
     * digits, and 8,572 of 10,000 float8 values written by the segments read back different.
     */
    public static final String EXACT_FLOATS = "SET extra_float_digits = 3";

    /** The counts and the INSERT see one snapshot: the manifest's row counts are the files'. */
    public static final String BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ";

    private ServerUnloadStatements() {
    }

    /**
     * The distribution key of {@code table}, one row per column in key order; no row: distributed
     * randomly (or replicated). Greenplum 6 and AnalyticDB keep it in {@code distkey} (an
     * int2vector, subscripts from 0); Greenplum 5 in {@code attrnums} (an int2[]). The subscripts
     * come from a set-returning function in the select list, which the 8.3-based Greenplum 5
     * accepts as well (it has neither LATERAL nor WITH ORDINALITY).
     *
     * @param distkey true for Greenplum 6 / AnalyticDB ({@code distkey}), false for Greenplum 5 ({@code attrnums})
     */
    public static String distributionKey(TableName table, boolean distkey) {
        requireNonNull(table, "table is null");
        String key = distkey ? "distkey::int2[]" : "attrnums";
        return "SELECT a.attname FROM (SELECT localoid, " + key + " AS k, generate_series(array_lower(" + key + ", 1), array_upper("
                + key + ", 1)) AS i FROM gp_distribution_policy WHERE localoid = " + Sql.literal(table.sql()) + "::regclass"
                + (distkey ? " AND policytype = 'p'" : "") + ") p"
                + " JOIN pg_attribute a ON a.attrelid = p.localoid AND a.attnum = p.k[p.i] ORDER BY p.i";
    }

    /** Whether the catalog has Greenplum 6's {@code distkey} column (else Greenplum 5's {@code attrnums}). */
    public static final String HAS_DISTKEY = "SELECT count(*) FROM pg_attribute"
            + " WHERE attrelid = 'gp_distribution_policy'::regclass AND attname = 'distkey'";

    /** Rows per segment: the skew the plan reports, and each segment's file's row count. */
    public static String rowsPerSegment(TableName table) {
        return "SELECT gp_segment_id, count(*) FROM " + table.sql() + " GROUP BY gp_segment_id ORDER BY gp_segment_id";
    }

    /** {@code INSERT INTO ext SELECT cols FROM table}: every segment writes the rows it holds. */
    public static String insertFromTable(TableName external, TableName table, List<String> columns) {
        return "INSERT INTO " + external.sql() + " " + selectFromTable(table, columns);
    }

    /** {@code INSERT INTO ext SELECT * FROM (query) q}. */
    public static String insertFromQuery(TableName external, String query) {
        return "INSERT INTO " + external.sql() + " " + selectFromQuery(query);
    }

    /** {@code SELECT cols FROM table}: what a server-side unload of a table reads. */
    public static String selectFromTable(TableName table, List<String> columns) {
        requireNonNull(table, "table is null");
        return "SELECT " + Sql.identList(columns) + " FROM " + table.sql();
    }

    /**
     * {@code SELECT * FROM (query) AS q}: what a server-side unload of a query reads (Redshift's
     * UNLOAD refuses a LIMIT in the outer select, and takes one inside a subquery).
     */
    public static String selectFromQuery(String query) {
        requireNonNull(query, "query is null");
        return "SELECT * FROM (" + query + ") AS q";
    }
}
