package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.format.TableSchema;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.Distribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server-side unload's execution path against each kind of store, with {@link StandInOutput}
 * in place of the writable external table: the INSERT in one REPEATABLE READ transaction with the
 * counts, the staging objects named as gpcloud / oss_ext name them, the moves by server-side copy
 * to {@code part-<run>-<generation>-<file>.csv.gz}, the manifest last, and the cleanup (staging
 * objects, published files, the external table) after a failure at each step and after a cancel.
 */
abstract class AbstractServerUnloadTest extends AbstractStoreAndPgTest {
    static final String BUCKET = "serverside";
    static final int ROWS = 5_000;
    static final int SEGMENTS = 3;

    private String table;

    AbstractServerUnloadTest() {
        super(BUCKET, "sside_");
    }

    @BeforeAll
    void createTables() throws Exception {
        table = pg.table("t");
        pg.execute("create table " + table + " as select g as id,"
                + " case when g % 7 = 0 then null when g % 11 = 0 then '' else 'r' || g || E',\"\\n\\t' end as s,"
                + " (g * 1.000000000000001e-3)::float8 / 3 as f from generate_series(1, " + ROWS + ") g");
    }

    private ServerUnloadPlan plan(SegmentOutput output, String folder, String query, Distribution distribution) throws Exception {
        Location to = server.at(BUCKET, folder + "/orders/");
        UnloadRequest request = (query == null ? Unloads.request(table, to) : Unloads.query(query, to)).build();
        TableSchema schema = Catalog.columnsOf(pg.connection, TableName.parse(table));
        String runId = StagedUnload.runId();
        List<Long> counts = List.of();
        return new ServerUnloadPlan(request, schema, output, SEGMENTS, distribution, "test", counts,
                new TableName(pg.schema, "lading_ext_" + folder.replace('-', '_')),
                StagingArea.forDestination(request.to(), runId),
                new FileNames(request.to(), runId, SEGMENTS, request.format(), request.compression()), List.of());
    }

    private StandInOutput standIn(SegmentNaming naming, ObjectStore store) {
        return new StandInOutput(naming, store, TableName.parse(table), "id", SEGMENTS);
    }

