package io.lading.loader;

import io.lading.warehouse.RejectLimit;
import io.lading.warehouse.testing.PgFixture;
import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.TableSchema;
import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.storage.ObjectInfo;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.ExternalTableDialect;
import io.lading.warehouse.ddl.ExternalTableSpec;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The execution path of external mode against PostgreSQL, with {@link StandInDialect} for the external table. */
class ExternalLoaderTest {
    @AutoClose
    static final PgFixture pg = new PgFixture();
    static final TableSchema SCHEMA = new TableSchema(List.of(new Column("id", "integer"), new Column("s", "text")));

    private ExternalTableSpec spec(boolean logErrors) {
        ExternalTableSpec.Builder b = ExternalTableSpec.builder(new TableName(null, "placeholder"), SCHEMA, Location.parse("s3://b/x/"));
        if (logErrors) {
            b.rejectLimit(RejectLimit.parse("10")).logErrors(true);
        }
        return b.build();
    }

    private long leftoverExternalTables() throws Exception {
        return pg.count("select count(*) from pg_tables where schemaname = '" + pg.schema + "' and tablename like 'lading_ext_%'");
    }

    @Test
    void createInsertSelectReadErrorLogAndDrop() throws Exception {
        pg.execute("create table " + pg.table("ext_ok") + " (id int, s text)");
        StandInDialect dialect = new StandInDialect(1000, "int", false);
        List<ExternalLoader.JobResult> results = new ExternalLoader(pg.spec, dialect, LoadListener.NONE)
                .load(List.of(new ExternalLoader.Job(TableName.parse(pg.table("ext_ok")), spec(true))), 1);
        assertEquals(1000, results.get(0).rows());
        assertEquals(1000, pg.count("select count(*) from " + pg.table("ext_ok")));
        assertEquals(List.of("s3://b/x/part_0.csv line 7: missing data for column \"s\"", "s3://b/x/part_1.csv line 9: extra data after last expected column"),
                results.get(0).rejects().stream().map(Reject::describe).toList());
        assertEquals("9,a,b", results.get(0).rejects().get(1).rawLine());
        assertEquals(0, leftoverExternalTables());
        assertTrue(dialect.executed.get(0).startsWith("create table \"" + pg.schema + "\".\"lading_ext_ext_ok_"), dialect.executed.get(0));
    }

    @Test
    void theExternalTableIsDroppedWhenTheInsertFails() throws Exception {
        pg.execute("create table " + pg.table("ext_fail") + " (id int, s text)");
        StandInDialect dialect = new StandInDialect(10, "text", false);
        LadingException e = assertThrows(LadingException.class, () -> new ExternalLoader(pg.spec, dialect, LoadListener.NONE)
                .load(List.of(new ExternalLoader.Job(TableName.parse(pg.table("ext_fail")), spec(false))), 1));
        assertEquals("external load into " + pg.table("ext_fail") + " failed: ERROR: column \"id\" is of type integer but expression"
                + " is of type text (nothing was inserted)", e.getMessage());
        assertEquals(0, leftoverExternalTables());
        assertEquals(0, pg.count("select count(*) from " + pg.table("ext_fail")));
        assertTrue(dialect.executed.get(dialect.executed.size() - 1).startsWith("drop table if exists"));

        StandInDialect badCreate = new StandInDialect(10, "int", true);
        assertThrows(LadingException.class, () -> new ExternalLoader(pg.spec, badCreate, LoadListener.NONE)
                .load(List.of(new ExternalLoader.Job(TableName.parse(pg.table("ext_fail")), spec(false))), 1));
        assertEquals(0, leftoverExternalTables(), "the table made by the first statement is dropped too");
    }

