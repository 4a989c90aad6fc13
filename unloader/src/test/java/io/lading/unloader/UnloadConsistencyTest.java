package io.lading.unloader;

import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.local.LocalObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows committed by another connection once the snapshot is exported appear in no file. */
class UnloadConsistencyTest {
    static final String TABLE = Fixtures.uniqueName("snap");
    static final int ROWS = 20_000;

    @TempDir
    Path root;

    @AfterEach
    void dropTable() {
        Fixtures.exec("drop table if exists " + TABLE);
    }

    @Test
    void rowsInsertedDuringTheUnloadAppearInNoFile() throws Exception {
        Fixtures.exec("create table " + TABLE + " as select g as id, md5(g::text) as h from generate_series(1, " + ROWS + ") g");
        Files.createDirectories(root.resolve("bkt"));
        LocalObjectStore store = new LocalObjectStore(root);
        UnloadRequest request = Fixtures.request(TABLE, Location.parse("file:///bkt/snap/")).files(2, 2).parallel(2).build();
        UnloadPlan plan;
        try (Connection c = Fixtures.SOURCE.connect()) {
            plan = Planner.plan(c, request);
        }
        assertTrue(plan.sharedSnapshot() && plan.splits().size() > 2, plan.describe());
        // the late rows land in new pages at the end: the open-ended last ctid range would read them
        // if a reader did not import the exported snapshot
        Unloader unloader = new Unloader(plan, store, 2, 8 << 10).afterSnapshot(() -> Fixtures.exec(
                "insert into " + TABLE + " select g, 'late' from generate_series(1000001, 1005000) g"));
        UnloadResult result = unloader.run();

        assertEquals(ROWS + 5000, Fixtures.count("select count(*) from " + TABLE), "the late rows were committed");
        assertEquals(ROWS, result.rows());
        Manifest manifest = Fixtures.manifest(store, result.manifestLocation());
        long rows = 0;
        for (Manifest.Entry e : manifest.entries()) {
            String text = new String(Fixtures.read(store, Location.parse(e.url()), true), StandardCharsets.UTF_8);
            assertTrue(!text.contains(",late"), "a late row is in " + e.url());
            rows += text.lines().count();
        }
        assertEquals(ROWS, rows);
    }
}
