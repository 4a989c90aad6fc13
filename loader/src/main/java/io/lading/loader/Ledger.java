package io.lading.loader;

import io.lading.warehouse.Catalog;
import io.lading.warehouse.LoadStatements;
import io.lading.warehouse.PgErrors;
import io.lading.warehouse.TableName;

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
 * the ledger says exactly which files a target holds, whatever was killed when. A target is its
 * table's OID, its name kept beside it for humans: a table dropped and created again starts empty.
 */
final class Ledger {
    /** What the ledger remembers of a loaded file; {@code export} and {@code runId} are null for files loaded without a manifest. */
    record Entry(String uri, long size, String etag, long rows, String loadedAt, String export, String runId) {
    }

    /** The table whose files the ledger holds: its OID, and its schema-qualified name as the catalog spells it. */
    record Target(String name, long oid) {
        Target {
            requireNonNull(name, "name is null");
        }
    }

    private final String schema;

    Ledger(String schema) {
        this.schema = requireNonNull(schema, "schema is null");
    }

    /**
     * Creates the tables when missing, and adds the OID and run columns to a ledger an older Lading
     * created; a concurrent run doing the same at the same time is fine.
     */
    void ensure(Connection connection, boolean withRejects) throws SQLException {
        createIfMissing(connection, LoadStatements.createLedger(schema));
        if (!hasOid(connection)) {
            createIfMissing(connection, LoadStatements.upgradeLedger(schema));
        }
        if (withRejects) {
            createIfMissing(connection, LoadStatements.createRejects(schema));
        }
    }

    private boolean hasOid(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.ledgerHasOid())) {
            ps.setString(1, schema);
            ps.setString(2, LoadStatements.LEDGER_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void createIfMissing(Connection connection, String ddl) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute(ddl);
        }
        catch (SQLException e) {
            // another run created it (or added the column) between our check and our statement
            if (!PgErrors.createdConcurrently(e)) {
                throw e;
            }
        }
        finally {
            connection.setAutoCommit(auto);
        }
    }

    /**
     * The table as the ledger knows it, its rows settled: rows without an OID (an older Lading's)
     * become this table's; rows of an earlier table of the same name are deleted, with one line.
     */
    Target target(Connection connection, TableName table, LoadListener listener) throws SQLException {
        TableName resolved = Catalog.qualifiedName(connection, table);
        Target target = new Target(resolved.toString(), Catalog.oidOf(connection, resolved));
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.ledgerAdopt(schema))) {
            ps.setLong(1, target.oid());
            ps.setString(2, target.name());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.ledgerDeleteEarlier(schema))) {
            ps.setString(1, target.name());
            ps.setLong(2, target.oid());
            int earlier = ps.executeUpdate();
            if (earlier > 0) {
                listener.info("the ledger's " + earlier + " rows for " + target.name() + " belong to an earlier table of that name"
                        + " (dropped since); forgetting them: this table starts with an empty ledger");
            }
        }
        return target;
    }

    /**
     * The target's files by URI, read without writing anything (a dry run): none when the ledger does
     * not exist yet. An older Lading's rows (no OID) are not counted; a load adopts them first.
     */
    Map<String, Entry> peek(Connection connection, TableName table) throws SQLException {
        if (!hasOid(connection)) {
            return Map.of();
        }
        TableName resolved = Catalog.qualifiedName(connection, table);
        return entries(connection, new Target(resolved.toString(), Catalog.oidOf(connection, resolved)));
    }

    /** The target's files by URI. */
    Map<String, Entry> entries(Connection connection, Target target) throws SQLException {
        Map<String, Entry> result = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.ledgerEntries(schema))) {
            ps.setLong(1, target.oid());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), new Entry(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6), rs.getString(7)));
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
     * Records a loaded file of an export's run. Only a forced reload ({@code replace}) removes an
     * earlier row for it; otherwise a row already there (a concurrent run's) makes the INSERT fail
     * with 23505, and the caller rolls this file back.
     */
    void record(Connection connection, Target target, ExportRun run, LoadFile file, long rows, boolean replace) throws SQLException {
        if (replace) {
            forget(connection, target, file.uri());
        }
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.ledgerInsert(schema))) {
            ps.setString(1, target.name());
            ps.setLong(2, target.oid());
            ps.setString(3, file.uri());
            ps.setLong(4, file.object().size());
            ps.setString(5, file.object().etag());
            ps.setLong(6, rows);
            ps.setString(7, run.export());
            ps.setString(8, run.runId());
            ps.executeUpdate();
        }
    }

    void forget(Connection connection, Target target, String uri) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.ledgerDelete(schema))) {
            ps.setLong(1, target.oid());
            ps.setString(2, uri);
            ps.executeUpdate();
        }
    }

    /** Forgets every file of the target: it was truncated. */
    void forgetAll(Connection connection, Target target) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(LoadStatements.ledgerDeleteTarget(schema))) {
            ps.setLong(1, target.oid());
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
