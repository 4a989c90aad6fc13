package io.lading.loader;

import io.lading.format.Column;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.TextOptions;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.TableName;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The binary COPY encoder against the server's own text input: the same input loaded both ways
 * must store the same values (compared as the server prints them), and input outside the exact
 * subset must be refused, never guessed.
 */
class BinaryCopyTest {
    @AutoClose
    static final PgFixture pg = new PgFixture();
    static final TextOptions CSV = TextOptions.defaults(FileFormat.CSV);
    static final TextOptions TEXT = TextOptions.defaults(FileFormat.TEXT);

    /** Values each encoder takes: loaded as binary and as text, the server must print the same. */
    private static final Object[][] TAKEN = {
            {"smallint", List.of("0", "-32768", "32767", "+5", "007", "-0")},
            {"integer", List.of("-2147483648", "2147483647", "42", "+0")},
            {"bigint", List.of("-9223372036854775808", "9223372036854775807", "0", "-12", "1234567890123456789", "0000000000000000000001")},
            {"numeric", List.of("0", "-0.00", "1.50", ".5", "5.", "-.5", "+7", "10000", "100000000", "0.0001", "0.00010", "99999999",
                    "123456789012345678901234567890.123456789012345", "-0.000000000000000000000000000001", "00012.3400", "1.0000")},
            {"numeric(15,2)", List.of("1.005", "1.004", "-1.005", "12.3", "9999999999999.99", "0.001", "-0.004")},
            {"numeric(5)", List.of("12345", "1.5", "-2.5")},
            {"double precision", List.of("0", "-0", "0.1", "1.7976931348623157e308", "5e-324", "2.2250738585072014E-308", "1e-320",
                    "123456789.123456789", "-1.5E+10", ".5", "5.", "0e-400", "3.141592653589793238462643383279")},
            {"real", List.of("0", "-0", "0.1", "3.4028235e38", "3.4028235677973366e38", "1.4e-45", "1e-45", "1.17549435E-38", "16777217",
                    "0.30000001192092896", "-1.5E+10", ".5", "5.", "3.141592653589793238462643383279")},
            {"boolean", List.of("t", "f", "true", "FALSE", "yes", "no", "on", "OFF", "1", "0", "Y", "n")},
            {"date", List.of("2000-01-01", "0001-01-01", "9999-12-31", "2024-02-29", "1970-01-01", "1969-12-31", "1900-03-01")},
            {"timestamp", List.of("2000-01-01 00:00:00", "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999", "1970-01-01 00:00:00.000001",
                    "2024-02-29T12:00:00", "1999-12-31 23:59:59.5", "1969-12-31 23:59:59.1")},
            {"timestamp(0)", List.of("1999-12-31 23:59:59.5", "2000-01-01 00:00:00.4", "2000-01-01 00:00:00.49999")},
            {"timestamptz", List.of("2000-01-01 00:00:00+00", "2024-02-29 12:00:00+05:30", "1999-12-31 23:59:59-08", "2001-01-01 00:00:00+14",
                    "1900-01-01 00:00:00+05:53:28", "9999-12-31 23:59:59.999999-08", "0001-01-01 00:00:00+00", "2020-06-01 12:00:00.25-03:30")},
            {"time", List.of("00:00:00", "23:59:59.999999", "12:34:56.789", "00:00:00.000001")},
            {"time(2)", List.of("12:34:56.789", "23:59:59.994")},
            {"text", List.of("", " x ", "unicode ☃ 日本語 😀", "a\tb", "line\nbreak", "quote\"d", "back\\slash", "\\N", "NULL")},
            {"varchar(5)", List.of("abc", "abcde", "abc   ", "é☃")},
            {"character varying", List.of("any length at all")},
            {"char(3)", List.of("a", "", "abc", "ab     ", "é")},
            {"uuid", List.of("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "00000000-0000-0000-0000-000000000000")},
            {"bytea", List.of("\\x", "\\x00ff", "\\xDEADbeef")},
            {"json", List.of("{\"a\":1}", "[1, 2]", "null", " {\"b\" : \"x\"} ")},
            {"jsonb", List.of("{\"b\": 1, \"a\": [1, \"x\"]}", "null", "\"s\"")},
    };

    /** Values outside the exact subset: the encoder must refuse them (the server may well take them). */
    private static final Object[][] REFUSED = {
            {"integer", List.of(" 1", "1.0", "2147483648", "abc", "-", "1_000", "0x10")},
            {"smallint", List.of("32768", "-32769")},
            {"bigint", List.of("9223372036854775808", "-9223372036854775809", "99999999999999999999")},
            {"numeric", List.of("NaN", "1e3", "Infinity", " 1", ".", "-", "1.2.3", "")},
            {"double precision", List.of("NaN", "Infinity", "-inf", "1e400", "1e-400", "0x10", "1.5d", "", "e5", " 1")},
            {"real", List.of("NaN", "Infinity", "3.5e38", "1e-50", "1e-46", "0x1p3", "")},
            {"boolean", List.of("tr", " t", "ye", "")},
            {"date", List.of("2020-1-5", "01/05/2020", "2020-02-30", "epoch", "0000-01-01", "2020-01-01 BC", "20200105", "infinity")},
            {"timestamp", List.of("2020-01-01", "2020-01-01 10:00", "2020-01-01 24:00:00", "2020-01-01 10:00:00.1234567",
                    "2020-01-01 10:00:60", "2020-01-01 10:00:00+02", "now", "2020-01-01 10:00:00.")},
            {"timestamptz", List.of("2020-01-01 10:00:00", "2020-01-01 10:00:00Z", "2020-01-01 10:00:00+16", "2020-01-01 10:00:00 UTC",
                    "2020-01-01 10:00:00+0530", "2020-01-01 10:00:00+05:3")},
            {"time", List.of("24:00:00", "1:00:00", "10:00", "10:00:00+02")},
            {"uuid", List.of("{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g")},
            {"bytea", List.of("abc", "\\x0", "\\x0g", "\\x 00")},
    };

    @Test
    void everyTakenValueStoresWhatTheServerStoresFromText() throws Exception {
        int n = 0;
        for (Object[] c : TAKEN) {
            String type = (String) c[0];
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) c[1];
            String table = "taken_" + n++;
            byte[] csv = csvOf(values);
            assertEquals(texts(loadText(table, type, csv, CSV)), texts(loadBinary(table, type, csv, CSV)), type);
        }
    }

    @Test
    void everyRefusedValueIsRefusedWithItsLineAndColumn() throws Exception {
        for (Object[] c : REFUSED) {
            String type = (String) c[0];
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) c[1];
            TableSchema columns = new TableSchema(List.of(new Column("id", "integer"), new Column("v", formatType(type))));
            for (String v : values) {
                byte[] csv = ("1," + quote(v) + "\n").getBytes(StandardCharsets.UTF_8);
                BinaryCopy.Unsupported e = assertThrows(BinaryCopy.Unsupported.class,
                        () -> BinaryCopy.of(CSV, columns).encode(new ByteArrayInputStream(csv), (b, off, len) -> { }), type + " '" + v + "'");
                assertEquals("line 1, column v: '" + TextOptions.printable(v) + "' is not in the form binary COPY takes", e.getMessage());
            }
        }
    }

