package io.lading.verifier;

import io.lading.common.LadingException;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.ServerInfo;
import io.lading.warehouse.Snapshots;
import io.lading.warehouse.verify.VerifyStatements;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One server's read-only view for a verify: every connection sees the same snapshot. Where the
 * server can share an exported snapshot, {@code parallel} connections import it; elsewhere
 * (Greenplum 6, AnalyticDB 6, Redshift) one REPEATABLE READ connection does all the reading.
 */
final class Side implements AutoCloseable {
    final String name;
    final ConnectionSpec spec;
    final ServerInfo server;
    /** The first connection: holds the snapshot open and reads the catalog. */
    final Connection coordinator;
    /** The server's {@link VerifyStatements#hashProbe}, or null where it lacks the extended hash functions (before PostgreSQL 11). */
    final String hashProbe;
    private final List<Connection> all = new ArrayList<>();
    private final BlockingQueue<Connection> idle;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Side(String name, ConnectionSpec spec, int parallel) {
        this.name = name;
        this.spec = spec;
        this.coordinator = spec.connect();
        all.add(coordinator);
        try {
            this.server = ServerInfo.detect(coordinator);
            applySettings(coordinator);
            this.hashProbe = hashProbe(coordinator);
            String snapshot = null;
            if (parallel > 1 && server.canShareSnapshot()) {
                snapshot = Snapshots.export(coordinator);
            }
            else {
                Snapshots.begin(coordinator, null);
            }
            int size = snapshot == null ? 1 : parallel;
            idle = new ArrayBlockingQueue<>(size);
            idle.add(coordinator);
            for (int i = 1; i < size; i++) {
                Connection c = spec.connect();
                all.add(c);
                applySettings(c);
                Snapshots.begin(c, snapshot);
                idle.add(c);
            }
        }
        catch (SQLException | RuntimeException e) {
            RuntimeException failure = e instanceof RuntimeException r ? r
                    : new LadingException("cannot open a snapshot on the " + name + " " + spec + ": " + e.getMessage(), e);
            closeSuppressed(failure);
            throw failure;
        }
    }

    static Side open(String name, ConnectionSpec spec, int parallel) {
        return new Side(name, spec, parallel);
    }

    /** Runs on an idle connection of this side's snapshot; a database error names the side. */
    <T> T call(Work<T> work) {
        Connection c;
        try {
            c = idle.take();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LadingException("interrupted", e);
        }
        try {
            return work.run(c);
        }
        catch (SQLException e) {
            throw new LadingException("reading the " + name + " " + spec + " failed: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("")), e);
        }
        finally {
            idle.add(c);
        }
    }

    private static String hashProbe(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(VerifyStatements.hasRowHash64())) {
                if (!rs.next() || rs.getLong(1) < VerifyStatements.ROW_HASH_FUNCTIONS) {
                    return null;
                }
            }
            try (ResultSet rs = st.executeQuery(VerifyStatements.hashProbe())) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void applySettings(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String set : VerifyStatements.sessionSettings()) {
                st.execute(set);
            }
        }
    }

    private void closeSuppressed(Throwable failure) {
        for (Connection c : all) {
            try {
                c.close();
            }
            catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Read-only transactions: closing the connections ends them; nothing to commit. */
    @Override
    public void close() {
        LadingException failure = null;
        for (Connection c : all) {
            try {
                c.close();
            }
            catch (SQLException e) {
                if (failure == null) {
                    failure = new LadingException("cannot close a connection to the " + name + " " + spec + ": " + e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
