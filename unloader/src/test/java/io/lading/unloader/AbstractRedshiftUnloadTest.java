package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.format.TableSchema;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.StoreOptions;
import io.lading.unloader.testing.RedshiftStandIn;
import io.lading.unloader.testing.RedshiftStandIn.Fault;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.Credentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Redshift unload's execution path against each kind of store, with {@link RedshiftStandIn} in
 * place of the cluster: Redshift's files and manifest under the staging prefix, the check of every
 * entry, the moves by server-side copy to {@code part-<run>-<part>-<slice>.csv.gz}, Lading's
 * manifest last with Redshift's per-file counts, the staging removed; and after a failure at each
 * step (the UNLOAD, a missing entry, a size mismatch, no manifest, a copy, a cancel) nothing at the
 * destination and no staging.
 */
abstract class AbstractRedshiftUnloadTest extends AbstractStoreAndPgTest {
    static final String BUCKET = "redshift";
    static final int ROWS = 4_000;
    static final int SLICES = 4;

    private String table;

    AbstractRedshiftUnloadTest() {
        super(BUCKET, "rsun_");
    }

    @BeforeAll
    void createTables() throws Exception {
        table = pg.table("t");
        pg.execute("create table " + table + " as select g as id,"
                + " case when g % 7 = 0 then null when g % 11 = 0 then '' else 'r' || g || E',\"\\n\\t''\\\\' end as s,"
                + " (g * 1.000000000000001e-3)::float8 / 3 as f from generate_series(1, " + ROWS + ") g");
    }

    private RedshiftUnloadPlan plan(String folder, String query) throws Exception {
        Location to = server.at(BUCKET, folder + "/orders/");
        UnloadRequest request = (query == null ? Unloads.request(table, to) : Unloads.query(query, to)).build();
        TableSchema schema = query == null ? Catalog.columnsOf(pg.connection, TableName.parse(table)) : Catalog.columnsOfQuery(pg.connection, query);
        return RedshiftUnload.plan(request, schema, StoreOptions.NONE, Credentials.keys("AKIDEXAMPLE", "secret", null), StagedUnload.runId());
    }

    private RedshiftUnload unload(RedshiftUnloadPlan plan, ObjectStore store, Fault fault) {
        return new RedshiftUnload(plan, store, new RedshiftStandIn(store, SLICES, fault));
    }

