package io.lading.cli;

import io.lading.warehouse.testing.PgFixture;
import io.lading.warehouse.ConnectionSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lading unload} through the command line: exit codes, one-line errors, nothing left behind. */
class UnloadCommandTest {
    static final String DB = PgFixture.URL;
    static final String TABLE = "unl_cli_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);

    @TempDir
    Path dir;

    @BeforeAll
    static void createTable() throws Exception {
        sql("create table " + TABLE + " (id bigint, name text, amount numeric(10,2), at timestamptz)");
        sql("insert into " + TABLE + " select g, 'n' || g, g / 3.0, timestamptz '2024-01-01' + g * interval '1 minute'"
                + " from generate_series(1, 3000) g");
    }

    @AfterAll
    static void dropTable() throws Exception {
        sql("drop table if exists " + TABLE);
    }

    static void sql(String sql) throws Exception {
        try (Connection c = ConnectionSpec.parse(DB).connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static CliRun run(String... args) {
        return CliRun.run(args);
    }

    /** {@code file://} URI of a folder inside the test's temporary directory (bucket = its first path element). */
    private String to(String name) {
        return "file://" + dir.toAbsolutePath() + "/" + name + "/";
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("keep")).toList();
        }
    }

    private CliRun unload(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("unload", "--source", DB));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void unloadsAndPrintsSummaryAndJson() throws Exception {
        Files.writeString(dir.resolve("keep"), "");
        CliRun r = unload("--table", TABLE, "--to", to("out"), "--segments", "2", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("{\"operation\":\"unload\",\"subject\":\"" + TABLE + "\",\"rows\":3000,\"files\":2,"), r.out());
        assertTrue(r.out().contains("\"manifest\":\"file://" + dir.toAbsolutePath() + "/out.manifest\""), r.out());
        assertEquals(3, files().size(), files().toString());
        assertTrue(Files.exists(dir.resolve("out.manifest")));
    }

    @Test
    void dryRunPrintsThePlanAndTouchesNothing() throws Exception {
        Files.writeString(dir.resolve("keep"), "");
        CliRun r = unload("--table", TABLE, "--to", to("dry"), "--segments", "4", "--files-per-segment", "2", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("    amount numeric(10,2)\n"), r.out());
        assertTrue(r.out().contains("N = 8 (segments S = 4 x files per segment K = 2)"), r.out());
        assertTrue(r.out().contains("  manifest:  file://" + dir.toAbsolutePath() + "/dry.manifest (written last)"), r.out());
        assertTrue(r.out().contains("-0000-00007.csv.gz"), r.out());
        assertEquals(List.of(), files());
    }

    // The same spelling of a tab as load and ddl accept: a real tab is hard to type in a shell.
    @Test
    void aTabDelimiterCanBeSpelledTabOrBackslashT() {
        for (String tab : List.of("tab", "\\t", "\t")) {
            CliRun r = unload("--table", TABLE, "--to", to("tab"), "--format", "text", "--delimiter", tab, "--dry-run");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("TO STDOUT (FORMAT text, DELIMITER E'\\t', NULL E'\\\\N')"), r.out());
        }
    }

    @Test
    void overwriteGuard() throws Exception {
        Files.writeString(dir.resolve("keep"), "");
        assertEquals(0, unload("--table", TABLE, "--to", to("o"), "--segments", "2").exit());
        List<Path> first = files();
        CliRun again = unload("--table", TABLE, "--to", to("o"), "--segments", "2");
        assertEquals(1, again.exit());
        assertTrue(again.err().startsWith("lading: error: unload of " + TABLE + " to " + to("o") + " failed: destination "), again.err());
        assertTrue(again.err().contains("is not empty (3 objects, e.g. "), again.err());
        assertTrue(again.err().contains("use --overwrite to replace them"), again.err());
        assertEquals(first, files());

        CliRun over = unload("--table", TABLE, "--to", to("o"), "--segments", "3", "--overwrite");
        assertEquals(0, over.exit(), over.err());
        List<Path> now = files();
        assertEquals(4, now.size(), now.toString());
        for (Path p : first) {
            if (!p.getFileName().toString().endsWith(".manifest")) {
                assertFalse(now.contains(p), "old file still there: " + p);
            }
        }
        assertTrue(Files.readString(dir.resolve("o.manifest")).contains("\"record_count\" : 3000"));
    }

    @Test
    void badInput() throws Exception {
        Files.writeString(dir.resolve("keep"), "");
        String to = to("bad");
        assertError(unload("--table", "no_such_table_xyz", "--to", to), 1, "lading: error: table no_such_table_xyz does not exist");
        assertError(unload("--table", TABLE, "--to", to, "--split-by", "nope"), 1,
                "lading: error: unknown column 'nope' in --split-by; " + TABLE + " has columns id, name, amount, at");
        assertError(unload("--table", TABLE, "--to", to, "--split-by", "name"), 1,
                "lading: error: --split-by column 'name' is text; use an integer, date or timestamp column");
        assertError(unload("--query", "select nope from " + TABLE, "--to", to), 1,
                "lading: error: the query failed: ERROR: column \"nope\" does not exist (query: select nope from " + TABLE + ")");
        assertError(unload("--table", TABLE, "--to", to, "--segments", "0"), 2, "lading: --segments must be at least 1, not 0");
        assertError(unload("--table", TABLE, "--to", to, "--max-file-size", "lots"), 2,
                "lading: --max-file-size 'lots' is not a size; use e.g. 1GB, 256MB or 64KB");
        assertError(unload("--table", TABLE, "--to", "file:///no-such-bucket-lading/x/"), 1,
                "lading: error: unload of " + TABLE + " to file:///no-such-bucket-lading/x/ failed: bucket folder /no-such-bucket-lading"
                        + " does not exist (location file:///no-such-bucket-lading/x/); create it first;"
                        + " nothing was published (0 uploads aborted, 0 committed files removed)");
        assertError(unload("--table", TABLE, "--to", to, "--segments-from", DB), 1,
                "lading: error: cannot read the segment count from " + PgFixture.DATABASE + ":"
                        + " ERROR: relation \"gp_segment_configuration\" does not exist;"
                        + " is it a Greenplum or AnalyticDB cluster? otherwise give --segments");
        String noSuchRole = PgFixture.databaseAs("no_such_role_lading");
        CliRun role = run("unload", "--source", noSuchRole, "--table", TABLE, "--to", to);
        assertError(role, 1, "lading: error: cannot connect to " + noSuchRole + ":"
                + " FATAL: role \"no_such_role_lading\" does not exist");
        CliRun both = unload("--table", TABLE, "--query", "select 1", "--to", to);
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        assertEquals(List.of(), files());
    }

    private static void assertError(CliRun r, int exit, String firstLine) {
        assertEquals(exit, r.exit(), r.err());
        assertEquals(firstLine, r.err().lines().findFirst().orElse(""), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
    }
}
