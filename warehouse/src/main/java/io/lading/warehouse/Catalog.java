package io.lading.warehouse;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.TableSchema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Columns, types and size estimates of tables and queries, read from the server's catalog. */
public final class Catalog {
    private static final long BLOCK_SIZE = 8192;

    private Catalog() {
    }

    /** The table's OID, or a one-line error naming the table when it does not exist. */
    public static long oidOf(Connection connection, TableName table) {
        OptionalLong oid = lookUp(connection, table);
        if (oid.isEmpty()) {
            throw new LadingException("table " + table + " does not exist");
        }
        return oid.getAsLong();
    }

    public static boolean exists(Connection connection, TableName table) {
        return lookUp(connection, table).isPresent();
    }

    /**
     * Finds a relation as the server resolves a name in a statement: in the given schema, or the
     * first one the search path shows. Reads pg_class rather than calling {@code to_regclass}, whose
     * text form PostgreSQL 9.4 (Greenplum 6, AnalyticDB 6) lacks ({@link Pg94#TO_REGCLASS_TEXT}).
     */
    static String lookUpStatement(TableName table) {
        return table.schema() == null
                ? "select c.oid from pg_catalog.pg_class c where c.relname = ? and pg_catalog.pg_table_is_visible(c.oid)"
                : "select c.oid from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                        + " where c.relname = ? and n.nspname = ?";
    }

    private static OptionalLong lookUp(Connection connection, TableName table) {
        try (PreparedStatement ps = connection.prepareStatement(lookUpStatement(table))) {
            ps.setString(1, table.name());
            if (table.schema() != null) {
                ps.setString(2, table.schema());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot look up table " + table + ": " + e.getMessage(), e);
        }
    }

    /** The table's primary key columns in key order; empty when it has none. */
    public static List<String> primaryKeyOf(Connection connection, TableName table) {
        long oid = oidOf(connection, table);
        List<String> key = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select a.attname from pg_index i cross join generate_series(0, i.indnatts - 1) as k(n)"
                        + " join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[k.n]"
                        + " where i.indrelid = ? and i.indisprimary order by k.n")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the primary key of " + table + ": " + e.getMessage(), e);
        }
        return key;
    }

    /** The table schema-qualified as the catalog spells it ({@code orders} -> {@code public.orders}). */
    public static TableName qualifiedName(Connection connection, TableName table) {
        long oid = oidOf(connection, table);
        try (PreparedStatement ps = connection.prepareStatement(
                "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new TableName(rs.getString(1), rs.getString(2));
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot look up table " + table + ": " + e.getMessage(), e);
        }
    }

    /** The table's visible columns in order, with types as {@code format_type()} prints them. */
    public static TableSchema columnsOf(Connection connection, TableName table) {
        long oid = oidOf(connection, table);
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "select attname, format_type(atttypid, atttypmod) from pg_attribute"
                        + " where attrelid = ? and attnum > 0 and not attisdropped order by attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getString(2)));
                }
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the columns of " + table + ": " + e.getMessage(), e);
        }
        if (columns.isEmpty()) {
            throw new LadingException("table " + table + " has no columns");
        }
        return new TableSchema(columns);
    }

    /** {@link #columnsOf(Connection, TableName)} on a connection of its own. */
    public static TableSchema columnsOf(ConnectionSpec db, TableName table) {
        try (Connection connection = db.connect()) {
            return columnsOf(connection, table);
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the columns of " + table + " from " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * The result columns of a query, described by the server without running it. Types come from
     * the result metadata; numeric precision/scale and varchar lengths are kept where the server
     * reports them.
     */
    public static TableSchema columnsOfQuery(Connection connection, String query) {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            ResultSetMetaData md = ps.getMetaData();
            if (md == null || md.getColumnCount() == 0) {
                throw new LadingException("the query returns no columns: " + oneLine(query));
            }
            try (PreparedStatement type = connection.prepareStatement(
                    "select format_type(oid, null) from pg_type where typname = ?")) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(new Column(md.getColumnLabel(i), typeOf(type, md, i)));
                }
            }
        }
        catch (SQLException e) {
            throw new LadingException("the query failed: " + e.getMessage().lines().findFirst().orElse("")
                    + " (query: " + oneLine(query) + ")", e);
        }
        return new TableSchema(columns);
    }

    private static String typeOf(PreparedStatement type, ResultSetMetaData md, int i) throws SQLException {
        String typname = md.getColumnTypeName(i);
        String formatted = typname;
        type.setString(1, typname);
        try (ResultSet rs = type.executeQuery()) {
            if (rs.next()) {
                formatted = rs.getString(1);
            }
        }
        if (formatted.equals("numeric")) {
            int precision = md.getPrecision(i);
            int scale = md.getScale(i);
            if (precision > 0 && precision <= 1000) {
                return "numeric(" + precision + "," + scale + ")";
            }
        }
        return formatted;
    }

    /** Planner estimates from pg_class: bytes on disk of the heap and live rows (-1 when unknown). */
    public record SizeEstimate(long bytes, long rows, long pages) {
    }

    public static SizeEstimate estimate(Connection connection, TableName table) {
        long oid = oidOf(connection, table);
        try (PreparedStatement ps = connection.prepareStatement(
                "select pg_relation_size(?::oid), reltuples::bigint, relpages from pg_class where oid = ?")) {
            ps.setLong(1, oid);
            ps.setLong(2, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new SizeEstimate(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot estimate the size of " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * How a table is stored, for splitting by ctid.
     *
     * @param relkind {@code pg_class.relkind}: 'r' table, 'p' partitioned, 'm' materialized view,
     *        'v' view, 'f' foreign table, ...
     * @param pages heap pages; of the largest partition when partitioned, since ctid ranges apply
     *        to each partition
     */
    public record Heap(char relkind, long pages) {
        /** Rows have a ctid to split on: a table, a partitioned table or a materialized view. */
        public boolean hasCtid() {
            return relkind == 'r' || relkind == 'm' || relkind == 'p';
        }
    }

    public static Heap heapOf(Connection connection, TableName table) {
        long oid = oidOf(connection, table);
        char relkind;
        long bytes;
        try (PreparedStatement ps = connection.prepareStatement("select relkind, pg_relation_size(oid) from pg_class where oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String k = rs.getString(1);
                relkind = k == null || k.isEmpty() ? 0 : k.charAt(0);
                bytes = rs.getLong(2);
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the kind of relation " + oid + ": " + e.getMessage(), e);
        }
        if (relkind == 'p') {
            bytes = largestPartitionBytes(connection, oid);
        }
        return new Heap(relkind, (bytes + BLOCK_SIZE - 1) / BLOCK_SIZE);
    }

    /**
     * Parameter: the partitioned table's oid. Walks pg_inherits, since pg_partition_tree() is
     * PostgreSQL 12+ ({@link Pg94#PARTITION_TREE}); a partitioned parent has no heap of its own.
     */
    static final String LARGEST_PARTITION = "with recursive tree(relid) as (select ?::oid"
            + " union all select i.inhrelid from pg_catalog.pg_inherits i join tree t on i.inhparent = t.relid)"
            + " select coalesce(max(pg_catalog.pg_relation_size(relid)), 0) from tree";

    private static long largestPartitionBytes(Connection connection, long oid) {
        try (PreparedStatement ps = connection.prepareStatement(LARGEST_PARTITION)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the partition sizes of relation " + oid + ": " + e.getMessage(), e);
        }
    }

    static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ").trim();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
