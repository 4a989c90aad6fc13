package io.lading.warehouse;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a {@code COPY ... FROM STDIN} on a connection and never leaves the connection inside it: when
 * anything fails before the COPY ends, {@code cancelCopy()} runs in {@code finally}, so the
 * connection can roll back and take the next statement.
 */
public final class CopyStreams {
    private CopyStreams() {
    }

    /** Where the bytes of the COPY go: its {@code writeToCopy}. */
    public interface Sink {
        void write(byte[] b, int off, int len) throws SQLException;
    }

    /** Writes the COPY's data; {@code E} is the body's own reason to give up (the COPY is cancelled). */
    public interface Body<E extends Exception> {
        void send(Sink sink) throws IOException, SQLException, E;
    }

    /** Starts {@code copyIn} (a {@code COPY ... FROM STDIN}), lets {@code body} write, ends it: the rows the server took. */
    public static <E extends Exception> long copyIn(Connection connection, String copyIn, Body<E> body)
            throws IOException, SQLException, E {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copyIn);
        boolean done = false;
        try {
            body.send(copy::writeToCopy);
            long rows = copy.endCopy();
            done = true;
            return rows;
        }
        finally {
            if (!done && copy.isActive()) {
                try {
                    copy.cancelCopy();
                }
                catch (SQLException ignored) {
                    // the server already ended the COPY with the error being thrown
                }
            }
        }
    }
}
