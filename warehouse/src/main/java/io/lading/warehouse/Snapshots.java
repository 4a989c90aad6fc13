package io.lading.warehouse;

import io.lading.common.LadingException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static java.util.Objects.requireNonNull;

/**
 * One consistent snapshot shared by parallel readers: a coordinator exports it
 * ({@code pg_export_snapshot()}) and keeps its transaction open; every reader imports it
 * ({@code SET TRANSACTION SNAPSHOT}) before its first COPY, so rows committed meanwhile are in no
 * reader's result. Every transaction here is read-only.
 */
public final class Snapshots {
    static final String BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    static final String EXPORT = "SELECT pg_export_snapshot()";
    static final String RELEASE = "ROLLBACK";
    static final String END = "COMMIT";

    private Snapshots() {
    }

    /** {@code SET TRANSACTION SNAPSHOT '<id>'}. */
    static String setTransactionSnapshot(String snapshot) {
        return "SET TRANSACTION SNAPSHOT " + Sql.literal(requireNonNull(snapshot, "snapshot is null"));
    }

    /**
     * Begins the coordinator's read-only transaction and exports its snapshot; the snapshot stays
     * importable until {@link #release} or until the connection closes.
     */
    public static String export(Connection coordinator) {
        try (Statement st = coordinator.createStatement()) {
            st.execute(BEGIN);
            try (ResultSet rs = st.executeQuery(EXPORT)) {
                rs.next();
                return rs.getString(1);
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot export a snapshot: " + e.getMessage(), e);
        }
    }

    /** Ends the coordinator's transaction once every reader is done with the snapshot. */
    public static void release(Connection coordinator) {
        try (Statement st = coordinator.createStatement()) {
            st.execute(RELEASE);
        }
        catch (SQLException e) {
            throw new LadingException("cannot end the snapshot transaction: " + e.getMessage(), e);
        }
    }

    /**
     * Begins a reader's read-only transaction in {@code snapshot} (null: a snapshot of its own, for
     * the single reader of a server that cannot share one). The reader names the source in errors.
     */
    public static void begin(Connection reader, String snapshot) throws SQLException {
        try (Statement st = reader.createStatement()) {
            st.execute(BEGIN);
            if (snapshot != null) {
                st.execute(setTransactionSnapshot(snapshot));
            }
        }
    }

    /** Ends a reader's transaction. */
    public static void end(Connection reader) throws SQLException {
        try (Statement st = reader.createStatement()) {
            st.execute(END);
        }
    }
}
