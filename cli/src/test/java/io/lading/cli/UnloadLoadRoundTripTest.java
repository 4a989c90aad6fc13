package io.lading.cli;

import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole trip through Lading: {@code lading unload} the hard data set, {@code lading load} what
 * it wrote (found through the unloader's sibling manifest, row counts checked against it) into a
 * table created from the manifest's schema, and compare with EXCEPT ALL both ways.
 */
class UnloadLoadRoundTripTest {
    static final String DB = PgFixture.URL;
    @AutoClose
    static final PgFixture pg = new PgFixture("ld_rtcli_");
    static final String SCHEMA = pg.schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pg.createHardRows("hard");
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
        assertEquals(0, pg.count("select count(*) from ((" + a + " except all " + b + ") union all (" + b + " except all " + a + ")) d"));
        assertEquals(pg.count("select count(*) from " + SCHEMA + ".hard"), pg.count("select count(*) from " + target));
    }

    /** What a new user types: the string given to {@code unload --to}, without its slash, is what ls lists and load reads. */
    @Test
    void theUnloadLocationWithoutItsSlashIsTheExport() throws Exception {
        String to = "file://" + dir.resolve("export/orders");
        StringWriter err = new StringWriter();
        assertEquals(0, lading(err, "unload", "--source", DB, "--table", SCHEMA + ".hard", "--to", to, "--parallel", "2", "--segments", "2"),
                err.toString());

        CliRun ls = CliRun.run("ls", to);
        assertEquals(0, ls.exit(), ls.err());
        assertEquals(CliRun.run("ls", to + ".manifest").out(), ls.out());
        assertEquals(2, ls.out().lines().filter(line -> line.startsWith(to + "/")).count(), ls.out());

        String target = SCHEMA + ".back_no_slash";
        assertEquals(0, lading(err, "load", "--target", DB, "--table", target, "--from", to, "--create-table",
                "--ledger-schema", SCHEMA, "--parallel", "2"), err.toString());
        assertEquals(pg.count("select count(*) from " + SCHEMA + ".hard"), pg.count("select count(*) from " + target));
    }
}
