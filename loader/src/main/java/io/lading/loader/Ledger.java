package io.lading.loader;

import io.lading.warehouse.LoadStatements;
import io.lading.warehouse.PgErrors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * The load ledger ({@code lading_load_ledger}) and the reject table ({@code lading_rejects}) in the
 * target's database. A file's ledger row is written in the same transaction as the file's rows, so
 * the ledger says exactly which files a target holds, whatever was killed when.
 */
final class Ledger {
    /** What the ledger remembers of a loaded file. */
    record Entry(long size, String etag, long rows, String loadedAt) {
    }

    private final String schema;

    Ledger(String schema) {
        this.schema = requireNonNull(schema, "schema is null");
    }

    /** Creates the tables when missing; a concurrent run creating them at the same time is fine. */
    void ensure(Connection connection, boolean withRejects) throws SQLException {
        createIfMissing(connection, LoadStatements.createLedger(schema));
        if (withRejects) {
            createIfMissing(connection, LoadStatements.createRejects(schema));
        }
    }

    private static void createIfMissing(Connection connection, String ddl) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute(ddl);
        }
        catch (SQLException e) {
            // another run created it between our check and our create
            if (!PgErrors.createdConcurrently(e)) {
                throw e;
            }
        }
        finally {
            connection.setAutoCommit(auto);
        }
    }

    Map<String, Entry> entries(Connection connection, String target) throws SQLException {
        Map<String, Entry> result = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.ledgerEntries(schema))) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), new Entry(rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
                }
            }
        }
        return result;
    }

    /** Whether the object is still the one the ledger recorded (same size, same ETag where both have one). */
    static boolean sameObject(Entry entry, LoadFile file) {
        String etag = file.object().etag();
        return entry.size() == file.object().size()
                && (entry.etag() == null || etag == null || Objects.equals(entry.etag(), etag));
    }

    /**
     * Records a loaded file. Only a forced reload ({@code replace}) removes an earlier row for it;
     * otherwise a row already there (a concurrent run's) makes the INSERT fail with 23505, and the
     * caller rolls this file back.
     */
    void record(Connection connection, String target, LoadFile file, long rows, boolean replace) throws SQLException {
        if (replace) {
            forget(connection, target, file.uri());
        }
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.ledgerInsert(schema))) {
            ps.setString(1, target);
            ps.setString(2, file.uri());
            ps.setLong(3, file.object().size());
            ps.setString(4, file.object().etag());
            ps.setLong(5, rows);
            ps.executeUpdate();
        }
    }

    void forget(Connection connection, String target, String uri) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.ledgerDelete(schema))) {
            ps.setString(1, target);
            ps.setString(2, uri);
            ps.executeUpdate();
        }
    }

    /** Forgets every file of the target: it was truncated. */
    void forgetAll(Connection connection, String target) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.ledgerDeleteTarget(schema))) {
            ps.setString(1, target);
            ps.executeUpdate();
        }
    }

    void recordRejects(Connection connection, String target, List<Reject> list) throws SQLException {
        if (list.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.rejectsInsert(schema))) {
            for (Reject r : list) {
                ps.setString(1, target);
                ps.setString(2, r.objectUri());
                ps.setLong(3, r.line());
                ps.setString(4, r.rawLine() == null ? null : r.rawLine().replace("\0", ""));
                ps.setString(5, r.message());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
