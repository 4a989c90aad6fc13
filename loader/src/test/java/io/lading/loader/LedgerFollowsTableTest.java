package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.storage.local.LocalObjectStore;
import io.lading.warehouse.TableName;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger follows the table (its OID, not its name) and the export (the run a manifest names),
 * and a direct load commits the files that finish cleanly when another fails (issue 9 sections 1, 2, 5).
 */
class LedgerFollowsTableTest {
    @AutoClose
    static PgFixture pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void createSchema() throws Exception {
        pg = new PgFixture();
    }

    /** A load of {@code from} into the fixture's {@code table}, two connections, the ledger in the fixture's schema. */
    private LoadSpec.Builder load(String table, Path from, boolean folder) {
        return LoadSpec.builder(pg.spec, TableName.parse(pg.table(table)), PgFixture.location(from, folder)).parallel(2).ledgerSchema(pg.schema);
    }

    private static LoadResult run(LoadSpec spec, List<String> info) {
        return new CopyLoader(new LocalObjectStore(), new LoadListener() {
            @Override
            public void info(String message) {
                info.add(message);
            }
        }).load(spec);
    }

    private void files(Path folder, int count, int rowsEach) throws Exception {
        for (int i = 0; i < count; i++) {
            pg.copyOut("select g, 'r' || g from generate_series(" + (i * rowsEach + 1) + ", " + (i * rowsEach + rowsEach) + ") g",
                    "FORMAT csv", folder.resolve("f" + i + ".csv.gz"));
        }
    }

    @Test
    void aDroppedAndRecreatedTargetGetsEveryFileAgain() throws Exception {
        Path folder = dir.resolve("recreated");
        files(folder, 4, 25);
        pg.execute("create table " + pg.table("recreated") + " (id int, s text)");
        assertEquals(100, run(load("recreated", folder, true).build(), new ArrayList<>()).rows());

        pg.execute("drop table " + pg.table("recreated"));
        pg.execute("create table " + pg.table("recreated") + " (id int, s text)");
        List<String> info = Collections.synchronizedList(new ArrayList<>());
        LoadResult again = run(load("recreated", folder, true).build(), info);
        assertEquals(100, again.rows());
        assertEquals(4, again.filesLoaded());
        assertEquals(100, pg.count("select count(*) from " + pg.table("recreated")));
        assertTrue(info.contains("the ledger's 4 rows for " + pg.table("recreated") + " belong to an earlier table of that name"
                + " (dropped since); forgetting them: this table starts with an empty ledger"), String.join("\n", info));
        assertEquals(4, pg.count("select count(*) from " + pg.schema + ".lading_load_ledger where target = '" + pg.table("recreated") + "'"));
    }

    @Test
    void aTargetEmptiedOutsideLadingIsNotReportedAsLoaded() throws Exception {
        Path folder = dir.resolve("emptied");
        files(folder, 2, 50);
        pg.execute("create table " + pg.table("emptied") + " (id int, s text)");
        run(load("emptied", folder, true).build(), new ArrayList<>());
        pg.execute("truncate " + pg.table("emptied"));

        LadingException e = assertThrows(LadingException.class, () -> run(load("emptied", folder, true).build(), new ArrayList<>()));
        assertEquals("table " + pg.table("emptied") + " is empty, but the ledger says its 2 selected files (100 rows) were loaded into it:"
                + " it was emptied outside Lading; load again with --truncate (or --force)", e.getMessage());
        assertEquals(100, run(load("emptied", folder, true).truncate(true).build(), new ArrayList<>()).rows());
        assertEquals(100, pg.count("select count(*) from " + pg.table("emptied")));
    }

    @Test
    void anOldLedgerWithoutTheOidColumnKeepsWorking() throws Exception {
        PgFixture old = new PgFixture("ld_oldledger_");
        try {
            Path folder = dir.resolve("old");
            files(folder, 2, 10);
            old.execute("create table " + old.table("t") + " (id int, s text)");
            old.execute("create table " + old.schema + ".lading_load_ledger (target text not null, object_uri text not null,"
                    + " size bigint not null, etag text, rows bigint not null, loaded_at timestamptz not null default now(),"
                    + " primary key (target, object_uri))");
            LoadSpec spec = LoadSpec.builder(old.spec, TableName.parse(old.table("t")), PgFixture.location(folder, true))
                    .parallel(2).ledgerSchema(old.schema).build();
            assertEquals(20, run(spec, new ArrayList<>()).rows());
            // a row written by an earlier Lading (no OID) is the table's: its file is skipped
            old.execute("delete from " + old.table("t") + " where id > 10");
            old.execute("delete from " + old.schema + ".lading_load_ledger where object_uri like '%f1.csv.gz'");
            old.execute("update " + old.schema + ".lading_load_ledger set target_oid = null");
            LoadResult rerun = run(spec, new ArrayList<>());
            assertEquals(10, rerun.rows());
            assertEquals(1, rerun.filesSkipped());
            assertEquals(20, old.count("select count(*) from " + old.table("t")));
        }
        finally {
            old.close();
        }
    }

