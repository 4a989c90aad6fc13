package io.lading.verifier.testing;

import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.testing.PgFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Two servers for verify tests: the shared database {@code test} (through {@link PgFixture}) and a
 * second database {@code lading_verify_target} on the same server, each with a schema of the same
 * random name, dropped by {@link #close()}. Shared with the CLI tests through the test-jar.
 */
public final class TwoServers implements AutoCloseable {
    public static final String TARGET_DATABASE = "lading_verify_target";
    public static final String TARGET_URL = "jdbc:postgresql://127.0.0.1:5432/" + TARGET_DATABASE + "?user=postgres";

    public final PgFixture source;
    public final Connection target;
    public final String schema;

    public TwoServers() throws SQLException {
        createTargetDatabase();
        source = new PgFixture("ld_verify_");
        schema = source.schema;
        target = ConnectionSpec.parse(TARGET_URL).connect();
        onTarget("create schema " + schema);
    }

    /** Parallel test runs may race to create it: the loser's "already exists" is fine. */
    private static void createTargetDatabase() throws SQLException {
        try (Connection c = ConnectionSpec.parse(PgFixture.URL).connect(); Statement st = c.createStatement()) {
            if (st.executeQuery("select 1 from pg_database where datname = '" + TARGET_DATABASE + "'").next()) {
                return;
            }
            try {
                st.execute("create database " + TARGET_DATABASE);
            }
            catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    public String table(String name) {
        return schema + "." + name;
    }

    public void onSource(String sql) throws SQLException {
        source.execute(sql);
    }

    public void onTarget(String sql) throws SQLException {
        try (Statement st = target.createStatement()) {
            st.execute(sql);
        }
    }

    public void onBoth(String sql) throws SQLException {
        onSource(sql);
        onTarget(sql);
    }

    /** The hard data set as {@code <schema>.<table>} on both servers. */
    public void hardRowsOnBoth(String table) throws Exception {
        source.createHardRows(table);
        String sql = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("samples/hard-rows.sql"))
                .replace("lading_hard_rows", table(table));
        onTarget(sql);
    }

    @Override
    public void close() throws SQLException {
        try {
            onTarget("drop schema if exists " + schema + " cascade");
            target.close();
        }
        finally {
            source.close();
        }
    }
}
