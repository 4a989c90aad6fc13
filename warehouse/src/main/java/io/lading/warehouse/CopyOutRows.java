package io.lading.warehouse;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A running {@code COPY ... TO STDOUT}, read message by message: one row for TEXT and CSV (quoted
 * newlines included), for BINARY the header, tuples and trailer. {@link #close()} cancels a COPY
 * that did not run to its end, so the connection is never left inside it.
 */
public final class CopyOutRows implements AutoCloseable {
    /** Receives one CopyData message; what it throws ends the COPY. */
    @FunctionalInterface
    public interface Handler {
        void message(byte[] data) throws IOException;
    }

    private final CopyOut copy;
    private boolean complete;

    private CopyOutRows(CopyOut copy) {
        this.copy = copy;
    }

    /** Starts the COPY; a statement the server refuses fails here, before any row. */
    public static CopyOutRows start(Connection connection, String copyOut) throws SQLException {
        return new CopyOutRows(connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOut));
    }

    /** Hands every message to {@code handler} until the COPY ends. */
    public void forEach(Handler handler) throws SQLException, IOException {
        byte[] message;
        while ((message = copy.readFromCopy()) != null) {
            handler.message(message);
        }
        complete = true;
    }

    /** Cancels the COPY unless it ran to its end; never throws. */
    @Override
    public void close() {
        if (!complete && copy.isActive()) {
            try {
                copy.cancelCopy();
            }
            catch (SQLException ignored) {
                // the caller fails or closes the connection next, which ends the COPY anyway
            }
        }
    }

    /** Everything the COPY sends, for small results (a header line). */
    public static byte[] readAll(Connection connection, String copyOut) throws SQLException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CopyOutRows copy = start(connection, copyOut)) {
            copy.forEach(out::write);
        }
        return out.toByteArray();
    }
}
