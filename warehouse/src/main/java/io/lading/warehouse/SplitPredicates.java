package io.lading.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The WHERE predicates that cut one read into parallel COPYs, and the two queries that place value
 * boundaries. Every set of predicates covers each row exactly once: ranges are half-open, the first
 * and last open-ended (rows past the estimate or the sampled bounds are still read), and NULLs
 * have a split of their own.
 */
public final class SplitPredicates {
    private SplitPredicates() {
    }

    /** The finite minimum and maximum of a column, as text. */
    public record Range(String min, String max) {
    }

    /** {@code count} ctid page ranges over {@code pages} heap pages (none below 2: one stream reads all). */
    public static List<String> ctidRanges(long pages, int count) {
        if (count <= 1) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        long previous = 0;
        for (int i = 1; i <= count; i++) {
            long bound = i == count ? -1 : pages * i / count;
            String lower = i == 1 ? null : "ctid >= " + tid(previous);
            String upper = bound < 0 ? null : "ctid < " + tid(bound);
            result.add(lower == null ? upper : upper == null ? lower : lower + " AND " + upper);
            previous = bound;
        }
        return result;
    }

    private static String tid(long page) {
        return Sql.literal("(" + page + ",0)") + "::tid";
    }

    /** One predicate per Greenplum/AnalyticDB segment: {@code gp_segment_id = i}. */
    public static List<String> segments(int segments) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            result.add("gp_segment_id = " + i);
        }
        return result;
    }

    /**
     * Half-open ranges of {@code column} between the {@code bounds} (values as text, cast to
     * {@code type}), the first and last open-ended, then {@code column IS NULL}.
     */
    public static List<String> valueRanges(String column, String type, List<String> bounds) {
        String col = Sql.ident(column);
        List<String> result = new ArrayList<>();
        String previous = null;
        for (String b : bounds) {
            String lit = Sql.literal(b) + "::" + type;
            result.add(previous == null ? col + " < " + lit : col + " >= " + previous + " AND " + col + " < " + lit);
            previous = lit;
        }
        result.add(previous == null ? col + " IS NOT NULL" : col + " >= " + previous);
        result.add(col + " IS NULL");
        return result;
    }

    /**
     * The minimum and maximum of {@code column} in {@code from} (a FROM item of
     * {@link CopyStatements#fromItem}), infinities left out when {@code finiteOnly}; empty when no
     * row has a value.
     */
    public static Optional<Range> range(Connection connection, String column, String from, boolean finiteOnly) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(rangeQuery(column, from, finiteOnly))) {
            rs.next();
            String min = rs.getString(1);
            return min == null ? Optional.empty() : Optional.of(new Range(min, rs.getString(2)));
        }
    }

    static String rangeQuery(String column, String from, boolean finiteOnly) {
        String col = Sql.ident(column);
        return "SELECT min(" + col + ")::text, max(" + col + ")::text FROM " + from + (finiteOnly ? " WHERE isfinite(" + col + ")" : "");
    }

    /**
     * Up to {@code count - 1} distinct values spread evenly over {@code range}, above its minimum,
     * in order, computed by the server in the date or timestamp {@code type} (date arithmetic when
     * {@code date}, interval arithmetic otherwise).
     */
    public static List<String> spread(Connection connection, String type, Range range, int count, boolean date) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(spreadQuery(type, range, date))) {
            ps.setInt(1, count);
            ps.setInt(2, count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    /** Parameters: the count, twice. */
    static String spreadQuery(String type, Range range, boolean date) {
        String l = Sql.literal(range.min()) + "::" + type;
        String h = Sql.literal(range.max()) + "::" + type;
        String step = date ? l + " + ((" + h + " - " + l + ") * g / ?)"
                : l + " + (" + h + " - " + l + ") * (g::float8 / ?)";
        return "SELECT v::text FROM (SELECT DISTINCT " + step + " AS v FROM generate_series(1, ? - 1) AS g) AS s"
                + " WHERE v > " + l + " ORDER BY v";
    }
}
