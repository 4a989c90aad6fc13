package io.lading.format.parquet;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.TableSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParquetTypesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "smallint|INT16|false",
            "integer|INT32|false",
            "bigint|INT64|false",
            "real|FLOAT32|false",
            "double precision|FLOAT64|false",
            "numeric(9,2)|DECIMAL_INT32|false",
            "numeric(10,0)|DECIMAL_INT64|false",
            "numeric(18,18)|DECIMAL_INT64|false",
            "numeric(19,4)|DECIMAL_FIXED|false",
            "numeric(38,10)|DECIMAL_FIXED|false",
            "numeric(39,0)|TEXT|true",
            "numeric|TEXT|true",
            "numeric(5,-2)|TEXT|true",
            "date|DATE|false",
            "timestamp without time zone|TIMESTAMP|false",
            "timestamp(3) without time zone|TIMESTAMP|false",
            "timestamp with time zone|TIMESTAMPTZ|false",
            "timestamp(0) with time zone|TIMESTAMPTZ|false",
            "time without time zone|TIME|false",
            "time(6) without time zone|TIME|false",
            "time with time zone|TEXT|true",
            "boolean|BOOLEAN|false",
            "text|TEXT|false",
            "character varying(20)|TEXT|false",
            "character varying|TEXT|false",
            "character(5)|TEXT|false",
            "name|TEXT|false",
            "\"char\"|TEXT|true",
            "bytea|BYTEA|false",
            "uuid|UUID|false",
            "json|TEXT|false",
            "jsonb|JSONB|false",
            "integer[]|TEXT|true",
            "interval|TEXT|true",
            "inet|TEXT|true",
            "public.my_domain|TEXT|true",
    })
    void mapping(String pgType, ValueKind kind, boolean cast) {
        ParquetColumn c = ParquetTypes.map(new Column("c", pgType));
        assertEquals(kind, c.kind());
        assertEquals(cast, c.castToText());
        assertEquals(cast ? "\"c\"::text" : "\"c\"", ParquetTypes.selectExpression(new Column("c", pgType), "\"c\""));
    }

    @Test
    void decimalWidths() {
        assertEquals(9, ParquetTypes.decimalBytes(19));
        assertEquals(16, ParquetTypes.decimalBytes(38));
        assertEquals(12, ParquetTypes.decimalBytes(28));
    }

    @Test
    void warningOnlyForNumericWithoutUsablePrecision() {
        assertEquals(Optional.of("column \"total\" is numeric without a precision Parquet DECIMAL can hold (p <= 38, 0 <= s <= p);"
                        + " it is written as a STRING column; cast it in --query (e.g. total::numeric(38,10)) for a DECIMAL"),
                ParquetTypes.planWarning(new Column("total", "numeric")));
        assertEquals(Optional.empty(), ParquetTypes.planWarning(new Column("a", "integer[]")));
        assertEquals(Optional.empty(), ParquetTypes.planWarning(new Column("a", "numeric(12,2)")));
    }

    @Test
    void selectList() {
        TableSchema schema = new TableSchema(List.of(new Column("id", "integer"), new Column("tags", "text[]"), new Column("a\"b", "numeric")));
        assertEquals("\"id\", \"tags\"::text, \"a\"\"b\"::text",
                ParquetTypes.selectList(schema, n -> '"' + n.replace("\"", "\"\"") + '"'));
    }

    @Test
    void schemaMismatchNamesMissingAndExtraColumns() {
        TableSchema file = new TableSchema(List.of(new Column("id", "integer"), new Column("e", "text"), new Column("B", "text")));
        TableSchema table = new TableSchema(List.of(new Column("id", "integer"), new Column("c", "text"), new Column("b", "text")));
        LadingException e = assertThrows(LadingException.class,
                () -> ParquetTypes.checkColumns(file, table, "s3://bucket/x/part-0.parquet", "public.orders"));
        assertEquals("Parquet file s3://bucket/x/part-0.parquet does not match table public.orders:"
                + " missing columns in the file: \"b\", \"c\"; extra columns in the file: \"B\", \"e\"", e.getMessage());
        e = assertThrows(LadingException.class, () -> ParquetTypes.checkColumns(
                new TableSchema(List.of(new Column("id", "integer"))), table, "f", "t"));
        assertEquals("Parquet file f does not match table t: missing columns in the file: \"b\", \"c\"", e.getMessage());
        // same names, other order: fine
        ParquetTypes.checkColumns(new TableSchema(List.of(new Column("b", "text"), new Column("id", "integer"), new Column("c", "text"))),
                table, "f", "t");
    }

    @Test
    void parquetSchemaOfForeignFilesMapsBack() {
        org.apache.parquet.schema.MessageType type = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                "message spark { optional int96 ts; required int32 u (INTEGER(32,false)); optional binary s (STRING);"
                        + " optional binary raw; optional int64 ms (TIMESTAMP(MILLIS,true)); optional binary j (JSON);"
                        + " optional binary d (DECIMAL(30,2)); optional int32 day (DATE); optional int32 small (INTEGER(8,true)); }");
        assertEquals(List.of(new Column("ts", "timestamp without time zone"), new Column("u", "bigint"), new Column("s", "text"),
                        new Column("raw", "bytea"), new Column("ms", "timestamp with time zone"), new Column("j", "json"),
                        new Column("d", "numeric(30,2)"), new Column("day", "date"), new Column("small", "smallint")),
                ParquetTypes.tableSchema(type, java.util.Map.of(), "f").columns());
        org.apache.parquet.schema.MessageType nested = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                "message m { optional group tags (LIST) { repeated group list { optional binary element (STRING); } } }");
        LadingException e = assertThrows(LadingException.class, () -> ParquetTypes.tableSchema(nested, null, "s3://b/n.parquet"));
        assertEquals("Parquet file s3://b/n.parquet has nested or repeated column \"tags\", which Lading cannot load;"
                + " flatten it (e.g. to JSON text) before loading", e.getMessage());
    }
}
