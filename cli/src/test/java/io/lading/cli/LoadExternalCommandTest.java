package io.lading.cli;

import io.lading.format.Manifest;
import io.lading.loader.StandInDialect;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lading load --mode external} end to end on PostgreSQL: the files are real (local store),
 * the selection and its checks, the ledger, the transaction and the counts are the real path; only
 * the external table is {@link StandInDialect}'s plain table of 1000 rows.
 */
class LoadExternalCommandTest {
    static final String DB = PgFixture.URL;
    @AutoClose
    static final PgFixture pg = new PgFixture("ld_extcli_");
    static final String SCHEMA = pg.schema;
    /** The keys an external table carries (the stand-in ignores them). */
    static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "SECRET");

    @TempDir
    Path dir;

    private static CliRun lading(String... args) {
        CommandLine cmd = Lading.newCommandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == LoadCommand.class) {
                    return cls.cast(new LoadCommand(ENV::get, (db, dialect, listener) -> new StandInDialect(1000).loader(db, listener)));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        return CliRun.run(cmd, args);
    }

    /** An export of two files whose manifest promises 600 and {@code second} records; its folder's location. */
    private String export(String name, long second) throws Exception {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder);
        List<Manifest.Entry> entries = new ArrayList<>();
        long[] records = {600, second};
        for (int i = 0; i < 2; i++) {
            Path file = folder.resolve("part-" + i + ".csv");
            Files.writeString(file, "1,a\n");
            entries.add(new Manifest.Entry("file://" + file, true, 4, records[i]));
        }
        Files.writeString(dir.resolve(name + ".manifest"), new String(new Manifest(entries, null, "r1").toJson(), StandardCharsets.UTF_8));
        return "file://" + folder + "/";
    }

    private String table(String name) throws Exception {
        pg.execute("create table " + SCHEMA + "." + name + " (id int, s text)");
        return SCHEMA + "." + name;
    }

    private CliRun load(String table, String from, String dialect, String... more) {
        return lading(Stream.concat(Stream.of("load", "--target", DB, "--table", table, "--from", from, "--dialect", dialect,
                "--format", "csv", "--ledger-schema", SCHEMA), Stream.of(more)).toArray(String[]::new));
    }

    private long count(String sql) throws Exception {
        return pg.count(sql);
    }

    private long ledgerRows(String table) throws Exception {
        return count("select count(*) from " + SCHEMA + ".lading_load_ledger where target = '" + table + "'");
    }

    @Test
    void aRerunLoadsNothingForceReloadsAndTruncateReplaces() throws Exception {
        String t = table("once");
        String from = export("once", 400);
        CliRun first = load(t, from, "adbpg");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("load " + t + ": 1,000 rows, 2 files,"), first.out());
        assertEquals(2, ledgerRows(t));

        CliRun again = load(t, from, "adbpg", "--json");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith("{\"operation\":\"load\",\"subject\":\"" + t + "\",\"rows\":0,\"files\":0,"), again.out());
        assertTrue(again.out().contains("\"files_skipped\":2"), again.out());
        assertTrue(again.err().contains("lading: 2 of 2 files are already in the ledger; skipping " + t + " (--force reloads)\n"), again.err());
        assertEquals(1000, count("select count(*) from " + t));

        CliRun forced = load(t, from, "adbpg", "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertEquals(2000, count("select count(*) from " + t), "--force reloads");
        assertEquals(2, ledgerRows(t));

        CliRun truncated = load(t, from, "adbpg", "--truncate");
        assertEquals(0, truncated.exit(), truncated.err());
        assertEquals(1000, count("select count(*) from " + t), "--truncate replaces");
        assertEquals(2, ledgerRows(t));
    }

    @Test
    void aCountOtherThanTheManifestsRollsBackLeavingTargetAndLedgerAsTheyWere() throws Exception {
        String t = table("mismatch");
        pg.execute("insert into " + t + " values (-1, 'before')");
        CliRun run = load(t, export("mismatch", 401), "adbpg", "--truncate");
        assertEquals(1, run.exit());
        assertTrue(run.err().endsWith("lading: error: external load into " + t + " inserted 1000 rows but the manifest says 1001;"
                + " rolled back, nothing was inserted\n"), run.err());
        assertEquals(1, count("select count(*) from " + t + " where id = -1"), "the TRUNCATE rolled back too");
        assertEquals(1, count("select count(*) from " + t));
        assertEquals(0, ledgerRows(t));
        assertEquals(0, count("select count(*) from pg_tables where schemaname = '" + SCHEMA + "' and tablename like 'lading_ext_%'"));
    }

    @Test
    void greenplumLoadsAFolderWhoseRawPrefixHoldsExactlyTheSelection() throws Exception {
        String t = table("gp_ok");
        CliRun run = load(t, export("gp_ok", 400), "greenplum");
        assertEquals(0, run.exit(), run.err());
        assertEquals(1000, count("select count(*) from " + t));
        assertEquals(2, ledgerRows(t));
    }

    @Test
    void greenplumRefusesAFolderWhoseRawPrefixAlsoReadsASubFolder() throws Exception {
        String t = table("gp_deep");
        String from = export("gp_deep", 400);
        Files.createDirectories(dir.resolve("gp_deep/old"));
        Files.writeString(dir.resolve("gp_deep/old/part-0.csv"), "9,z\n");
        CliRun run = load(t, from, "greenplum");
        assertEquals(1, run.exit());
        assertEquals("lading: error: greenplum: gpcloud reads every object under the raw prefix " + from + ", and " + from
                + "old/part-0.csv is not one of the 2 selected files; move it out of the way, or load from a folder or prefix that holds"
                + " only the files to load\n", run.err());
        assertEquals(0, count("select count(*) from " + t));
    }

    @Test
    void aDryRunSaysWhatWouldBeLoadedOrSkippedAndWritesNothing() throws Exception {
        String t = table("dry");
        String from = export("dry", 400);
        CliRun dry = load(t, from, "greenplum", "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().startsWith("load into " + t + " (external mode, stand-in; dry run: nothing is written)\n"
                + "  the external table reads prefix " + from + ": exactly the 2 selected files (8 bytes)\n"
                + "    " + from + "part-0.csv  4 bytes  600 records\n"
                + "    " + from + "part-1.csv  4 bytes  400 records\n"
                + "  ledger: none of the 2 files is in the ledger: all would be loaded\n"), dry.out());
        assertEquals(0, count("select count(*) from " + t));
        assertEquals(0, ledgerRows(t));

        assertEquals(0, load(t, from, "greenplum").exit());
        CliRun skip = load(t, from, "greenplum", "--dry-run");
        assertTrue(skip.out().contains("  ledger: all 2 files are in the ledger: the load would skip " + t + " (--force reloads)\n"), skip.out());
    }
}
