package io.lading.warehouse;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an unload asks the server, run on the local PostgreSQL in a schema of its own. */
class UnloadQueriesTest {
    static PgFixture pg;

    @BeforeAll
    static void setUp() throws Exception {
        pg = new PgFixture("wh_unl_");
        pg.execute("create table " + pg.table("t") + " as select g as id, date '2024-01-01' + g as day,"
                + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 hour' as at from generate_series(1, 5000) g");
        pg.execute("create table " + pg.table("parted") + " (id int) partition by range (id)");
        pg.execute("create table " + pg.table("small") + " partition of " + pg.table("parted") + " for values from (0) to (100)");
        pg.execute("create table " + pg.table("large") + " partition of " + pg.table("parted") + " for values from (100) to (100000)");
        pg.execute("insert into " + pg.table("parted") + " select g from generate_series(1, 50000) g");
        pg.execute("create view " + pg.table("v") + " as select 1 as one");
    }

    @AfterAll
    static void tearDown() throws Exception {
        pg.close();
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void readersInTheExportedSnapshotDoNotSeeLaterRows() throws Exception {
        String table = pg.table("snap");
        pg.execute("create table " + table + " as select g as id from generate_series(1, 10) g");
        try (Connection coordinator = pg.spec.connect(); Connection reader = pg.spec.connect()) {
            String snapshot = Snapshots.export(coordinator);
            pg.execute("insert into " + table + " values (11)");
            Snapshots.begin(reader, snapshot);
            assertEquals(10, count(reader, "select count(*) from " + table));
            Snapshots.end(reader);
            Snapshots.release(coordinator);
            assertEquals(11, count(reader, "select count(*) from " + table));
        }
    }

    @Test
    void aSnapshotNobodyExportedIsRefused() throws Exception {
        try (Connection reader = pg.spec.connect()) {
            assertTrue(assertThrows(SQLException.class, () -> Snapshots.begin(reader, "00000003-0000001B-1"))
                    .getMessage().contains("invalid snapshot identifier"));
        }
    }

    @Test
    void copyOutHandsOverOneRowPerMessageAndStopsWhenTheHandlerFails() throws Exception {
        try (Connection c = pg.spec.connect()) {
            String copy = CopyStatements.copyOut(CopyStatements.select("\"id\"", CopyStatements.fromItem(TableName.parse(pg.table("t")), null),
                    "\"id\" <= 3"), TextOptions.defaults(FileFormat.CSV));
            assertEquals("1\n2\n3\n", new String(CopyOutRows.readAll(c, copy), StandardCharsets.UTF_8));
            try (CopyOutRows rows = CopyOutRows.start(c, copy)) {
                assertEquals("stop", assertThrows(IOException.class, () -> rows.forEach(message -> {
                    throw new IOException("stop");
                })).getMessage());
            }
        }
    }

    @Test
    void rangeAndSpreadOfAColumn() throws Exception {
        String from = CopyStatements.fromItem(TableName.parse(pg.table("t")), null);
        try (Connection c = pg.spec.connect()) {
            assertEquals(Optional.of(new SplitPredicates.Range("1", "5000")), SplitPredicates.range(c, "id", from, false));
            SplitPredicates.Range days = SplitPredicates.range(c, "day", from, true).orElseThrow();
            assertEquals(new SplitPredicates.Range("2024-01-02", "2037-09-09"), days);
            assertEquals(List.of("2027-06-04", "2030-11-05", "2034-04-08"), SplitPredicates.spread(c, "date", days, 4, true));
            SplitPredicates.Range at = SplitPredicates.range(c, "at", from, true).orElseThrow();
            assertEquals(3, SplitPredicates.spread(c, "timestamp with time zone", at, 4, false).size());
            assertEquals(Optional.empty(), SplitPredicates.range(c, "id", CopyStatements.fromItem(null, "select 1 as id where false"), false));
        }
    }

    @Test
    void heapOfATablePartitionedTableAndView() throws Exception {
        try (Connection c = pg.spec.connect()) {
            Catalog.Heap table = Catalog.heapOf(c, TableName.parse(pg.table("t")));
            assertEquals('r', table.relkind());
            assertEquals((Catalog.estimate(c, TableName.parse(pg.table("t"))).bytes() + 8191) / 8192, table.pages());
            Catalog.Heap parted = Catalog.heapOf(c, TableName.parse(pg.table("parted")));
            assertEquals('p', parted.relkind());
            assertEquals(Catalog.heapOf(c, TableName.parse(pg.table("large"))).pages(), parted.pages(), "the largest partition's pages");
            assertTrue(parted.pages() > Catalog.heapOf(c, TableName.parse(pg.table("small"))).pages());
            Catalog.Heap view = Catalog.heapOf(c, TableName.parse(pg.table("v")));
            assertEquals('v', view.relkind());
            assertFalse(view.hasCtid());
            assertTrue(table.hasCtid() && parted.hasCtid());
        }
    }

    @Test
    void columnsAndSegmentsOnAConnectionOfTheirOwn() {
        assertEquals(List.of(new Column("id", "integer")), Catalog.columnsOf(pg.spec, TableName.parse(pg.table("parted"))).columns());
        LadingException e = assertThrows(LadingException.class, () -> ServerInfo.segmentCount(pg.spec));
        assertTrue(e.getMessage().startsWith("cannot read the segment count from gp_segment_configuration"), e.getMessage());
    }
}
