package io.lading.cli;

import io.lading.warehouse.testing.PgFixture;
import io.lading.warehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole trip through Lading: {@code lading unload} the hard data set, {@code lading load} what
 * it wrote (found through the unloader's sibling manifest, row counts checked against it) into a
 * table created from the manifest's schema, and compare with EXCEPT ALL both ways. On the machine's
 * PostgreSQL and on the embedded 9.6, the stand-in for Greenplum 6's PostgreSQL 9.4.
 */
class UnloadLoadRoundTripTest {
    static final Map<TestServer, PgFixture> fixtures = new EnumMap<>(TestServer.class);

    @TempDir
    Path dir;

    /** The server's fixture, with the hard data set created on first use. */
    static synchronized PgFixture pg(TestServer server) throws Exception {
        PgFixture pg = fixtures.get(server);
        if (pg == null) {
            pg = new PgFixture(server.url(), "ld_rtcli_");
            fixtures.put(server, pg);
            pg.createHardRows("hard");
        }
        return pg;
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (PgFixture pg : fixtures.values()) {
            pg.close();
        }
    }

    static Stream<Arguments> serversAndFormats() {
        List<List<String>> formats = List.of(List.of("text", "gzip"), List.of("csv", "gzip"), List.of("csv", "none"),
                List.of("parquet", "snappy"), List.of("parquet", "zstd"));
        return Stream.of(TestServer.values()).flatMap(server -> formats.stream().map(f -> Arguments.of(server, f.get(0), f.get(1))));
    }

    static int lading(StringWriter err, String... args) {
        CommandLine cmd = Lading.newCommandLine();
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @ParameterizedTest
    @MethodSource("serversAndFormats")
    void unloadThenLoadGivesTheSameRows(TestServer server, String format, String compression) throws Exception {
        PgFixture pg = pg(server);
        String db = server.url();
        String target = pg.schema + ".back_" + format + "_" + compression;
        String to = "file://" + dir.resolve("export/hard") + "/";
        StringWriter err = new StringWriter();
        assertEquals(0, lading(err, "unload", "--source", db, "--table", pg.schema + ".hard", "--to", to, "--format", format,
                "--compression", compression, "--parallel", "2", "--segments", "2"), err.toString());
        assertTrue(Files.exists(dir.resolve("export/hard.manifest")), "the unloader writes the sibling manifest");

        assertEquals(0, lading(err, "load", "--target", db, "--table", target, "--from", to, "--create-table",
                "--ledger-schema", pg.schema, "--parallel", "2"), err.toString());
        String rows = "select r::text from %s r";
        String a = String.format(rows, pg.schema + ".hard");
        String b = String.format(rows, target);
        assertEquals(0, pg.count("select count(*) from ((" + a + " except all " + b + ") union all (" + b + " except all " + a + ")) d"));
        assertEquals(pg.count("select count(*) from " + pg.schema + ".hard"), pg.count("select count(*) from " + target));
    }

    /** What a new user types: the string given to {@code unload --to}, without its slash, is what ls lists and load reads. */
    @Test
    void theUnloadLocationWithoutItsSlashIsTheExport() throws Exception {
        PgFixture pg = pg(TestServer.CURRENT);
        String db = TestServer.CURRENT.url();
        String to = "file://" + dir.resolve("export/orders");
        StringWriter err = new StringWriter();
        assertEquals(0, lading(err, "unload", "--source", db, "--table", pg.schema + ".hard", "--to", to, "--parallel", "2", "--segments", "2"),
                err.toString());

        CliRun ls = CliRun.run("ls", to);
        assertEquals(0, ls.exit(), ls.err());
        assertEquals(CliRun.run("ls", to + ".manifest").out(), ls.out());
        assertEquals(2, ls.out().lines().filter(line -> line.startsWith(to + "/")).count(), ls.out());

        String target = pg.schema + ".back_no_slash";
        assertEquals(0, lading(err, "load", "--target", db, "--table", target, "--from", to, "--create-table",
                "--ledger-schema", pg.schema, "--parallel", "2"), err.toString());
        assertEquals(pg.count("select count(*) from " + pg.schema + ".hard"), pg.count("select count(*) from " + target));
    }

    @Test
    void aRefreshedExportIsNotAppendedTwice() throws Exception {
        PgFixture pg = pg(TestServer.CURRENT);
        String db = TestServer.CURRENT.url();
        String target = pg.schema + ".orders_copy";
        String to = "file://" + dir.resolve("refresh/orders") + "/";
        String[] unload = {"unload", "--source", db, "--table", pg.schema + ".hard", "--to", to, "--parallel", "2", "--segments", "2"};
        String[] load = {"load", "--target", db, "--table", target, "--from", to, "--create-table", "--ledger-schema", pg.schema};
        StringWriter err = new StringWriter();
        assertEquals(0, lading(err, unload), err.toString());
        assertEquals(0, lading(err, load), err.toString());
        long rows = pg.count("select count(*) from " + pg.schema + ".hard");
        String firstRun = Files.readString(dir.resolve("refresh/orders.manifest")).replaceAll("(?s).*\"run_id\" : \"([^\"]+)\".*", "$1");

        String[] overwrite = java.util.Arrays.copyOf(unload, unload.length + 1);
        overwrite[unload.length] = "--overwrite";
        assertEquals(0, lading(err, overwrite), err.toString());
        StringWriter refused = new StringWriter();
        assertEquals(1, lading(refused, load));
        String line = "lading: error: " + target + " already holds run " + firstRun + " of " + to + " ("
                + String.format(java.util.Locale.ROOT, "%,d", rows) + " rows); use --truncate to replace it, or --append to add this run too";
        assertTrue(refused.toString().lines().anyMatch(line::equals), refused.toString());
        assertEquals(rows, pg.count("select count(*) from " + target));

        String[] append = java.util.Arrays.copyOf(load, load.length + 1);
        append[load.length] = "--append";
        assertEquals(0, lading(err, append), err.toString());
        assertEquals(2 * rows, pg.count("select count(*) from " + target));
        String[] truncate = java.util.Arrays.copyOf(load, load.length + 1);
        truncate[load.length] = "--truncate";
        assertEquals(0, lading(err, truncate), err.toString());
        assertEquals(rows, pg.count("select count(*) from " + target));
    }
}
