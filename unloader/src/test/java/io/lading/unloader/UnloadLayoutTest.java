package io.lading.unloader;

import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.local.LocalObjectStore;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.LongSummaryStatistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** N = S x K, balanced files, all N rolling over together, manifest counts summing to the TABLE's. */
class UnloadLayoutTest {
    @AutoClose
    static final PgFixture pg = new PgFixture("unl_");
    static final String TABLE = pg.table("layout");
    static final int ROWS = 40_000;

    @TempDir
    Path root;

    @BeforeAll
    static void createTable() throws Exception {
        pg.execute("create table " + TABLE + " as select g as id, md5(g::text) as h, (g % 97)::numeric(10,2) as amount,"
                + " date '2020-01-01' + (g % 1000) as day, case when g % 10 = 0 then null else g * 7 end as k"
                + " from generate_series(1, " + ROWS + ") g");
    }

    private LocalObjectStore store() throws Exception {
        Files.createDirectories(root.resolve("bkt"));
        return new LocalObjectStore(root);
    }

    @Test
    void filesAreAMultipleOfSegmentsBalancedAndCountedInTheManifest() throws Exception {
        LocalObjectStore store = store();
        Location to = Location.parse("file:///bkt/exports/layout");
        UnloadResult result = Unloads.unload(Unloads.request(TABLE, to).files(3, 2).parallel(2).build(), store, 2, 8 << 10);

        Manifest manifest = Unloads.manifest(store, Location.parse("file:///bkt/exports/layout.manifest"));
        assertEquals(6, manifest.entries().size());
        assertEquals(ROWS, manifest.totalRecords());
        assertEquals(ROWS, result.rows());
        List<ObjectInfo> listed = store.list(to.asFolder(), false);
        assertEquals(6, listed.size(), "only data files in the folder; the manifest is its sibling");
        LongSummaryStatistics sizes = listed.stream().mapToLong(ObjectInfo::size).summaryStatistics();
        assertTrue(sizes.getMax() <= sizes.getMin() * 1.10, "sizes differ by more than 10%: " + sizes);
        for (int i = 0; i < 6; i++) {
            String name = listed.get(i).location().fileName();
            assertTrue(name.matches("part-\\d{8}T\\d{9}-0000-0000" + i + "\\.csv\\.gz"), name);
            assertEquals(listed.get(i).size(), manifest.entries().get(i).contentLength());
        }
    }

    @Test
    void filesAreBalancedWithTheDefaultChunkSize() throws Exception {
        LocalObjectStore store = store();
        pg.execute("analyze " + TABLE);
        Location to = Location.parse("file:///bkt/default-chunks/");
        UnloadResult result = Unloads.unload(Unloads.request(TABLE, to).files(4, 1).parallel(2).build(), store);
        assertEquals(ROWS, result.rows());
        LongSummaryStatistics sizes = store.list(to, false).stream().mapToLong(ObjectInfo::size).summaryStatistics();
        assertEquals(4, sizes.getCount());
        assertTrue(sizes.getMax() <= sizes.getMin() * 1.10, "sizes differ by more than 10%: " + sizes);
    }

    @Test
    void allFilesRollOverTogether() throws Exception {
        LocalObjectStore store = store();
        UnloadResult one = Unloads.unload(Unloads.request(TABLE, Location.parse("file:///bkt/one/")).files(2, 1).build(), store);
        long perFile = one.compressedBytes() / 2;

        Location to = Location.parse("file:///bkt/rolled/");
        long max = perFile * 6 / 10;
        UnloadResult result = Unloads.unload(Unloads.request(TABLE, to).files(2, 1).maxFileSize(max).build(), store);
        assertEquals(2, result.generations());
        assertEquals(4, result.files());
        Manifest manifest = Unloads.manifest(store, result.manifestLocation());
        assertEquals(ROWS, manifest.totalRecords());
        List<ObjectInfo> listed = store.list(to, false);
        assertEquals(4, listed.size());
        for (int i = 0; i < 4; i++) {
            String name = listed.get(i).location().fileName();
            assertTrue(name.matches("part-\\d{8}T\\d{9}-000" + (i / 2) + "-0000" + (i % 2) + "\\.csv\\.gz"), name);
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(listed.get(i).size() <= max * 11 / 10, "first generation file over the limit: " + listed.get(i));
            assertTrue(listed.get(i).size() >= max * 8 / 10, "first generation file rolled too early: " + listed.get(i));
        }
    }

    @Test
    void splitByRangesCoverEveryRowOnceIncludingNulls() throws Exception {
        LocalObjectStore store = store();
        for (String column : List.of("k", "day", "id")) {
            Location to = Location.parse("file:///bkt/split-" + column + "/");
            UnloadRequest request = Unloads.request(TABLE, to).files(2, 1).parallel(3).splitBy(column).build();
            UnloadPlan plan = Unloads.plan(request);
            assertTrue(plan.splits().size() > 3, plan.describe());
            assertTrue(plan.splits().get(plan.splits().size() - 1).predicate().endsWith("IS NULL"), plan.describe());
            UnloadResult result = Unloads.unload(request, store);
            assertEquals(ROWS, result.rows(), column);
        }
    }
}
