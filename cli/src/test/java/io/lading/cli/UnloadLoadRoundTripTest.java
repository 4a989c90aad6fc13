package io.lading.cli;

import io.lading.warehouse.ConnectionSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole trip through Lading: {@code lading unload} the hard data set, {@code lading load} what
 * it wrote (found through the unloader's sibling manifest, row counts checked against it) into a
 * table created from the manifest's schema, and compare with EXCEPT ALL both ways.
 */
class UnloadLoadRoundTripTest {
    static final String DB = TestDatabase.URL;
    static final String SCHEMA = "ld_rtcli_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    static Connection connection;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        connection = ConnectionSpec.parse(DB).connect();
        execute("create schema " + SCHEMA);
        String sql = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("samples/hard-rows.sql"))
                .replace("lading_hard_rows", SCHEMA + ".hard");
        execute(sql);
    }

    @AfterAll
    static void tearDown() throws Exception {
        execute("drop schema " + SCHEMA + " cascade");
        connection.close();
    }

    static void execute(String sql) throws Exception {
        TestDatabase.execute(connection, sql);
    }

    static long count(String sql) throws Exception {
        return TestDatabase.count(connection, sql);
    }

    static int lading(StringWriter err, String... args) {
        CommandLine cmd = Lading.newCommandLine();
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @ParameterizedTest
    @CsvSource({"text, gzip", "csv, gzip", "csv, none", "parquet, snappy", "parquet, zstd"})
    void unloadThenLoadGivesTheSameRows(String format, String compression) throws Exception {
        String target = SCHEMA + ".back_" + format + "_" + compression;
        String to = "file://" + dir.resolve("export/hard") + "/";
        StringWriter err = new StringWriter();
        assertEquals(0, lading(err, "unload", "--source", DB, "--table", SCHEMA + ".hard", "--to", to, "--format", format,
                "--compression", compression, "--parallel", "2", "--segments", "2"), err.toString());
        assertTrue(Files.exists(dir.resolve("export/hard.manifest")), "the unloader writes the sibling manifest");

        assertEquals(0, lading(err, "load", "--target", DB, "--table", target, "--from", to, "--create-table",
                "--ledger-schema", SCHEMA, "--parallel", "2"), err.toString());
        String rows = "select r::text from %s r";
        String a = String.format(rows, SCHEMA + ".hard");
        String b = String.format(rows, target);
        assertEquals(0, count("select count(*) from ((" + a + " except all " + b + ") union all (" + b + " except all " + a + ")) d"));
        assertEquals(count("select count(*) from " + SCHEMA + ".hard"), count("select count(*) from " + target));
    }
}