    @Test
    void datesTimestampsAndNumericsOverWideRangesStoreAlike() throws Exception {
        // every day of two centuries and the end of February of every year there is; numerics and floats
        // of many scales and magnitudes; timestamps with offsets: all printed by the server, then loaded both ways
        String query = "select row_number() over () as id, d, ts, tstz, n, n::real / 7 as f4, n::double precision / 7 as f8 from ("
                + " select d::date as d, d + (g % 86400) * interval '1.000001 second' as ts,"
                + " (d + (g % 86400) * interval '1 second')::timestamptz as tstz,"
                + " ((g - 40000)::numeric * 1.37) ^ (g % 5) / (10::numeric ^ (g % 23)) as n"
                + " from (select d, row_number() over () as g from generate_series('1900-01-01'::timestamp, '2100-12-31', interval '1 day') d) s"
                + " union all select make_date(y, 2, 28), null, null, null from generate_series(1, 9999) y"
                + " union all select make_date(y, 3, 1) - 1, null, null, null from generate_series(1, 9999) y) q";
        pg.execute("create table " + pg.table("wide_text") + " (id bigint, d date, ts timestamp, tstz timestamptz, n numeric, f4 real, f8 double precision)");
        pg.execute("create table " + pg.table("wide_bin") + " (like " + pg.table("wide_text") + ")");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("wide", ".csv");
        try {
            pg.copyOut(query, "FORMAT csv", file);
            byte[] csv = java.nio.file.Files.readAllBytes(file);
            copyText("wide_text", csv, CSV);
            copyBinary("wide_bin", Catalog.columnsOf(pg.connection, TableName.parse(pg.table("wide_bin"))), new ByteArrayInputStream(csv), CSV);
        }
        finally {
            java.nio.file.Files.delete(file);
        }
        assertEquals(73_414 + 2 * 9999, pg.count("select count(*) from " + pg.table("wide_bin")));
        // compared as text: numeric equality would ignore the display scale
        assertEquals(0, pg.count("select count(*) from (select id, d::text, ts::text, tstz::text, n::text, f4::text, f8::text from " + pg.table("wide_text")
                + " except all select id, d::text, ts::text, tstz::text, n::text, f4::text, f8::text from " + pg.table("wide_bin") + ") x"));
    }

