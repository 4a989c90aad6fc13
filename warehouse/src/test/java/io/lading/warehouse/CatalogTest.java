package io.lading.warehouse;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.warehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs against the machine's PostgreSQL and the embedded 9.6 (Greenplum 6 is 9.4 underneath). */
class CatalogTest {
    static final Map<TestServer, Connection> connections = new EnumMap<>(TestServer.class);

    /** The server's connection, with the test table created on first use. */
    static synchronized Connection connection(TestServer server) throws Exception {
        Connection connection = connections.get(server);
        if (connection == null) {
            connection = ConnectionSpec.parse(server.url()).connect();
            connections.put(server, connection);
            try (Statement st = connection.createStatement()) {
                st.execute("drop table if exists \"Catalog Test\"");
                st.execute("create table \"Catalog Test\" (id int8, amount numeric(12,2), n numeric, note varchar(10),"
                        + " at timestamptz, tags text[], \"Mixed\" bool)");
                st.execute("alter table \"Catalog Test\" drop column note");
            }
        }
        return connection;
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (Connection connection : connections.values()) {
            try (Statement st = connection.createStatement()) {
                st.execute("drop table if exists \"Catalog Test\"");
            }
            connection.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestServer.class)
    void tableColumnsSkipDroppedOnesAndKeepTypmods(TestServer server) throws Exception {
        Connection connection = connection(server);
        assertEquals(List.of(
                        new Column("id", "bigint"),
                        new Column("amount", "numeric(12,2)"),
                        new Column("n", "numeric"),
                        new Column("at", "timestamp with time zone"),
                        new Column("tags", "text[]"),
                        new Column("Mixed", "boolean")),
                Catalog.columnsOf(connection, TableName.parse("public.\"Catalog Test\"")).columns());
    }

    @ParameterizedTest
    @EnumSource(TestServer.class)
    void qualifiedNameIsTheCatalogsSpelling(TestServer server) throws Exception {
        Connection connection = connection(server);
        assertEquals(new TableName("public", "Catalog Test"), Catalog.qualifiedName(connection, TableName.parse("\"Catalog Test\"")));
    }

    @ParameterizedTest
    @EnumSource(TestServer.class)
    void queryColumnsAreDescribedWithoutRunningTheQuery(TestServer server) throws Exception {
        Connection connection = connection(server);
        assertEquals(List.of(
                        new Column("id", "bigint"),
                        new Column("amount", "numeric(12,2)"),
                        new Column("n", "numeric"),
                        new Column("at", "timestamp with time zone"),
                        new Column("tags", "text[]"),
                        new Column("x", "integer")),
                Catalog.columnsOfQuery(connection, "select id, amount, n, at, tags, 1 as x from \"Catalog Test\"").columns());
    }

    @ParameterizedTest
    @EnumSource(TestServer.class)
    void missingTableIsOneLineNamingIt(TestServer server) throws Exception {
        Connection connection = connection(server);
        LadingException e = assertThrows(LadingException.class,
                () -> Catalog.columnsOf(connection, TableName.parse("public.no_such_table")));
        assertEquals("table public.no_such_table does not exist", e.getMessage());
        assertFalse(Catalog.exists(connection, TableName.parse("no_such_table")));
        assertTrue(Catalog.exists(connection, TableName.parse("\"Catalog Test\"")));
    }

    @ParameterizedTest
    @EnumSource(TestServer.class)
    void failingQueryNamesTheQuery(TestServer server) throws Exception {
        Connection connection = connection(server);
        LadingException e = assertThrows(LadingException.class,
                () -> Catalog.columnsOfQuery(connection, "select nope from \"Catalog Test\""));
        assertEquals("the query failed: ERROR: column \"nope\" does not exist (query: select nope from \"Catalog Test\")",
                e.getMessage().replaceAll("\\s+Position: \\d+", ""));
    }

    @ParameterizedTest
    @EnumSource(TestServer.class)
    void detectsPlainPostgresql(TestServer server) throws Exception {
        ServerInfo info = ServerInfo.detect(connection(server));
        assertEquals(ServerInfo.Kind.POSTGRESQL, info.kind());
        assertTrue(info.canShareSnapshot());
        assertEquals(ServerInfo.Kind.GREENPLUM, ServerInfo.classify(
                "PostgreSQL 9.4.26 (Greenplum Database 6.24.0 build commit:abc) on x86_64-unknown-linux-gnu"));
        assertEquals(ServerInfo.Kind.ANALYTICDB, ServerInfo.classify(
                "PostgreSQL 9.4.24 (Greenplum Database 6.3.0 build dev) (HybridDB for PostgreSQL 6.3.10.1 build dev)"));
        assertEquals(ServerInfo.Kind.REDSHIFT, ServerInfo.classify(
                "PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.12103"));
    }

    @Test
    void tableNamesParseLikePsql() {
        assertEquals(new TableName("public", "orders"), TableName.parse("Public.ORDERS"));
        assertEquals(new TableName(null, "My.Table"), TableName.parse("\"My.Table\""));
        assertEquals("\"a\"\"b\"", TableName.parse("\"a\"\"b\"").sql());
        assertEquals("invalid table name 'a.b.c'; expected [schema.]name",
                assertThrows(LadingException.class, () -> TableName.parse("a.b.c")).getMessage());
    }
}
