package io.lading.warehouse.ddl;

import io.lading.format.Column;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ColumnListTest {
    @Test
    void typesWithCommasQuotedNamesAndCase() {
        assertEquals(List.of(
                        new Column("id", "bigint"),
                        new Column("Order Id", "numeric(12,2)"),
                        new Column("a,\"b", "character varying(10)"),
                        new Column("at", "timestamp with time zone"),
                        new Column("tags", "text[]"),
                        new Column("m", "\"My Schema\".\"Mood\""),
                        new Column("x", "numeric(12, 2)[]")),
                ColumnList.parse(" ID bigint, \"Order Id\"  numeric(12,2),\"a,\"\"b\" character  varying(10), at timestamp with time zone,"
                        + " tags text[], m \"My Schema\".\"Mood\", x numeric(12, 2)[] ").columns());
    }

    @Test
    void names() {
        assertEquals(List.of("date", "Mixed", "a\"b"), ColumnList.parseNames("--distributed-by", "DATE, \"Mixed\", \"a\"\"b\""));
    }
}
