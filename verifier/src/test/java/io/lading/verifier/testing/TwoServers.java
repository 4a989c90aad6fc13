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
    /** The test database's server and user ({@link PgFixture#DATABASE}), another database. */
    public static final String TARGET_URL = "jdbc:postgresql://" + PgFixture.DATABASE.host() + ":" + PgFixture.DATABASE.port() + "/"
            + TARGET_DATABASE + "?user=" + PgFixture.DATABASE.user();

    public final PgFixture source;
    public final Connection target;
    public final String schema;

    /** Unchecked, so that a test class can hold it in a static final {@code @AutoClose} field. */
    public TwoServers() {
        source = new PgFixture("ld_verify_");
        schema = source.schema;
        try {
            createTargetDatabase();
            target = ConnectionSpec.parse(TARGET_URL).connect();
            onTarget("create schema " + schema);
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " in " + TARGET_URL + ": " + e.getMessage(), e);
        }
    }

    /** Parallel test runs may race to create it: the loser's "already exists" is fine. */
    private static void createTargetDatabase() throws SQLException {
        try (Connection c = PgFixture.DATABASE.connect(); Statement st = c.createStatement()) {
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
