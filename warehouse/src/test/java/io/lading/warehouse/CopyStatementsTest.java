package io.lading.warehouse;

import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CopyStatementsTest {
    private static final TableName ORDERS = TableName.parse("sales.\"Orders\"");

    @Test
    void csvDefaultsOut() {
        assertEquals("COPY (SELECT \"id\", \"Note\" FROM \"sales\".\"Orders\") TO STDOUT"
                        + " (FORMAT csv, DELIMITER ',', NULL '', QUOTE '\"', ESCAPE '\"')",
                CopyStatements.copyOut(CopyStatements.selectFromTable(List.of("id", "Note"), ORDERS, null),
                        TextOptions.defaults(FileFormat.CSV)));
    }

    @Test
    void textDefaultsOutHasNoEscape() {
        assertEquals("COPY (SELECT \"id\" FROM \"sales\".\"Orders\" WHERE ctid >= '(0,0)'::tid) TO STDOUT"
                        + " (FORMAT text, DELIMITER E'\\t', NULL E'\\\\N')",
                CopyStatements.copyOut(CopyStatements.selectFromTable(List.of("id"), ORDERS, "ctid >= '(0,0)'::tid"),
                        TextOptions.defaults(FileFormat.TEXT)).replace("\t", "\\t"));
    }

    @Test
    void csvAllOptions() {
        TextOptions o = new TextOptions(FileFormat.CSV, "|", "NULL", "'", "\\", true, List.of("a", "b\"c"), "latin1", null);
        assertEquals("COPY (select 1 AS a) TO STDOUT (FORMAT csv, DELIMITER '|', NULL 'NULL', QUOTE '''', ESCAPE E'\\\\',"
                        + " HEADER, FORCE_QUOTE (\"a\", \"b\"\"c\"), ENCODING 'LATIN1')",
                CopyStatements.copyOut(CopyStatements.selectFromQuery("select 1 AS a;", null), o));
    }

    @Test
    void forceQuoteAll() {
        TextOptions o = new TextOptions(FileFormat.CSV, ",", "", "\"", null, false, List.of("*"), null, null);
        assertEquals("(FORMAT csv, DELIMITER ',', NULL '', QUOTE '\"', ESCAPE '\"', FORCE_QUOTE *)", CopyStatements.optionList(o, true));
    }

    @Test
    void copyInLeavesOutForceQuote() {
        TextOptions o = new TextOptions(FileFormat.CSV, ",", "", "\"", null, true, List.of("*"), "UTF8", null);
        assertEquals("COPY \"sales\".\"Orders\" (\"id\", \"x y\") FROM STDIN (FORMAT csv, DELIMITER ',', NULL '', QUOTE '\"',"
                        + " ESCAPE '\"', HEADER, ENCODING 'UTF8')",
                CopyStatements.copyIn(ORDERS, List.of("id", "x y"), o));
    }

    @Test
    void binary() {
        assertEquals("COPY (SELECT * FROM (select * from t) AS q WHERE \"k\" < 10) TO STDOUT (FORMAT binary)",
                CopyStatements.copyOutBinary(CopyStatements.selectFromQuery(" select * from t ; ", "\"k\" < 10")));
        assertEquals("COPY \"sales\".\"Orders\" FROM STDIN (FORMAT binary)", CopyStatements.copyInBinary(ORDERS, List.of()));
    }

    @Test
    void greenplumTextEscapeOff() {
        TextOptions o = new TextOptions(FileFormat.TEXT, "|", "", null, "OFF", false, List.of(), null, null);
        assertEquals("(FORMAT text, DELIMITER '|', NULL '', ESCAPE 'OFF')", CopyStatements.optionList(o, false));
    }
}
