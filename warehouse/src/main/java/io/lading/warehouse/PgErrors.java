package io.lading.warehouse;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PostgreSQL error says, read once here: whether it is about one row of a COPY (and which
 * line), whether the connection is gone, whether a unique key or an object already existed. Errors
 * from other drivers or without the server's fields count as "not about a row".
 */
public final class PgErrors {
    private static final Pattern COPY_LINE = Pattern.compile("^COPY .*?, line (\\d+)");
    private static final Pattern COPY_COLUMN = Pattern.compile(", column ([^:]+)");

    private PgErrors() {
    }

    /**
     * The COPY line a data error points at, or -1 when the failure is not about one row
     * (connection lost, server shut down, permissions...): those are never counted as bad rows.
     */
    public static long copyLine(SQLException e) {
        ServerErrorMessage server = serverMessage(e);
        String state = e.getSQLState();
        if (server == null || state == null || !(state.startsWith("22") || state.startsWith("23"))) {
            return -1;
        }
        String where = server.getWhere();
        if (where == null) {
            return -1;
        }
        Matcher m = COPY_LINE.matcher(where);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * The server's message for a refused row, with the column COPY names in its context:
     * {@code invalid input syntax for type integer: "x" (column id)}.
     */
    public static String rowMessage(SQLException e) {
        ServerErrorMessage server = serverMessage(e);
        if (server == null) {
            return firstLine(e.getMessage());
        }
        String where = server.getWhere();
        Matcher c = where == null ? null : COPY_COLUMN.matcher(where);
        return server.getMessage() + (c != null && c.find() ? " (column " + c.group(1) + ")" : "");
    }

    /** Connection exceptions (08) and operator intervention (57: terminated, shut down): nothing about the data. */
    public static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57"));
    }

    /** 23505: a row with the same key is there (or being inserted by a transaction that then committed). */
    public static boolean uniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * A {@code CREATE ... IF NOT EXISTS} or {@code ADD COLUMN} that lost a race with a concurrent one:
     * 42P07 (the relation exists), 42701 (the column exists) or 23505 (the catalog's unique index
     * caught the second create).
     */
    public static boolean createdConcurrently(SQLException e) {
        return uniqueViolation(e) || "42P07".equals(e.getSQLState()) || "42701".equals(e.getSQLState());
    }

    /** The first line of a message (pgjdbc adds the statement's position and hints on further lines); "" for none. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().findFirst().orElse("");
    }

    private static ServerErrorMessage serverMessage(SQLException e) {
        return e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    }
}
