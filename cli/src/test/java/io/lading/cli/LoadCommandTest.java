package io.lading.cli;

import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadCommandTest {
    static final String DB = PgFixture.URL;
    @AutoClose
    static final PgFixture pg = new PgFixture("ld_loadcli_");
    static final String SCHEMA = pg.schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pg.execute("create table " + SCHEMA + ".t (id int, s text)");
    }

    static CliRun lading(String... args) {
        return CliRun.run(args);
    }

    private String folder() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("a.csv"), "1,a\n2,b\n");
        Files.writeString(data.resolve("b.txt"), "3\tc\nfour\td\n5\t\\N\n");
        return "file://" + data + "/";
    }

    @Test
    void loadsAFolderPrintsJsonAndSkipsLoadedFilesOnTheSecondRun() throws Exception {
        String from = folder();
        CliRun first = lading("load", "--target", DB, "--table", SCHEMA + ".t", "--from", from, "--ledger-schema", SCHEMA,
                "--reject-limit", "5", "--json", "--verbose");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("{\"operation\":\"load\",\"subject\":\"" + SCHEMA + ".t\",\"rows\":4,\"files\":2,"), first.out());
        assertTrue(first.out().contains("\"files_skipped\":0,\"files_binary_copy\":1,\"rejected\":1,\"rejects\":[{\"object\":\"" + from + "b.txt\",\"line\":2,"
                + "\"message\":\"invalid input syntax for type integer: \\\"four\\\" (column id)\"}]"), first.out());
        // b.txt's 'four' is not an integer: that file goes as text, where the server rejects the row
        assertTrue(first.err().contains("text COPY for " + from + "b.txt: line 2, column id: 'four' is not in the form binary COPY takes"),
                first.err());
        assertTrue(first.err().contains("lading: 1 rows rejected, recorded in " + SCHEMA + ".lading_rejects; first: " + from
                + "b.txt line 2: invalid input syntax"), first.err());
        assertEquals(4, pg.count("select count(*) from " + SCHEMA + ".t"));
        assertTrue(first.out().endsWith("}],\"files_text_copy\":1,\"bytes_uncompressed\":null,\"bytes_stored\":24,\"ok\":true}\n"),
                first.out());

        CliRun second = lading("load", "--target", DB, "--table", SCHEMA + ".t", "--from", from, "--ledger-schema", SCHEMA);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().startsWith("load " + SCHEMA + ".t: 0 rows, 0 files,"), second.out());
        assertTrue(second.err().contains("lading: 2 of 2 files are already in the ledger; skipping them (--force reloads)"), second.err());
        assertEquals(4, pg.count("select count(*) from " + SCHEMA + ".t"));
    }

    @Test
    void userErrorsAreOneLineWithExitOne() throws Exception {
        String from = folder();
        CliRun missing = lading("load", "--target", DB, "--table", SCHEMA + ".nope", "--from", from, "--ledger-schema", SCHEMA);
        assertEquals(1, missing.exit());
        assertEquals("lading: error: table " + SCHEMA + ".nope does not exist; create it, or pass --create-table to create it"
                + " from the manifest's schema\n", missing.err());

        CliRun badRow = lading("load", "--target", DB, "--table", SCHEMA + ".t", "--from", from, "--ledger-schema", SCHEMA, "--force",
                "--atomic", "--parallel", "1");
        assertEquals(1, badRow.exit());
        assertTrue(badRow.err().endsWith("lading: error: row rejected: " + from + "b.txt line 2: invalid input syntax for type integer:"
                + " \"four\" (column id) (pass --reject-limit N to record bad rows and load the others)\n"), badRow.err());

        CliRun wrongServer = lading("load", "--target", DB, "--table", SCHEMA + ".t", "--from", "oss://bucket/data/", "--dialect", "adbpg",
                "--format", "csv");
        assertEquals(1, wrongServer.exit());
        assertEquals("lading: error: wrong dialect for the server: " + PgFixture.DATABASE + " is PostgreSQL, which has"
                + " no adbpg external tables; load it with --mode copy\n", wrongServer.err());
    }

    // The text-COPY fallback is an internal detail: counted in --json, printed only with --verbose.
    @Test
    void theTextFallbackIsCountedNotPrinted() throws Exception {
        String from = folder();
        CliRun run = lading("load", "--target", DB, "--table", SCHEMA + ".t", "--from", from, "--ledger-schema", SCHEMA,
                "--reject-limit", "5", "--force", "--json");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\"files_binary_copy\":1,\"rejected\":1,"), run.out());
        assertTrue(run.out().contains("\"files_text_copy\":1,"), run.out());
        assertEquals("lading: 1 rows rejected, recorded in " + SCHEMA + ".lading_rejects; first: " + from
                + "b.txt line 2: invalid input syntax for type integer: \"four\" (column id)\n", run.err());
    }

    @Test
    void aFailureWithJsonIsAnObjectOnStdout() throws Exception {
        String from = folder();
        CliRun missing = lading("load", "--target", DB, "--table", SCHEMA + ".nope", "--from", from, "--ledger-schema", SCHEMA, "--json");
        assertEquals(1, missing.exit());
        assertEquals("{\"ok\":false,\"operation\":\"load\",\"error\":\"table " + SCHEMA + ".nope does not exist; create it, or pass"
                + " --create-table to create it from the manifest's schema\",\"exit_code\":1,\"rows\":0,\"files\":0,\"bytes_stored\":0}\n",
                missing.out());
        CliRun usage = lading("load", "--target", DB, "--table", "a", "--table", "b", "--from", "file:///tmp/x/", "--json");
        assertEquals(2, usage.exit());
        assertEquals("{\"ok\":false,\"operation\":\"load\",\"error\":\"give one --from per --table (2 tables, 1 locations)\","
                + "\"exit_code\":2,\"rows\":0,\"files\":0,\"bytes_stored\":0}\n", usage.out());
        CliRun unparsable = lading("load", "--target", DB, "--table", "a", "--from", "file:///tmp/x/", "--no-such-option", "--json");
        assertEquals(2, unparsable.exit());
        assertEquals("{\"ok\":false,\"operation\":\"load\",\"error\":\"Unknown option: '--no-such-option'\",\"exit_code\":2}\n",
                unparsable.out());
    }

    @Test
    void aDryRunPrintsFilesFormatsAndStatementsAndLoadsNothing() throws Exception {
        String from = folder();
        long before = pg.count("select count(*) from " + SCHEMA + ".t");
        CliRun run = lading("load", "--target", DB, "--table", SCHEMA + ".t", "--from", from, "--ledger-schema", SCHEMA, "--dry-run");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertEquals("load into " + SCHEMA + ".t (copy mode; dry run: nothing is written)\n"
                + "  selection: dir " + from + " (2 files, 24 bytes)\n"
                + "  files, in read order:\n"
                + "    " + from + "a.csv  8 bytes  csv (detected)  binary COPY\n"
                + "    " + from + "b.txt  16 bytes  text (detected)  binary COPY\n"
                + "  statements, per file in its own transaction with its ledger row in " + SCHEMA + ".lading_load_ledger"
                + " (files it has are skipped):\n"
                + "    COPY \"" + SCHEMA + "\".\"t\" (\"id\", \"s\") FROM STDIN (FORMAT binary)"
                + "  (a file whose values binary COPY cannot take goes as text)\n", run.out());
        assertEquals(before, pg.count("select count(*) from " + SCHEMA + ".t"));

    }

    @Test
    void usageErrorsExitTwo() {
        CliRun run = lading("load", "--target", DB, "--table", "a", "--table", "b", "--from", "file:///tmp/x/");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("lading: give one --from per --table (2 tables, 1 locations)\n"), run.err());
        assertEquals(2, lading("load", "--table", "a", "--from", "file:///tmp/x/").exit());
    }

    @Test
    void optionsOfTheOtherModeAreUsageErrors() {
        String exclusive = "Error: [[--atomic] [--create-table] [--distributed-by=COLS[,COLS...]]... [--reject-file=PATH]]"
                + " and [--dialect=DIALECT [--compression=gzip|none] [--s3-config=PATH] [--option=KEY=VALUE]...]"
                + " are mutually exclusive (specify only one)";
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("--dialect", "adbpg", "--atomic"), exclusive);
        cases.put(List.of("--reject-file", "/tmp/r.jsonl", "--dialect", "greenplum", "--s3-config", "/etc/s3.conf"), exclusive);
        // --force and --truncate are for both modes: not in either group
        cases.put(List.of("--create-table", "--dialect", "adbpg", "--force"), exclusive);
        cases.put(List.of("--compression", "gzip"), "Error: Missing required argument(s): --dialect=DIALECT");
        cases.put(List.of("--mode", "external"), "lading: --mode external needs --dialect adbpg, adbpg7 or greenplum");
        cases.put(List.of("--mode", "copy", "--dialect", "adbpg"), "lading: --dialect is for --mode external");
        cases.put(List.of("--table", "b", "--from", "file:///tmp/y/"),
                "lading: copy mode loads one --table per run; --parallel spreads its files over connections");
        cases.forEach((args, message) -> {
            CliRun run = lading(Stream.concat(Stream.of("load", "--target", DB, "--table", "a", "--from", "file:///tmp/x/"), args.stream())
                    .toArray(String[]::new));
            assertEquals(2, run.exit(), run.err());
            assertEquals(message, run.err().lines().findFirst().orElse(""), String.join(" ", args));
        });
    }
}