    /** Loads the files the manifest lists into a copy of the table and compares: 0 rows differ. */
    private void assertSameRows(ObjectStore store, Manifest manifest, String copyName) throws Exception {
        String copy = pg.table(copyName);
        pg.execute("create table " + copy + " (like " + table + ")");
        for (Manifest.Entry e : manifest.entries()) {
            byte[] csv = Unloads.read(store, Location.parse(e.url()), true);
            pg.connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + copy + " FROM STDIN WITH (FORMAT csv)", new ByteArrayInputStream(csv));
        }
        assertEquals(0, pg.difference(table, copy));
    }

    private void assertNothingLeft(ObjectStore store, ServerUnloadPlan plan, String folder) throws Exception {
        assertNothingLeft(store, folder);
        assertEquals(0, pg.count("select count(*) from pg_class where oid = to_regclass('" + plan.externalTable().sql() + "')"),
                "the external table is dropped");
    }

    @Test
    void gpcloudFilesAreMovedRenamedCountedPerSegmentAndTheManifestIsLast() throws Exception {
        try (ObjectStore store = server.openStore()) {
            ServerUnloadPlan plan = plan(standIn(SegmentNaming.GPCLOUD, store), "gp", null, Distribution.by(List.of("id")));
            assertTrue(plan.countsPerFile());
            UnloadResult result = new ServerUnload(plan, store).run();

            assertEquals(ROWS, result.rows());
            List<String> keys = store.list(plan.request().to(), false).stream().map(ObjectInfo::key).toList();
            assertEquals(List.of(plan.names().location(0, 0).key(), plan.names().location(0, 1).key(), plan.names().location(0, 2).key()), keys);
            assertTrue(keys.get(0).endsWith("-0000-00000.csv.gz"), keys.get(0));
            Manifest manifest = Unloads.manifest(store, plan.request().manifest());
            assertEquals(SEGMENTS, manifest.entries().size());
            assertTrue(manifest.entries().stream().allMatch(e -> e.recordCount() >= 0), "per-file counts");
            assertEquals(ROWS, manifest.totalRecords());
            assertEquals(List.of(), store.list(plan.staging().prefix(), false), "staging removed");
            assertSameRows(store, manifest, "gp_copy");
        }
    }

    @Test
    void ossExtFilesWithoutGzSuffixBecomeGenerationsWithOnlyTheTotalCounted() throws Exception {
        try (ObjectStore store = server.openStore()) {
            ServerUnloadPlan plan = plan(standIn(SegmentNaming.OSS_EXT, store), "oss", null, Distribution.by(List.of("id")));
            UnloadResult result = new ServerUnload(plan, store).run();

            assertEquals(2 * SEGMENTS, result.files());
            assertEquals(2, result.generations());
            Manifest manifest = Unloads.manifest(store, plan.request().manifest());
            assertTrue(manifest.entries().stream().allMatch(e -> e.recordCount() == -1), "no per-file counts");
            assertEquals(ROWS, manifest.totalRecords(), "meta.record_count is the INSERT's");
            assertTrue(manifest.entries().get(2 * SEGMENTS - 1).url().endsWith("-0001-00002.csv.gz"));
            assertEquals(List.of(), store.list(plan.staging().prefix(), false));
            assertSameRows(store, manifest, "oss_copy");
        }
    }

    @Test
    void aQueryIsDistributedRandomlyAndCountedByTheInsert() throws Exception {
        try (ObjectStore store = server.openStore()) {
            ServerUnloadPlan plan = plan(standIn(SegmentNaming.GPCLOUD, store), "query", "select * from " + table, Distribution.RANDOMLY);
            assertFalse(plan.countsPerFile());
            Manifest manifest = new ServerUnload(plan, store).run().manifest();
            assertEquals(ROWS, manifest.totalRecords());
            assertTrue(plan.describe().contains("DISTRIBUTED RANDOMLY"), plan.describe());
        }
    }

    @Test
    void aFailedInsertLeavesNothing() throws Exception {
        try (ObjectStore store = server.openStore()) {
            ServerUnloadPlan plan = plan(standIn(SegmentNaming.GPCLOUD, store), "badinsert", "select id, s, f / (id - 17) * 0 + f / 0 as f from "
                    + table, Distribution.RANDOMLY);
            LadingException e = assertThrows(LadingException.class, () -> new ServerUnload(plan, store).run());
            assertTrue(e.getMessage().contains("division by zero") && e.getMessage().contains("nothing was published"), e.getMessage());
            assertNothingLeft(store, plan, "badinsert");
        }
    }

    @Test
    void aSegmentFailingMidWayLeavesNoStagingObject() throws Exception {
        try (ObjectStore store = server.openStore()) {
            StandInOutput output = standIn(SegmentNaming.OSS_EXT, store).failWritten(new IllegalStateException("segment 2 lost its connection"));
            ServerUnloadPlan plan = plan(output, "midway", null, Distribution.by(List.of("id")));
            LadingException e = assertThrows(LadingException.class, () -> new ServerUnload(plan, store).run());
            assertTrue(e.getMessage().contains("segment 2 lost its connection"), e.getMessage());
            assertNothingLeft(store, plan, "midway");
        }
    }

    @Test
    void aFailedMoveRemovesTheFilesAlreadyMovedAndTheStaging() throws Exception {
        try (ObjectStore real = server.openStore()) {
            ObjectStore store = new FailingCopyStore(real, 2, false);
            ServerUnloadPlan plan = plan(standIn(SegmentNaming.GPCLOUD, real), "move", null, Distribution.by(List.of("id")));
            LadingException e = assertThrows(LadingException.class, () -> new ServerUnload(plan, store).run());
            assertTrue(e.getMessage().contains("copy 2 failed") && e.getMessage().contains("1 committed files removed"), e.getMessage());
            assertNothingLeft(real, plan, "move");
        }
    }

    @Test
    void aFailedManifestRemovesEverything() throws Exception {
        try (ObjectStore real = server.openStore()) {
            ObjectStore store = new FailingCopyStore(real, -1, true);
            ServerUnloadPlan plan = plan(standIn(SegmentNaming.GPCLOUD, real), "manifest", null, Distribution.by(List.of("id")));
            LadingException e = assertThrows(LadingException.class, () -> new ServerUnload(plan, store).run());
            assertTrue(e.getMessage().contains("manifest write failed") && e.getMessage().contains("3 committed files removed"), e.getMessage());
            assertNothingLeft(real, plan, "manifest");
        }
    }

    @Test
    void aCancelDuringTheInsertStopsItAndLeavesNothing() throws Exception {
        try (ObjectStore store = server.openStore()) {
            ServerUnloadPlan plan = plan(standIn(SegmentNaming.GPCLOUD, store), "cancel",
                    "select * from " + table + " where pg_sleep(30) is not null", Distribution.RANDOMLY);
            ServerUnload unload = new ServerUnload(plan, store);
            Thread canceller = Unloads.cancelLater(unload, 1500, "interrupted (Ctrl-C or SIGTERM)");
            long start = System.nanoTime();
            LadingException e = assertThrows(LadingException.class, unload::run);
            canceller.join();
            assertTrue((System.nanoTime() - start) / 1e9 < 20, "the INSERT was cancelled, not waited for");
            assertTrue(e.getMessage().contains("interrupted (Ctrl-C or SIGTERM)"), e.getMessage());
            assertNothingLeft(store, plan, "cancel");
        }
    }
}
