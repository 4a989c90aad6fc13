package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.TableSchema;
import io.lading.warehouse.TableName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CreateTableTest {
    static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("id", "bigint"), new Column("Amount \"x\"", "numeric(12,2)"), new Column("at", "timestamp with time zone"),
            new Column("tags", "text[]"), new Column("v", "character varying(20)")));

    @Test
    void typesAsFormatTypePrintsThemIdentifiersQuotedAndGreenplumDistribution() {
        assertEquals("create table \"s\".\"t\" (\"id\" bigint, \"Amount \"\"x\"\"\" numeric(12,2), \"at\" timestamp with time zone,"
                        + " \"tags\" text[], \"v\" character varying(20)) distributed by (\"id\")",
                CreateTable.sql(new TableName("s", "t"), SCHEMA, List.of("id")));
        assertEquals("create table \"t\" (\"id\" bigint, \"Amount \"\"x\"\"\" numeric(12,2), \"at\" timestamp with time zone,"
                        + " \"tags\" text[], \"v\" character varying(20))",
                CreateTable.sql(new TableName(null, "t"), SCHEMA, List.of()));
    }

    @Test
    void aTypeThatIsNotATypeNameIsRefused() {
        TableSchema evil = new TableSchema(List.of(new Column("a", "int); drop table x; --")));
        LadingException e = assertThrows(LadingException.class, () -> CreateTable.sql(new TableName(null, "t"), evil, List.of()));
        assertEquals("column a has type 'int); drop table x; --', which --create-table cannot use; create the table yourself", e.getMessage());
        e = assertThrows(LadingException.class, () -> CreateTable.sql(new TableName(null, "t"), SCHEMA, List.of("nope")));
        assertEquals("--distributed-by column nope is not among the columns (id, Amount \"x\", at, tags, v)", e.getMessage());
    }
}
