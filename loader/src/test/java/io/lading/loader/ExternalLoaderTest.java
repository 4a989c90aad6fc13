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
import io.lading.warehouse.Sql;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.ExternalTableDialect;
import io.lading.warehouse.ddl.ExternalTableSpec;
import io.lading.warehouse.ddl.Secrets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The execution path of external mode against PostgreSQL, which has no external tables: a stand-in
 * dialect makes the "external table" an ordinary table holding the rows a segment would read, and
 * its error log a VALUES list. The real statements are the ddl builders' golden-file tests.
 */
class ExternalLoaderTest {
    @AutoClose
    static final PgFixture pg = new PgFixture();
    static final TableSchema SCHEMA = new TableSchema(List.of(new Column("id", "integer"), new Column("s", "text")));

    /** Creates the "external" table as a plain one with {@code rows} rows; records every statement it builds. */
    static final class StandIn implements ExternalTableDialect {
        final int rows;
        final String columnType;
        final boolean failSecondCreate;
        final List<String> executed = Collections.synchronizedList(new ArrayList<>());

        StandIn(int rows, String columnType, boolean failSecondCreate) {
            this.rows = rows;
            this.columnType = columnType;
            this.failSecondCreate = failSecondCreate;
        }

        @Override
        public String name() {
            return "stand-in";
        }

        @Override
        public List<String> setupStatements() {
            return List.of();
        }

        @Override
        public List<String> createStatements(ExternalTableSpec spec, Secrets secrets) {
            List<String> list = new ArrayList<>(List.of(
                    "create table " + spec.name().sql() + " (id " + columnType + ", s text)",
                    "insert into " + spec.name().sql() + " select g, 'r' || g from generate_series(1, " + rows + ") g"));
            if (failSecondCreate) {
                list.add(1, "select no_such_function()");
            }
            executed.addAll(list);
            return list;
        }

        @Override
        public List<String> dropStatements(ExternalTableSpec spec) {
            String drop = "drop table if exists " + spec.name().sql();
            executed.add(drop);
            return List.of(drop);
        }

        @Override
        public String readErrorLog(TableName externalTable) {
            return "select * from (values (7, 'missing data for column \"s\"', '7', 's3://b/x/part_0.csv'),"
                    + " (9, 'extra data after last expected column', " + Sql.literal("9,a,b") + ", 's3://b/x/part_1.csv'))"
                    + " e (linenum, errmsg, rawdata, filename)";
        }
    }

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
        StandIn dialect = new StandIn(1000, "int", false);
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
        StandIn dialect = new StandIn(10, "text", false);
        LadingException e = assertThrows(LadingException.class, () -> new ExternalLoader(pg.spec, dialect, LoadListener.NONE)
                .load(List.of(new ExternalLoader.Job(TableName.parse(pg.table("ext_fail")), spec(false))), 1));
        assertEquals("external load into " + pg.table("ext_fail") + " failed: ERROR: column \"id\" is of type integer but expression"
                + " is of type text (nothing was inserted)", e.getMessage());
        assertEquals(0, leftoverExternalTables());
        assertEquals(0, pg.count("select count(*) from " + pg.table("ext_fail")));
        assertTrue(dialect.executed.get(dialect.executed.size() - 1).startsWith("drop table if exists"));

        StandIn badCreate = new StandIn(10, "int", true);
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
        List<ExternalLoader.JobResult> results = new ExternalLoader(pg.spec, new StandIn(100, "int", false), LoadListener.NONE).load(jobs, 2);
        assertEquals(List.of(100L, 100L, 100L), results.stream().map(ExternalLoader.JobResult::rows).toList());
        for (int i = 0; i < 3; i++) {
            assertEquals(100, pg.count("select count(*) from " + pg.table("ext_par" + i)));
        }
        assertEquals(0, leftoverExternalTables());
    }

    /** Two files of a manifest (600 + {@code second} records) that the stand-in's 1000 rows stand for. */
    private static ExternalReads reads(long second, boolean force) {
        List<LoadFile> files = new ArrayList<>();
        List<Manifest.Entry> entries = new ArrayList<>();
        long[] records = {600, second};
        for (int i = 0; i < 2; i++) {
            Location location = Location.parse("s3://b/x/part_" + i + ".csv");
            files.add(new LoadFile(new ObjectInfo(location, 100, "etag" + i, Instant.EPOCH), records[i]));
            entries.add(new Manifest.Entry(location.toString(), true, 100, records[i]));
        }
        Manifest manifest = new Manifest(entries, null, "20261201T012500000");
        return new ExternalReads(new FileSelection.Selected(files, manifest, SelectionRule.MANIFEST), pg.schema, force);
    }

    @Test
    void theFilesAnExternalLoadReadIsInTheLedgerWithItsRowsSoARerunLoadsNothing() throws Exception {
        pg.execute("create table " + pg.table("ext_once") + " (id int, s text)");
        TableName target = TableName.parse(pg.table("ext_once"));
        ExternalLoader loader = new ExternalLoader(pg.spec, new StandIn(1000, "int", false), LoadListener.NONE);
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
        ExternalLoader loader = new ExternalLoader(pg.spec, new StandIn(1000, "int", false), LoadListener.NONE);
        LadingException e = assertThrows(LadingException.class,
                () -> loader.load(List.of(new ExternalLoader.Job(target, spec(false), reads(401, false))), 1));
        assertEquals("external load into " + pg.table("ext_count") + " inserted 1000 rows but the manifest says 1001; rolled back,"
                + " nothing was inserted", e.getMessage());
        assertEquals(0, pg.count("select count(*) from " + pg.table("ext_count")));
        assertEquals(0, pg.count("select count(*) from " + pg.schema + ".lading_load_ledger where target = '" + pg.table("ext_count") + "'"));
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