    private static String manifest(Path folder, String runId, int... records) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < records.length; i++) {
            entries.append(i == 0 ? "" : ",").append("{\"url\":\"").append(PgFixture.location(folder, true)).append("f").append(i)
                    .append(".csv.gz\",\"mandatory\":true,\"meta\":{\"record_count\":").append(records[i]).append("}}");
        }
        return "{\"entries\":[" + entries + "]" + (runId == null ? "" : ",\"meta\":{\"run_id\":\"" + runId + "\"}") + "}";
    }

    @Test
    void aSecondRunOfAnExportIsRefusedUnlessAppendedOrTruncated() throws Exception {
        Path export = dir.resolve("exports/orders");
        Path manifest = dir.resolve("exports/orders.manifest");
        files(export, 2, 50);
        Files.writeString(manifest, manifest(export, "20261201T012500", 50, 50));
        pg.execute("create table " + pg.table("orders_copy") + " (id int, s text)");
        assertEquals(100, run(load("orders_copy", export, true).build(), new ArrayList<>()).rows());

        // unload --overwrite: the same rows under new file names, a new run
        for (int i = 0; i < 2; i++) {
            Files.delete(export.resolve("f" + i + ".csv.gz"));
        }
        for (int i = 0; i < 2; i++) {
            pg.copyOut("select g, 'r' || g from generate_series(" + (i * 50 + 1) + ", " + (i * 50 + 50) + ") g", "FORMAT csv",
                    export.resolve("g" + i + ".csv.gz"));
        }
        Files.writeString(manifest, manifest(export, "20261202T012500", 50, 50).replace("/f", "/g"));
        LadingException e = assertThrows(LadingException.class, () -> run(load("orders_copy", export, true).build(), new ArrayList<>()));
        assertEquals(pg.table("orders_copy") + " already holds run 20261201T012500 of " + PgFixture.location(export, true)
                + " (100 rows); use --truncate to replace it, or --append to add this run too", e.getMessage());
        assertEquals(100, pg.count("select count(*) from " + pg.table("orders_copy")));

        assertEquals(100, run(load("orders_copy", export, true).append(true).build(), new ArrayList<>()).rows());
        assertEquals(200, pg.count("select count(*) from " + pg.table("orders_copy")));
        // the same run again is skipped as before (the target holds both runs: still --append); --truncate replaces them with this run
        assertEquals(2, run(load("orders_copy", export, true).append(true).build(), new ArrayList<>()).filesSkipped());
        assertEquals(100, run(load("orders_copy", export, true).truncate(true).build(), new ArrayList<>()).rows());
        assertEquals(100, pg.count("select count(*) from " + pg.table("orders_copy")));
    }

    @Test
    void aManifestWithoutRunIdIsARunByItsFileNames() throws Exception {
        Path export = dir.resolve("norun/orders");
        Path manifest = dir.resolve("norun/orders.manifest");
        files(export, 3, 10);
        Files.writeString(manifest, manifest(export, null, 10, 10));
        pg.execute("create table " + pg.table("norun") + " (id int, s text)");
        assertEquals(20, run(load("norun", export, true).build(), new ArrayList<>()).rows());
        // a manifest listing files the first did not: another run
        Files.writeString(manifest, "{\"entries\":[{\"url\":\"" + PgFixture.location(export, true)
                + "f2.csv.gz\",\"mandatory\":true,\"meta\":{\"record_count\":10}}]}");
        LadingException e = assertThrows(LadingException.class, () -> run(load("norun", export, true).build(), new ArrayList<>()));
        assertEquals(pg.table("norun") + " already holds another run of " + PgFixture.location(export, true)
                + " (20 rows, in files this manifest does not list); use --truncate to replace it, or --append to add this run too",
                e.getMessage());
    }

    @Test
    void withoutAtomicTheGoodFileCommitsWhenAnotherIsCorrupt() throws Exception {
        Path folder = dir.resolve("goodbad");
        pg.copyOut("select g, md5(g::text) from generate_series(1, 300000) g", "FORMAT csv", folder.resolve("a_good.csv.gz"));
        pg.copyOut("select g, 'b' from generate_series(1, 20000) g", "FORMAT csv", folder.resolve("b_bad.csv.gz"));
        byte[] bytes = Files.readAllBytes(folder.resolve("b_bad.csv.gz"));
        Files.write(folder.resolve("b_bad.csv.gz"), Arrays.copyOf(bytes, bytes.length / 4));
        pg.execute("create table " + pg.table("goodbad") + " (id int, s text)");

        LadingException e = assertThrows(LadingException.class, () -> run(load("goodbad", folder, true).build(), new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("corrupt gzip in " + PgFixture.location(folder, true) + "b_bad.csv.gz at compressed byte offset "),
                e.getMessage());
        assertEquals(300000, pg.count("select count(*) from " + pg.table("goodbad")), "the good file committed");
        assertEquals(1, pg.count("select count(*) from " + pg.schema + ".lading_load_ledger where target = '" + pg.table("goodbad") + "'"));

        pg.copyOut("select g, 'b' from generate_series(1, 20000) g", "FORMAT csv", folder.resolve("b_bad.csv.gz"));
        LoadResult rerun = run(load("goodbad", folder, true).build(), new ArrayList<>());
        assertEquals(20000, rerun.rows());
        assertEquals(1, rerun.filesSkipped());
        assertEquals(320000, pg.count("select count(*) from " + pg.table("goodbad")));
    }
}
