package io.lading.warehouse;

import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqlTest {
    @Test
    void identDoublesQuotes() {
        assertEquals("\"a\"\"b\"", Sql.ident("a\"b"));
        assertEquals("\"s\".\"Mixed Case\"", Sql.qualified("s", "Mixed Case"));
        assertEquals("\"a\", \"B\"", Sql.identList(List.of("a", "B")));
        assertThrows(IllegalArgumentException.class, () -> Sql.ident("a\0b"));
    }

    @Test
    void literal() {
        assertEquals("'plain'", Sql.literal("plain"));
        assertEquals("'it''s'", Sql.literal("it's"));
        assertEquals("''''", Sql.literal("'"));
        assertEquals("E'a\\\\b'", Sql.literal("a\\b"));
        assertEquals("E'\\t'", Sql.literal("\t"));
        assertEquals("E'x\\ny''z\\r'", Sql.literal("x\ny'z\r"));
        assertEquals("E'\\001'", Sql.literal("\u0001"));
        assertEquals("E'\\\\N'", Sql.literal("\\N"));
        assertThrows(IllegalArgumentException.class, () -> Sql.literal("a\0"));
    }

    @Test
    void backslashLiteralHasNoEPrefix() {
        assertEquals("'it''s'", Sql.backslashLiteral("it's"));
        assertEquals("'a\\\\b'", Sql.backslashLiteral("a\\b"));
        assertEquals("'\\t'", Sql.backslashLiteral("\t"));
        assertEquals("'SELECT \"a''b\" FROM \"t\"'", Sql.backslashLiteral("SELECT \"a'b\" FROM \"t\""));
    }

    /** What the server reads back is exactly the value, under both settings of standard_conforming_strings. */
    @Test
    void literalsReadBackExactlyOnPostgres() throws Exception {
        List<String> values = List.of("plain", "it's", "'", "a\\b", "\\N", "\t", "tab\there", "x\ny'z\r", "\u0001\u007f", "\\'\\''", "ünï\"cøde");
        try (Connection c = PgFixture.DATABASE.connect();
                Statement st = c.createStatement()) {
            for (String scs : List.of("on", "off")) {
                st.execute("set standard_conforming_strings = " + scs);
                st.execute("set escape_string_warning = off");
                for (String v : values) {
                    try (ResultSet rs = st.executeQuery("select " + Sql.literal(v) + ", " + Sql.ident(v + "x") + " from (select 1 as " + Sql.ident(v + "x") + ") s")) {
                        rs.next();
                        assertEquals(v, rs.getString(1), "literal " + Sql.literal(v) + " with standard_conforming_strings=" + scs);
                        assertEquals(v + "x", rs.getMetaData().getColumnLabel(2));
                    }
                    if (scs.equals("off")) {
                        // Redshift's literals behave as PostgreSQL's with standard_conforming_strings off.
                        try (ResultSet rs = st.executeQuery("select " + Sql.backslashLiteral(v))) {
                            rs.next();
                            assertEquals(v, rs.getString(1), "backslash literal " + Sql.backslashLiteral(v));
                        }
                    }
                }
            }
        }
    }
}
