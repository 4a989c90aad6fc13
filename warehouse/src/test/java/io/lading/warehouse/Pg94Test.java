package io.lading.warehouse;

import io.lading.format.Column;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.TextOptions;
import io.lading.warehouse.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per {@link Pg94} fact: the statement Lading sends does not use what PostgreSQL 9.4
 * lacks. Where PostgreSQL 9.6 lacks it too, the embedded 9.6 shows the fact itself.
 */
class Pg94Test {
    static final ServerInfo GREENPLUM_6 = new ServerInfo(ServerInfo.Kind.GREENPLUM,
            "PostgreSQL 9.4.26 (Greenplum Database 6.24.0 build commit:abc) on x86_64-unknown-linux-gnu", 90426);
    static final ServerInfo ANALYTICDB_6 = new ServerInfo(ServerInfo.Kind.ANALYTICDB,
            "PostgreSQL 9.4.24 (Greenplum Database 6.3.0 build dev) (HybridDB for PostgreSQL 6.3.10.1 build dev)", 90424);

    static String lower(String sql) {
        return sql.toLowerCase(Locale.ROOT);
    }

    @Test
    void toRegclassText() {
        for (TableName name : new TableName[] {TableName.parse("t"), TableName.parse("s.t")}) {
            String sql = lower(Catalog.lookUpStatement(name));
            assertFalse(sql.contains("to_regclass"), sql);
            assertTrue(sql.contains("pg_catalog.pg_class"), sql);
        }
        assertTrue(Catalog.lookUpStatement(TableName.parse("t")).contains("pg_table_is_visible"));
    }

    /** Every statement of a copy-mode load besides COPY. */
    static List<String> loadStatements() {
        TableName t = TableName.parse("s.t");
        TableSchema schema = new TableSchema(List.of(new Column("a", "integer")));
        return List.of(LoadStatements.createTable(t, schema, List.of("a")), LoadStatements.createStaging(t, t),
                LoadStatements.truncate(t), LoadStatements.insertSelect(t, List.of("a"), t), LoadStatements.dropIfExists(t),
                LoadStatements.createLedger("s"), LoadStatements.createRejects("s"), LoadStatements.ledgerEntries("s"),
                LoadStatements.ledgerInsert("s"), LoadStatements.ledgerDelete("s"), LoadStatements.ledgerDeleteTarget("s"),
                LoadStatements.rejectsInsert("s"), LoadStatements.ledgerHasOid(), LoadStatements.upgradeLedger("s"),
                LoadStatements.ledgerAdopt("s"), LoadStatements.ledgerDeleteEarlier("s"), LoadStatements.anyRow(t));
    }

    @Test
    void onConflict() {
        for (String sql : loadStatements()) {
            assertFalse(lower(sql).contains("on conflict"), sql);
        }
        assertTrue(LoadStatements.ledgerInsert("s").startsWith("insert into \"s\".\"lading_load_ledger\" ("), LoadStatements.ledgerInsert("s"));
        assertTrue(LoadStatements.ledgerInsert("s").endsWith(" values (?, ?, ?, ?, ?, ?, ?, ?)"), LoadStatements.ledgerInsert("s"));
    }

    @Test
    void ifNotExists() {
        for (String sql : loadStatements()) {
            if (lower(sql).contains("if not exists")) {
                assertTrue(lower(sql).startsWith("create table if not exists "), sql);
            }
        }
    }

    @Test
    void currentSettingMissingOk() {
        assertEquals("select current_setting('server_version_num')", ServerInfo.VERSION_NUM);
    }

    @Test
    void partitionTree() throws Exception {
        assertFalse(lower(Catalog.LARGEST_PARTITION).contains("pg_partition_tree"));
        // the same answer as pg_partition_tree on a server that has both
        try (Connection c = ConnectionSpec.parse(TestServer.CURRENT.url()).connect(); Statement st = c.createStatement()) {
            String t = "pg94_parts_" + Long.toHexString(System.nanoTime());
            st.execute("create table " + t + " (id int) partition by range (id)");
            try {
                st.execute("create table " + t + "_a partition of " + t + " for values from (0) to (10)");
                st.execute("create table " + t + "_b partition of " + t + " for values from (10) to (100000)");
                st.execute("insert into " + t + " select generate_series(0, 50000)");
                assertEquals(Catalog.heapOf(c, TableName.parse(t)).pages() * 8192, scalar(st,
                        "select max(pg_relation_size(relid)) from pg_partition_tree('" + t + "'::regclass) where isleaf"));
            }
            finally {
                st.execute("drop table " + t);
            }
        }
    }

    static long scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void tidRangeScan() {
        assertFalse(GREENPLUM_6.hasTidRangeScan());
        assertFalse(new ServerInfo(ServerInfo.Kind.POSTGRESQL, "PostgreSQL 13.9", 130009).hasTidRangeScan());
        assertTrue(new ServerInfo(ServerInfo.Kind.POSTGRESQL, "PostgreSQL 14.0", 140000).hasTidRangeScan());
    }

    @Test
    void sharedSnapshot() {
        assertFalse(GREENPLUM_6.canShareSnapshot());
        assertFalse(ANALYTICDB_6.canShareSnapshot());
        assertTrue(new ServerInfo(ServerInfo.Kind.POSTGRESQL, "PostgreSQL 9.4.26", 90426).canShareSnapshot());
        assertTrue(Pg94.SHARED_SNAPSHOT.fact().startsWith("Greenplum 6 and AnalyticDB 6 cannot share a snapshot between sessions"));
    }

    @Test
    void copyTextHeader() throws Exception {
        TextOptions text = new TextOptions(FileFormat.TEXT, "\t", "\\N", null, null, true, List.of(), null, null);
        List<String> names = List.of("id", "tab\there", "back\\slash", "Mixed Case");
        String sql = CopyStatements.copyOutTextHeader(names, text);
        assertFalse(sql.contains("HEADER"), sql);
        byte[] header;
        try (Connection c = ConnectionSpec.parse(TestServer.OLD.url()).connect(); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> st.execute("COPY (SELECT 1) TO STDOUT (FORMAT text, HEADER)"));
            assertTrue(e.getMessage().contains("HEADER"), e.getMessage());
            header = CopyOutRows.readAll(c, sql);
        }
        // what PostgreSQL 15's own HEADER writes for the same names
        try (Connection c = ConnectionSpec.parse(TestServer.CURRENT.url()).connect()) {
            String select = "SELECT " + names.stream().map(n -> "1 AS " + Sql.ident(n)).collect(java.util.stream.Collectors.joining(", "));
            assertEquals(new String(CopyOutRows.readAll(c, CopyStatements.copyOut(select, text)), StandardCharsets.UTF_8)
                    .lines().findFirst().orElseThrow() + "\n", new String(header, StandardCharsets.UTF_8));
        }
    }

    @Test
    void floatDigits() throws Exception {
        try (Connection c = ConnectionSpec.parse(TestServer.OLD.url()).connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select current_setting('extra_float_digits'), v::text::float8 = v"
                        + " from (values (1.7976931348623157e308::float8), (0.1::float8)) f(v)")) {
            while (rs.next()) {
                assertEquals("3", rs.getString(1));
                assertTrue(rs.getBoolean(2), "float8 reads back equal from its text");
            }
        }
    }
}