    /** Loads the files the manifest lists into a copy of the source and compares: 0 rows differ. */
    private void assertSameRows(ObjectStore store, Manifest manifest, String source, String copyName) throws Exception {
        String copy = pg.table(copyName);
        pg.execute("create table " + copy + " as select * from (" + source + ") s limit 0");
        for (Manifest.Entry e : manifest.entries()) {
            byte[] csv = Unloads.read(store, store.stat(Location.parse(e.url()).withOptions(manifestOptions())).orElseThrow().location(), true);
            pg.connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + copy + " FROM STDIN WITH (FORMAT csv)", new ByteArrayInputStream(csv));
        }
        assertEquals(0, pg.difference("(" + source + ")", copy));
    }

    private StoreOptions manifestOptions() {
        return server.at(BUCKET, "").options();
    }

    @Test
    void redshiftFilesAreAdoptedWithLadingNamesAndCountsAndTheStagingIsRemoved() throws Exception {
        try (ObjectStore store = server.openStore()) {
            RedshiftUnloadPlan plan = plan("csv", null);
            UnloadResult result = unload(plan, store, Fault.NONE).run();

            assertEquals(ROWS, result.rows());
            assertEquals(SLICES + 1, result.files());
            assertEquals(2, result.generations(), "slice 0 wrote part 01");
            FileNames names = plan.names();
            List<String> expected = List.of(names.location(0, 0), names.location(0, 1), names.location(0, 2), names.location(0, 3),
                    names.location(1, 0), plan.request().manifest()).stream().map(Location::key).sorted().toList();
            List<String> keys = store.list(server.at(BUCKET, "csv/"), false).stream().map(ObjectInfo::key).sorted().toList();
            assertEquals(expected, keys, "exactly the adopted files and Lading's manifest; no staging object");
            assertTrue(keys.get(1).endsWith("-0000-00000.csv.gz"), keys.get(1));

            Manifest manifest = Unloads.manifest(store, plan.request().manifest());
            assertEquals(expected.subList(1, SLICES + 2), manifest.entries().stream().map(e -> Location.parse(e.url()).key()).toList());
            for (Manifest.Entry e : manifest.entries()) {
                assertEquals(store.stat(plan.request().to().withKey(Location.parse(e.url()).key())).orElseThrow().size(), e.contentLength());
                assertTrue(e.recordCount() > 0, "Redshift's per-file count: " + e);
                assertTrue(e.mandatory());
            }
            assertEquals(ROWS, manifest.totalRecords());
            assertEquals(-1, manifest.recordCount(), "the total is the files' sum");
            assertEquals(List.of("id", "s", "f"), manifest.schema().names());
            assertEquals(plan.names().runId(), manifest.runId());
            assertSameRows(store, manifest, "select * from " + table, "csv_copy");
        }
    }

    @Test
    void aQueryWithQuotesIsUnloaded() throws Exception {
        String query = "select id, s || 'it''s' as s from " + table + " where id % 2 = 0";
        try (ObjectStore store = server.openStore()) {
            RedshiftUnloadPlan plan = plan("query", query);
            UnloadResult result = unload(plan, store, Fault.NONE).run();
            assertEquals(ROWS / 2, result.rows());
            assertSameRows(store, result.manifest(), query, "query_copy");
        }
    }

    @Test
    void aFailedUnloadLeavesNothing() throws Exception {
        try (ObjectStore store = server.openStore()) {
            RedshiftUnloadPlan plan = plan("failed", null);
            LadingException e = assertThrows(LadingException.class, () -> unload(plan, store, Fault.FAIL_MIDWAY).run());
            assertEquals("unload of " + table + " to " + plan.request().to() + " failed: Redshift's UNLOAD of " + table + " into "
                    + plan.stagingPrefix() + " failed: ERROR: S3ServiceException:Access Denied,Status 403,Error AccessDenied;"
                    + " nothing was published (0 uploads aborted, 0 committed files removed)", e.getMessage());
            assertNothingLeft(store, "failed");
        }
    }

    @Test
    void aMissingEntryLeavesNothing() throws Exception {
        try (ObjectStore store = server.openStore()) {
            RedshiftUnloadPlan plan = plan("missing", null);
            LadingException e = assertThrows(LadingException.class, () -> unload(plan, store, Fault.ENTRY_MISSING).run());
            assertTrue(e.getMessage().contains("manifest entry " + plan.stagingPrefix().resolve("0001_part_00.gz") + " of "
                    + plan.redshiftManifest() + " is missing"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing was published"), e.getMessage());
            assertNothingLeft(store, "missing");
        }
    }

    @Test
    void aSizeMismatchLeavesNothing() throws Exception {
        try (ObjectStore store = server.openStore()) {
            RedshiftUnloadPlan plan = plan("size", null);
            LadingException e = assertThrows(LadingException.class, () -> unload(plan, store, Fault.SIZE_MISMATCH).run());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("manifest entry \\S+0001_part_00\\.gz of \\S+ has (\\d+) bytes,"
                    + " but the manifest says (\\d+) \\(meta\\.content_length\\)").matcher(e.getMessage());
            assertTrue(m.find(), e.getMessage());
            assertEquals(Long.parseLong(m.group(1)) + 1, Long.parseLong(m.group(2)));
            assertNothingLeft(store, "size");
        }
    }

    @Test
    void noManifestLeavesNothing() throws Exception {
        try (ObjectStore store = server.openStore()) {
            RedshiftUnloadPlan plan = plan("nomanifest", null);
            LadingException e = assertThrows(LadingException.class, () -> unload(plan, store, Fault.NO_MANIFEST).run());
            assertTrue(e.getMessage().contains("Redshift's UNLOAD wrote no manifest at " + plan.redshiftManifest()), e.getMessage());
            assertNothingLeft(store, "nomanifest");
        }
    }

    @Test
    void aFailedCopyRemovesTheFilesAlreadyMovedAndTheStaging() throws Exception {
        try (ObjectStore real = server.openStore()) {
            ObjectStore store = new FailingCopyStore(real, 3, false);
            RedshiftUnloadPlan plan = plan("copy", null);
            LadingException e = assertThrows(LadingException.class,
                    () -> new RedshiftUnload(plan, store, new RedshiftStandIn(real, SLICES, Fault.NONE)).run());
            assertTrue(e.getMessage().contains("copy 3 failed") && e.getMessage().contains("(3 uploads aborted, 2 committed files removed)"),
                    e.getMessage());
            assertNothingLeft(real, "copy");
        }
    }

    @Test
    void aCancelDuringTheUnloadStopsItAndLeavesNothing() throws Exception {
        try (ObjectStore store = server.openStore()) {
            RedshiftUnloadPlan plan = plan("cancel", null);
            RedshiftUnload unload = unload(plan, store, Fault.SLOW);
            Thread canceller = Unloads.cancelLater(unload, 1500, "interrupted (Ctrl-C or SIGTERM)");
            long start = System.nanoTime();
            LadingException e = assertThrows(LadingException.class, unload::run);
            canceller.join();
            assertTrue((System.nanoTime() - start) / 1e9 < 20, "the UNLOAD was cancelled, not waited for");
            assertTrue(e.getMessage().contains("interrupted (Ctrl-C or SIGTERM)"), e.getMessage());
            assertNothingLeft(store, "cancel");
        }
    }
}
