package io.lading.unloader;

import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.local.LocalObjectStore;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows committed by another connection once the snapshot is exported appear in no file. */
class UnloadConsistencyTest {
    @AutoClose
    static final PgFixture pg = new PgFixture("unl_");
    static final String TABLE = pg.table("snap");
    static final int ROWS = 20_000;

    @TempDir
    Path root;

    @Test
    void rowsInsertedDuringTheUnloadAppearInNoFile() throws Exception {
        pg.execute("create table " + TABLE + " as select g as id, md5(g::text) as h from generate_series(1, " + ROWS + ") g");
        Files.createDirectories(root.resolve("bkt"));
        LocalObjectStore store = new LocalObjectStore(root);
        UnloadRequest request = Unloads.request(TABLE, Location.parse("file:///bkt/snap/")).files(2, 2).parallel(2).build();
        UnloadPlan plan = Unloads.plan(request);
        assertTrue(plan.sharedSnapshot() && plan.splits().size() > 2, plan.describe());
        // the late rows land in new pages at the end: the open-ended last ctid range would read them
        // if a reader did not import the exported snapshot
        Unloader unloader = new Unloader(plan, store, 2, 8 << 10).afterSnapshot(() -> {
            try {
                pg.execute("insert into " + TABLE + " select g, 'late' from generate_series(1000001, 1005000) g");
            }
            catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        UnloadResult result = unloader.run();

        assertEquals(ROWS + 5000, pg.count("select count(*) from " + TABLE), "the late rows were committed");
        assertEquals(ROWS, result.rows());
        Manifest manifest = Unloads.manifest(store, result.manifestLocation());
        long rows = 0;
        for (Manifest.Entry e : manifest.entries()) {
            String text = new String(Unloads.read(store, Location.parse(e.url()), true), StandardCharsets.UTF_8);
            assertTrue(!text.contains(",late"), "a late row is in " + e.url());
            rows += text.lines().count();
        }
        assertEquals(ROWS, rows);
    }
}
