package io.lading.warehouse.testing;

import io.lading.storage.Location;
import io.lading.storage.testing.TestDatabase;
import io.lading.warehouse.ConnectionSpec;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A schema of its own on the test database ({@link TestDatabase}) for one test class: its
 * tables, ledger and rejects all live in it, and {@link #close()} drops it. Also input files written
 * with PostgreSQL's own COPY TO. Shared through the warehouse test-jar by the unloader, loader and CLI tests.
 */
public final class PgFixture implements AutoCloseable {
    /** The test database's JDBC URL: {@link TestDatabase#URL}. */
    public static final String URL = TestDatabase.URL;
    /** The test database as the tool names it in messages: {@code postgresql://postgres@127.0.0.1:5432/test}. */
    public static final ConnectionSpec DATABASE = ConnectionSpec.parse(URL);

    public final String schema;
    public final String applicationName;
    /** Connects with {@link #applicationName}, so {@link #terminateLoaders()} finds those sessions. */
    public final ConnectionSpec spec;
    public final Connection connection;

    public PgFixture() {
        this("ld_load_");
    }

    /**
     * A schema named {@code prefix} + 8 random hex digits. Unchecked, so that a test class can hold
     * it in a static final {@code @AutoClose} field.
     */
    public PgFixture(String prefix) {
        this(URL, prefix);
    }

    /** The same on another server (e.g. {@link TestServer#url()}). */
    public PgFixture(String url, String prefix) {
        schema = prefix + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        applicationName = schema + "_app";
        spec = ConnectionSpec.parse(url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName);
        ConnectionSpec database = ConnectionSpec.parse(url);
        connection = database.connect();
        try {
            execute("create schema " + schema);
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " in " + database + ": " + e.getMessage(), e);
        }
    }

    /** The test database as {@code user} would give it: {@code postgresql://user@host:port/db}. */
    public static String databaseAs(String user) {
        return "postgresql://" + user + "@" + DATABASE.host() + ":" + DATABASE.port() + "/" + DATABASE.database();
    }

    public String table(String name) {
        return schema + "." + name;
    }

    public void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    public long count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Creates {@code <schema>.<table>} with the hard data set. Numeric infinity is PostgreSQL 14+:
     * an older server (Greenplum 6's 9.4 too) holds NaN in column {@code nu} of those two rows.
     */
    public void createHardRows(String table) throws Exception {
        String sql = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("samples/hard-rows.sql"))
                .replace("lading_hard_rows", table(table));
        if (count("select current_setting('server_version_num')::int") < 140000) {
            for (String[] row : new String[][] {{"-0.0000000001, 'Infinity', true", "-0.0000000001, 'NaN', true"},
                    {"1, '-Infinity', false", "1, 'NaN', false"}}) {
                if (!sql.contains(row[0])) {
                    throw new IllegalStateException("samples/hard-rows.sql changed: no \"" + row[0] + "\" to give an old server NaN in");
                }
                sql = sql.replace(row[0], row[1]);
            }
        }
        execute(sql);
    }

    /** Writes {@code COPY (query) TO STDOUT WITH (options)} to a file, gzip when its name ends in .gz. */
    public void copyOut(String query, String options, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT WITH (" + options + ")", out);
        }
    }

    /** Writes the table as one Parquet file with the formats module's writer, from binary COPY as the unloader does. */
    public void parquetOut(String table, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        io.lading.format.TableSchema schema = io.lading.warehouse.Catalog.columnsOf(connection, io.lading.warehouse.TableName.parse(table));
        String select = "select " + io.lading.format.parquet.ParquetTypes.selectList(schema, io.lading.warehouse.Sql::ident) + " from " + table;
        java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)", binary);
        try (OutputStream out = Files.newOutputStream(file);
                io.lading.format.parquet.ParquetRowWriter writer = io.lading.format.parquet.ParquetRowWriter.open(out, file.toString(), schema,
                        io.lading.format.parquet.ParquetWriteOptions.forOpenWriters(io.lading.format.Compression.SNAPPY, 1))) {
            io.lading.format.pgbinary.PgBinaryRowDecoder decoder = new io.lading.format.pgbinary.PgBinaryRowDecoder(schema.size(), table);
            decoder.feed(binary.toByteArray(), writer::write);
            decoder.finish();
        }
    }

    public static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        if (file.toString().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
        }
        else {
            Files.writeString(file, content);
        }
    }

    public static Location location(Path path, boolean folder) {
        return Location.parse("file://" + path.toAbsolutePath() + (folder ? "/" : ""));
    }

    /**
     * Rows in one table and not the other, both ways: 0 when the tables hold the same multiset. Rows
     * compare as their text form, because json has no equality operator.
     */
    public long difference(String a, String b) throws SQLException {
        String ra = "select r::text from " + a + " r";
        String rb = "select r::text from " + b + " r";
        return count("select count(*) from ((" + ra + " except all " + rb + ") union all (" + rb + " except all " + ra + ")) d");
    }

    /** Ends every connection of the loads run with {@link #spec}, as a DBA would. */
    public int terminateLoaders() throws SQLException {
        return (int) count("select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
                + applicationName + "') t");
    }

    @Override
    public void close() throws SQLException {
        try {
            execute("drop schema if exists " + schema + " cascade");
        }
        finally {
            connection.close();
        }
    }
}
