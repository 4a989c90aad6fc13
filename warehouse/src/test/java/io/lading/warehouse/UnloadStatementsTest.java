package io.lading.warehouse;

import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lading.warehouse.ddl.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The statements an unload runs, against golden files: the snapshot, the splits, the COPY of a split. */
class UnloadStatementsTest {
    private static final TableName ORDERS = TableName.parse("sales.\"Orders\"");
    private static final String QUERY = "select id, \"Placed At\" from sales.\"Orders\" where note <> 'x';";

    private static String statements(List<String> statements) {
        StringBuilder s = new StringBuilder();
        statements.forEach(st -> s.append(st).append(";\n"));
        return s.toString();
    }

    @Test
    void snapshot() {
        assertGolden("unload-snapshot.sql", "-- coordinator\n" + statements(List.of(Snapshots.BEGIN, Snapshots.EXPORT, Snapshots.RELEASE))
                + "-- each reader\n" + statements(List.of(Snapshots.BEGIN, Snapshots.setTransactionSnapshot("00000003-0000001B-1"),
                        Snapshots.END)));
    }

    @Test
    void ctidRanges() {
        assertGolden("unload-ctid-ranges.txt", String.join("\n", SplitPredicates.ctidRanges(1000, 4)) + "\n");
        assertEquals(List.of(), SplitPredicates.ctidRanges(1000, 1), "one range is no split");
    }

    @Test
    void segments() {
        assertEquals(List.of("gp_segment_id = 0", "gp_segment_id = 1", "gp_segment_id = 2"), SplitPredicates.segments(3));
    }

    @Test
    void valueRanges() {
        SplitPredicates.Range range = new SplitPredicates.Range("2024-01-01 00:00:00+00", "2024-12-31 23:59:59.5+00");
        assertGolden("unload-value-ranges.sql", statements(List.of(
                SplitPredicates.rangeQuery("id", ORDERS.sql(), false),
                SplitPredicates.rangeQuery("Placed At", CopyStatements.fromItem(null, QUERY), true),
                SplitPredicates.spreadQuery("date", new SplitPredicates.Range("2024-01-01", "2024-12-31"), true),
                SplitPredicates.spreadQuery("timestamp with time zone", range, false)))
                + String.join("\n", SplitPredicates.valueRanges("Placed At", "timestamp with time zone",
                        List.of("2024-04-01 00:00:00+00", "it's"))) + "\n"
                + String.join("\n", SplitPredicates.valueRanges("k", "bigint", List.of())) + "\n");
    }

    @Test
    void copyOfASplit() {
        String split = SplitPredicates.ctidRanges(1000, 4).get(1);
        assertGolden("unload-copy-split.sql", statements(List.of(
                CopyStatements.copyOut(CopyStatements.selectFromTable(List.of("id", "Placed At"), ORDERS, split),
                        TextOptions.defaults(FileFormat.CSV)),
                CopyStatements.copyOut(CopyStatements.selectFromQuery(QUERY, "\"id\" IS NULL"), TextOptions.defaults(FileFormat.TEXT)),
                CopyStatements.copyOutBinary(CopyStatements.select("\"id\", \"Placed At\"::text",
                        CopyStatements.fromItem(ORDERS, null), split)),
                CopyStatements.copyOutBinary(CopyStatements.select("\"id\"", CopyStatements.fromItem(null, QUERY), null)))));
    }

    @Test
    void fromItemNeedsExactlyOneSource() {
        assertEquals("give exactly one of table and query",
                assertThrows(IllegalArgumentException.class, () -> CopyStatements.fromItem(null, null)).getMessage());
        assertEquals("give exactly one of table and query",
                assertThrows(IllegalArgumentException.class, () -> CopyStatements.fromItem(ORDERS, QUERY)).getMessage());
    }
}