    @Test
    void textFieldsSplitAndUnescapeAsCopyDoes() throws Exception {
        String text = String.join("\n",
                "1\tplain",
                "2\t\\N",
                "3\t\\\\N",
                "4\ttab\\there",
                "5\tnew\\nline and \\r and \\b\\f\\v",
                "6\toctal \\101\\60\\0601 hex \\x41\\x4g \\x",
                "7\tback\\\\slash",
                "8\tescaped\\\tdelimiter",
                "9\t",
                "10\t\\q unknown escape",
                "11\tlast line without newline");
        assertBothWaysAlike("text_split", "integer", "text", text.getBytes(StandardCharsets.UTF_8), TEXT);
        TextOptions pipes = TextOptions.withDefaults(FileFormat.TEXT, "|", "NUL", null, null, true, null, null, null);
        assertBothWaysAlike("text_pipes", "integer", "text", "id|s\n1|NUL\n2|NULL\n3|a\\|b\n4|\\N\n".getBytes(StandardCharsets.UTF_8), pipes);
        // Redshift's UNLOAD ... ESCAPE: a backslash before the delimiter, LF, CR and backslash; the file may end inside an escape
        TextOptions redshift = TextOptions.withDefaults(FileFormat.TEXT, "|", "", null, null, false, null, null, null);
        assertBothWaysAlike("text_redshift", "integer", "text", ("1|a\\|b\n2|line\\\nbreak\n3|cr\\\r\\\nlf\n4|\\\\\n5|\n"
                + "6|\\\\N\n7|ends in an escaped newline\\\n").getBytes(StandardCharsets.UTF_8), redshift);
    }

    @Test
    void csvFieldsSplitAndUnquoteAsCopyDoes() throws Exception {
        String csv = String.join("\n",
                "1,plain",
                "2,",
                "3,\"\"",
                "4,\"quoted, with delimiter\"",
                "5,\"embedded",
                "newline and \"\"doubled\"\" quotes\"",
                "6,mixed\"quo,ted\"part",
                "7,\"\\.\"",
                "8, spaces kept ",
                "9,\"line\r\nwith crlf inside quotes\"",
                "10,\\N",
                "11,\"unicode ☃\"");
        assertBothWaysAlike("csv_split", "integer", "text", (csv + "\n").getBytes(StandardCharsets.UTF_8), CSV);
        TextOptions semis = TextOptions.withDefaults(FileFormat.CSV, ";", "NUL", "'", null, true, null, null, null);
        assertBothWaysAlike("csv_semis", "integer", "text", "id;s\n1;NUL\n2;'NUL'\n3;'it''s'\n4;\n".getBytes(StandardCharsets.UTF_8), semis);
    }

