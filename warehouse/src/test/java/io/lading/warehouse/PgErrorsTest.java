package io.lading.warehouse;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The errors as the server sends them: its fields, NUL-separated, each after its one-letter code. */
class PgErrorsTest {
    private static PSQLException server(String state, String message, String where) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + state + "\0M" + message + "\0" + (where == null ? "" : "W" + where + "\0")));
    }

    @Test
    void aRefusedRowNamesItsCopyLineAndColumn() {
        SQLException e = server("22P02", "invalid input syntax for type integer: \"four\"", "COPY t, line 2, column id: \"four\"");
        assertEquals(2, PgErrors.copyLine(e));
        assertEquals("invalid input syntax for type integer: \"four\" (column id)", PgErrors.rowMessage(e));
        SQLException extra = server("22P04", "extra data after last expected column", "COPY t, line 500: \"500\tx\textra\"");
        assertEquals(500, PgErrors.copyLine(extra));
        assertEquals("extra data after last expected column", PgErrors.rowMessage(extra));
        assertEquals(17, PgErrors.copyLine(server("23502", "null value in column \"id\"", "COPY \"My, table\", line 17: \"\\N\"")));
    }

    @Test
    void failuresThatAreNotAboutARowHaveNoLine() {
        assertEquals(-1, PgErrors.copyLine(server("57P01", "terminating connection due to administrator command", "COPY t, line 3")));
        assertEquals(-1, PgErrors.copyLine(server("42501", "permission denied for table t", null)));
        assertEquals(-1, PgErrors.copyLine(server("22P02", "invalid input syntax", null)));
        assertEquals(-1, PgErrors.copyLine(server("P0001", "no binary here", "PL/pgSQL function f() line 1 at RAISE")));
        assertEquals(-1, PgErrors.copyLine(new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE)));
        assertEquals(-1, PgErrors.copyLine(new SQLException("not pgjdbc", "22P02")));
    }

    @Test
    void statesTellConnectionLossAndConcurrentWrites() {
        assertTrue(PgErrors.connectionLost(new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE)));
        assertTrue(PgErrors.connectionLost(server("57P01", "terminating connection", null)));
        assertFalse(PgErrors.connectionLost(server("22P02", "invalid input syntax", null)));
        assertFalse(PgErrors.connectionLost(new SQLException("no state")));
        assertTrue(PgErrors.uniqueViolation(server("23505", "duplicate key", null)));
        assertTrue(PgErrors.createdConcurrently(server("42P07", "relation exists", null)));
        assertTrue(PgErrors.createdConcurrently(server("23505", "duplicate key value violates unique constraint \"pg_type_typname_nsp_index\"", null)));
        assertFalse(PgErrors.createdConcurrently(server("42501", "permission denied", null)));
    }

    @Test
    void firstLineDropsWhatPgjdbcAddsBelow() {
        assertEquals("ERROR: relation \"x\" does not exist", PgErrors.firstLine("ERROR: relation \"x\" does not exist\n  Position: 15"));
        assertEquals("", PgErrors.firstLine(null));
    }
}