    @Test
    void severalTablesLoadConcurrently() throws Exception {
        List<ExternalLoader.Job> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pg.execute("create table " + pg.table("ext_par" + i) + " (id int, s text)");
            jobs.add(new ExternalLoader.Job(TableName.parse(pg.table("ext_par" + i)), spec(false)));
        }
        List<ExternalLoader.JobResult> results = new ExternalLoader(pg.spec, new StandInDialect(100, "int", false), LoadListener.NONE).load(jobs, 2);
        assertEquals(List.of(100L, 100L, 100L), results.stream().map(ExternalLoader.JobResult::rows).toList());
        for (int i = 0; i < 3; i++) {
            assertEquals(100, pg.count("select count(*) from " + pg.table("ext_par" + i)));
        }
        assertEquals(0, leftoverExternalTables());
    }

    /** Two files of a manifest (600 + {@code second} records) that the stand-in's 1000 rows stand for. */
    private static ExternalReads reads(long second, boolean force) {
        return reads("20261201T012500000", 0, second, force, false);
    }

    /** Files {@code first} and {@code first + 1} of run {@code runId} of the export s3://b/x/. */
    private static ExternalReads reads(String runId, int first, long second, boolean force, boolean append) {
        List<LoadFile> files = new ArrayList<>();
        List<Manifest.Entry> entries = new ArrayList<>();
        long[] records = {600, second};
        for (int i = 0; i < 2; i++) {
            Location location = Location.parse("s3://b/x/part_" + (first + i) + ".csv");
            files.add(new LoadFile(new ObjectInfo(location, 100, "etag" + i, Instant.EPOCH), records[i]));
            entries.add(new Manifest.Entry(location.toString(), true, 100, records[i]));
        }
        Manifest manifest = new Manifest(entries, null, runId);
        return new ExternalReads(new FileSelection.Selected(files, manifest, SelectionRule.MANIFEST), pg.schema, force, append);
    }

    @Test
    void anotherRunOfTheSameExportIsRefusedUnlessAppended() throws Exception {
        pg.execute("create table " + pg.table("ext_runs") + " (id int, s text)");
        TableName target = TableName.parse(pg.table("ext_runs"));
        ExternalLoader loader = new ExternalLoader(pg.spec, new StandInDialect(1000, "int", false), LoadListener.NONE);
        loader.load(List.of(new ExternalLoader.Job(target, spec(false), reads("20261201T010000000", 0, 400, false, false))), 1);

        LadingException e = assertThrows(LadingException.class, () -> loader.load(
                List.of(new ExternalLoader.Job(target, spec(false), reads("20261202T010000000", 2, 400, false, false))), 1));
        assertEquals(pg.table("ext_runs") + " already holds run 20261201T010000000 of s3://b/x/ (1,000 rows); use --truncate to replace it,"
                + " or --append to add this run too", e.getMessage());
        assertEquals(1000, pg.count("select count(*) from " + pg.table("ext_runs")), "the refused run inserted nothing");

        assertEquals(1000, loader.load(List.of(new ExternalLoader.Job(target, spec(false),
                reads("20261202T010000000", 2, 400, false, true))), 1).get(0).rows(), "--append loads the other run");
        assertEquals(2000, pg.count("select count(*) from " + pg.table("ext_runs")));
        assertEquals(4, ledgerRows("ext_runs"));
        assertEquals(0, leftoverExternalTables());
    }

    @Test
    void theFilesAnExternalLoadReadIsInTheLedgerWithItsRowsSoARerunLoadsNothing() throws Exception {
        pg.execute("create table " + pg.table("ext_once") + " (id int, s text)");
        TableName target = TableName.parse(pg.table("ext_once"));
        ExternalLoader loader = new ExternalLoader(pg.spec, new StandInDialect(1000, "int", false), LoadListener.NONE);
        assertEquals(1000, loader.load(List.of(new ExternalLoader.Job(target, spec(false), reads(400, false))), 1).get(0).rows());
        assertEquals(2, pg.count("select count(*) from " + pg.schema + ".lading_load_ledger where target = '" + pg.table("ext_once")
                + "' and run_id = '20261201T012500000'"));

        assertEquals(0, loader.load(List.of(new ExternalLoader.Job(target, spec(false), reads(400, false))), 1).get(0).rows());
        assertEquals(1000, pg.count("select count(*) from " + pg.table("ext_once")), "the re-run loaded nothing");
        assertEquals(1000, loader.load(List.of(new ExternalLoader.Job(target, spec(false), reads(400, true))), 1).get(0).rows());
        assertEquals(2000, pg.count("select count(*) from " + pg.table("ext_once")), "--force reloads");
        assertEquals(0, leftoverExternalTables());
    }

    @Test
    void anExternalLoadThatInsertsOtherThanTheManifestsCountRollsBack() throws Exception {
        pg.execute("create table " + pg.table("ext_count") + " (id int, s text)");
        TableName target = TableName.parse(pg.table("ext_count"));
        ExternalLoader loader = new ExternalLoader(pg.spec, new StandInDialect(1000, "int", false), LoadListener.NONE);
        LadingException e = assertThrows(LadingException.class,
                () -> loader.load(List.of(new ExternalLoader.Job(target, spec(false), reads(401, false))), 1));
        assertEquals("external load into " + pg.table("ext_count") + " inserted 1000 rows but the manifest says 1001; rolled back,"
                + " nothing was inserted", e.getMessage());
        assertEquals(0, pg.count("select count(*) from " + pg.table("ext_count")));
        assertEquals(0, pg.count("select count(*) from " + pg.schema + ".lading_load_ledger where target = '" + pg.table("ext_count") + "'"));
        assertEquals(0, leftoverExternalTables());
    }

    private long ledgerRows(String table) throws Exception {
        return pg.count("select count(*) from " + pg.schema + ".lading_load_ledger where target = '" + pg.table(table) + "'");
    }

    @Test
    void rejectedRowsCountTowardsTheManifestsRecords() throws Exception {
        pg.execute("create table " + pg.table("ext_rej") + " (id int, s text)");
        TableName target = TableName.parse(pg.table("ext_rej"));
        ExternalLoader loader = new StandInDialect(1000).loader(pg.spec, LoadListener.NONE);
        // 1000 inserted + 2 in the error log = 600 + 402
        ExternalLoader.JobResult ok = loader.load(List.of(new ExternalLoader.Job(target, spec(true), reads(402, false))), 1).get(0);
        assertEquals(1000, ok.rows());
        assertEquals(2, ok.rejects().size());
        LadingException e = assertThrows(LadingException.class,
                () -> loader.load(List.of(new ExternalLoader.Job(target, spec(true), reads(401, true))), 1));
        assertEquals("external load into " + pg.table("ext_rej") + " inserted 1000 rows and rejected 2 but the manifest says 1001;"
                + " rolled back, nothing was inserted", e.getMessage());
        assertEquals(1000, pg.count("select count(*) from " + pg.table("ext_rej")));
        assertEquals(2, ledgerRows("ext_rej"));
    }

    @Test
    void truncateEmptiesTheTargetInTheInsertsTransaction() throws Exception {
        pg.execute("create table " + pg.table("ext_trunc") + " (id int, s text)");
        TableName target = TableName.parse(pg.table("ext_trunc"));
        ExternalLoader loader = new StandInDialect(1000).loader(pg.spec, LoadListener.NONE);
        loader.load(List.of(new ExternalLoader.Job(target, spec(false), reads(400, false))), 1);
        pg.execute("insert into " + pg.table("ext_trunc") + " values (-1, 'by hand')");

        // a count mismatch rolls the TRUNCATE back too: target and ledger as they were
        LadingException e = assertThrows(LadingException.class,
                () -> loader.load(List.of(new ExternalLoader.Job(target, spec(false), reads(999, false), true)), 1));
        assertTrue(e.getMessage().endsWith("inserted 1000 rows but the manifest says 1599; rolled back, nothing was inserted"), e.getMessage());
        assertEquals(1001, pg.count("select count(*) from " + pg.table("ext_trunc")));
        assertEquals(2, ledgerRows("ext_trunc"));

        // the ledger has both files, but --truncate forgets them with the rows: loaded again, once
        ExternalLoader.JobResult r = loader.load(List.of(new ExternalLoader.Job(target, spec(false), reads(400, false), true)), 1).get(0);
        assertEquals(1000, r.rows());
        assertEquals(2, r.filesLoaded());
        assertEquals(1000, pg.count("select count(*) from " + pg.table("ext_trunc")));
        assertEquals(0, pg.count("select count(*) from " + pg.table("ext_trunc") + " where id = -1"));
        assertEquals(2, ledgerRows("ext_trunc"));
        assertEquals(0, leftoverExternalTables());
    }

    @Test
    void aDryRunSaysWhatTheLedgerWouldSkipAndWritesNothing() throws Exception {
        pg.execute("create table " + pg.table("ext_dry") + " (id int, s text)");
        TableName target = TableName.parse(pg.table("ext_dry"));
        StandInDialect dialect = new StandInDialect(1000);
        ExternalLoader loader = dialect.loader(pg.spec, LoadListener.NONE);
        String fresh = loader.describe(List.of(new ExternalLoader.Job(target, spec(false), reads(400, false))));
        assertEquals("load into " + pg.table("ext_dry") + " (external mode, stand-in; dry run: nothing is written)\n"
                + "  the external table reads prefix s3://b/x/: exactly the 2 selected files (200 bytes)\n"
                + "    s3://b/x/part_0.csv  100 bytes  600 records\n"
                + "    s3://b/x/part_1.csv  100 bytes  400 records\n"
                + "  ledger: none of the 2 files is in the ledger: all would be loaded\n"
                + "  statements:\n"
                + "    create table \"" + pg.schema + "\".\"lading_ext_XXXX\" (id int, s text)\n"
                + "    insert into \"" + pg.schema + "\".\"lading_ext_XXXX\" select g, 'r' || g from generate_series(1, 1000) g\n"
                + "    BEGIN\n"
                + "    INSERT INTO " + target.sql() + " SELECT * FROM \"" + pg.schema + "\".\"lading_ext_XXXX\"\n"
                + "    -- rows inserted (+ rejected) checked against the manifest's 1000; one row per file into " + pg.schema
                + ".lading_load_ledger\n"
                + "    COMMIT\n"
                + "    drop table if exists \"" + pg.schema + "\".\"lading_ext_XXXX\"\n", fresh);
        assertEquals(0, pg.count("select count(*) from " + pg.table("ext_dry")));

        loader.load(List.of(new ExternalLoader.Job(target, spec(false), reads(400, false))), 1);
        assertTrue(loader.describe(List.of(new ExternalLoader.Job(target, spec(false), reads(400, false))))
                .contains("  ledger: all 2 files are in the ledger: the load would skip " + pg.table("ext_dry") + " (--force reloads)\n"));
        String truncate = loader.describe(List.of(new ExternalLoader.Job(target, spec(false), reads(400, false), true)));
        assertTrue(truncate.contains("  ledger: --truncate: the target is emptied and its ledger rows forgotten in the INSERT's transaction;"
                + " all 2 files would be loaded\n"), truncate);
        assertTrue(truncate.contains("    BEGIN\n    truncate table " + target.sql() + "\n    INSERT INTO "), truncate);
        pg.execute("delete from " + pg.schema + ".lading_load_ledger where target = '" + pg.table("ext_dry") + "' and object_uri like '%part_1.csv'");
        String partly = loader.describe(List.of(new ExternalLoader.Job(target, spec(false), reads(400, false))));
        assertTrue(partly.contains("  ledger: the load would refuse: 1 of the 2 files the external table reads are already in "
                + pg.table("ext_dry") + " (s3://b/x/part_0.csv first); an external load reads them all: select only the others, or pass"
                + " --force to load them again\n"), partly);
        assertEquals(1000, pg.count("select count(*) from " + pg.table("ext_dry")));
        assertEquals(0, leftoverExternalTables());
    }

    @Test
    void plainPostgresqlIsTheWrongServerForExternalMode() {
        LadingException e = assertThrows(LadingException.class,
                () -> ExternalLoader.forServer(pg.spec, ExternalTableDialect.forName("adbpg"), LoadListener.NONE));
        assertEquals("wrong dialect for the server: " + PgFixture.DATABASE + " is PostgreSQL, which has no adbpg"
                + " external tables; load it with --mode copy", e.getMessage());
    }
}