    @Test
    void recordsAcrossBufferBoundariesAndLongerThanTheBuffer() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 30_000; i++) {
            csv.append(i).append(",\"").append("x".repeat(i % 97)).append("\"\"").append(i % 7 == 0 ? "\n" : "").append("\",")
                    .append(i % 3 == 0 ? "" : String.valueOf(i * 0.25)).append('\n');
        }
        csv.append("30001,\"").append("long ".repeat(200_000)).append("\",1.5\n");
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        pg.execute("create table " + pg.table("boundaries_text") + " (id integer, s text, n numeric)");
        pg.execute("create table " + pg.table("boundaries_bin") + " (id integer, s text, n numeric)");
        copyText("boundaries_text", bytes, CSV);
        TableSchema columns = Catalog.columnsOf(pg.connection, TableName.parse(pg.table("boundaries_bin")));
        // one byte per read: every record boundary falls at every possible place in the buffer
        copyBinary("boundaries_bin", columns, trickle(bytes), CSV);
        assertEquals(30_001, pg.count("select count(*) from " + pg.table("boundaries_bin")));
        assertEquals(0, pg.difference(pg.table("boundaries_text"), pg.table("boundaries_bin")));
    }

    @Test
    void aRecordLongerThanTheLimitGoesAsText() throws Exception {
        TableSchema columns = new TableSchema(List.of(new Column("id", "integer"), new Column("s", "text")));
        byte[] csv = ("1,short\n2," + "x".repeat(3 << 20) + "\n").getBytes(StandardCharsets.UTF_8);
        BinaryCopy.Unsupported e = assertThrows(BinaryCopy.Unsupported.class,
                () -> BinaryCopy.of(CSV, columns, 2 << 20).encode(new ByteArrayInputStream(csv), (b, off, len) -> { }));
        assertEquals("line 2 is longer than 2 MiB", e.getMessage());
        assertEquals(2, BinaryCopy.of(CSV, columns, 4 << 20).encode(new ByteArrayInputStream(csv), (b, off, len) -> { }));
    }

    @Test
    void whatCannotGoAsBinaryIsNamed() {
        TableSchema mixed = new TableSchema(List.of(new Column("a", "integer"), new Column("iv", "interval"), new Column("arr", "integer[]")));
        assertEquals("no binary encoder for columns iv interval, arr integer[]", BinaryCopy.whyNot(CSV, mixed));
        TableSchema ok = new TableSchema(List.of(new Column("a", "integer")));
        assertNull(BinaryCopy.whyNot(CSV, ok));
        assertEquals("the files' encoding is LATIN1",
                BinaryCopy.whyNot(TextOptions.withDefaults(FileFormat.CSV, null, null, null, null, false, null, "LATIN1", null), ok));
        assertNull(BinaryCopy.whyNot(TextOptions.withDefaults(FileFormat.CSV, null, null, null, null, false, null, "utf8", null), ok));
        assertEquals("the CSV escape differs from the quote",
                BinaryCopy.whyNot(TextOptions.withDefaults(FileFormat.CSV, null, null, null, "\\", false, null, null, null), ok));
    }

    @Test
    void inputTheServerMightReadDifferentlyIsRefused() throws Exception {
        TableSchema columns = new TableSchema(List.of(new Column("id", "integer"), new Column("s", "text")));
        String[][] cases = {
                {"1\tx\r\n", "line 1 has a carriage return (CRLF line ends?)"},
                {"1\tx\n\\.\n", "line 2 has a backslash before '.'"},
                {"1\tx\textra\n", "line 1 has 3 fields and the table 2 columns"},
                {"1\n", "line 1 has 1 field and the table 2 columns"},
        };
        for (String[] c : cases) {
            BinaryCopy.Unsupported e = assertThrows(BinaryCopy.Unsupported.class, () -> BinaryCopy.of(TEXT, columns)
                    .encode(new ByteArrayInputStream(c[0].getBytes(StandardCharsets.UTF_8)), (b, off, len) -> { }), c[0]);
            assertEquals(c[1], e.getMessage());
        }
        // raw bytes text COPY refuses as UTF-8 before it splits fields; unescaping would have glued them
        TextOptions withHeader = TextOptions.withDefaults(FileFormat.TEXT, null, null, null, null, true, null, null, null);
        Object[][] bytes = {
                {TEXT, "1\t\u00c3\\\u00a9\n", "line 1 is not valid UTF-8"},
                {TEXT, "1\tok\n2\t\u00e2\\\u0098\\\u0083\n", "line 2 is not valid UTF-8"},
                {CSV, "1,\u00c3\"\u00a9\"\n", "line 1 is not valid UTF-8"},
                {TEXT, "1\tx\u0000y\n", "line 1 is not valid UTF-8"},
                {withHeader, "id\u00ffs\n1\tx\n", "line 1 is not valid UTF-8"},
                {TEXT, "1\t\u00c0\u0080 overlong\n", "line 1 is not valid UTF-8"},
                {TEXT, "1\t\u00ed\u00a0\u0080 surrogate\n", "line 1 is not valid UTF-8"},
                {TEXT, "1\t\u00f4\u0090\u0080\u0080 past U+10FFFF\n", "line 1 is not valid UTF-8"},
                {TEXT, "1\tcut at the end \u00e2\u0098", "line 1 is not valid UTF-8"},
        };
        for (Object[] c : bytes) {
            byte[] raw = ((String) c[1]).getBytes(StandardCharsets.ISO_8859_1);
            BinaryCopy.Unsupported e = assertThrows(BinaryCopy.Unsupported.class, () -> BinaryCopy.of((TextOptions) c[0], columns)
                    .encode(new ByteArrayInputStream(raw), (b, off, len) -> { }), (String) c[1]);
            assertEquals(c[2], e.getMessage());
        }
        String[][] csvCases = {
                {"1,x\r\n", "line 1 has a carriage return (CRLF line ends?)"},
                {"1,x\n\\.\n", "line 2 starts with \\."},
                {"1,\"x\n\\.\n\"\n", "line 2 starts with \\."},
                {"1,\"never closed\n", "line 1 has a quoted field that is not closed"},
        };
        for (String[] c : csvCases) {
            BinaryCopy.Unsupported e = assertThrows(BinaryCopy.Unsupported.class, () -> BinaryCopy.of(CSV, columns)
                    .encode(new ByteArrayInputStream(c[0].getBytes(StandardCharsets.UTF_8)), (b, off, len) -> { }), c[0]);
            assertEquals(c[1], e.getMessage());
        }
    }

    // --- helpers ---

    private void assertBothWaysAlike(String table, String idType, String type, byte[] input, TextOptions options) throws Exception {
        pg.execute("create table " + pg.table(table + "_text") + " (id " + idType + ", v " + type + ")");
        pg.execute("create table " + pg.table(table + "_bin") + " (id " + idType + ", v " + type + ")");
        copyText(table + "_text", input, options);
        TableSchema columns = Catalog.columnsOf(pg.connection, TableName.parse(pg.table(table + "_bin")));
        copyBinary(table + "_bin", columns, new ByteArrayInputStream(input), options);
        List<String> expected = texts(table + "_text");
        assertEquals(expected, texts(table + "_bin"), table);
        assertEquals(pg.count("select count(*) from " + pg.table(table + "_text")), expected.size());
    }

    private String loadText(String table, String type, byte[] csv, TextOptions options) throws Exception {
        pg.execute("create table " + pg.table(table + "_text") + " (id integer, v " + type + ")");
        copyText(table + "_text", csv, options);
        return table + "_text";
    }

    private String loadBinary(String table, String type, byte[] csv, TextOptions options) throws Exception {
        pg.execute("create table " + pg.table(table + "_bin") + " (id integer, v " + type + ")");
        TableSchema columns = Catalog.columnsOf(pg.connection, TableName.parse(pg.table(table + "_bin")));
        copyBinary(table + "_bin", columns, new ByteArrayInputStream(csv), options);
        return table + "_bin";
    }

    private void copyText(String table, byte[] input, TextOptions options) throws Exception {
        CopyManager copy = pg.connection.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn(io.lading.warehouse.CopyStatements.copyIn(TableName.parse(pg.table(table)), List.of(), options), new ByteArrayInputStream(input));
    }

    private void copyBinary(String table, TableSchema columns, InputStream input, TextOptions options) throws Exception {
        CopyManager api = pg.connection.unwrap(PGConnection.class).getCopyAPI();
        CopyIn copy = api.copyIn(io.lading.warehouse.CopyStatements.copyInBinary(TableName.parse(pg.table(table)), columns.names()));
        try {
            BinaryCopy.of(options, columns).encode(input, copy::writeToCopy);
            copy.endCopy();
        }
        finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Each row as the server prints it, in id order. */
    private List<String> texts(String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement st = pg.connection.createStatement();
                ResultSet rs = st.executeQuery("select id::text || ' ' || coalesce(v::text, '<null>') from " + pg.table(table) + " order by id")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static byte[] csvOf(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            sb.append(i + 1).append(',').append(quote(values.get(i))).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** CSV-quoted when it must be, so '' stays an empty string, not NULL. */
    private static String quote(String v) {
        if (v.isEmpty() || v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    /** The types as format_type() prints them, as the loader sees the target's columns. */
    private static String formatType(String type) throws Exception {
        try (Statement st = pg.connection.createStatement();
                ResultSet rs = st.executeQuery("select format_type('" + type + "'::regtype, null)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }
}
