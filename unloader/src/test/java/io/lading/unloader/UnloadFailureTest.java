package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.storage.Location;
import io.lading.storage.local.LocalObjectStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failure anywhere leaves no object, no temporary file and no manifest. */
class UnloadFailureTest {
    static final String TABLE = Fixtures.uniqueName("fail");

    @TempDir
    Path root;

    @BeforeAll
    static void createTable() {
        Fixtures.exec("create table " + TABLE + " as select g as id, md5(g::text) as h from generate_series(1, 30000) g");
    }

    @AfterAll
    static void dropTable() {
        Fixtures.exec("drop table if exists " + TABLE);
    }

    private Path bucket() throws Exception {
        return Files.createDirectories(root.resolve("bkt"));
    }

    @Test
    void storeFailingMidRunLeavesNothing() throws Exception {
        Path bucket = bucket();
        FaultyStore store = new FaultyStore(new LocalObjectStore(root), 100_000, -1);
        Location to = Location.parse("file:///bkt/exports/t/");
        LadingException e = assertThrows(LadingException.class,
                () -> Fixtures.unload(Fixtures.request(TABLE, to).files(4, 1).parallel(2).build(), store, 2, 8 << 10));
        assertTrue(e.getMessage().startsWith("unload of " + TABLE + " to file:///bkt/exports/t/ failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("injected fault: connection reset writing file:///bkt/exports/t/part-"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; nothing was published (4 uploads aborted, 0 committed files removed)"), e.getMessage());
        assertEquals(List.of(), Fixtures.filesUnder(bucket));
        assertEquals(store.created.get(), store.abortedUncommitted.get(), "every upload aborted");
        assertEquals(0, store.commits.get());
    }

    @Test
    void commitFailingHalfwayRemovesWhatWasCommitted() throws Exception {
        Path bucket = bucket();
        FaultyStore store = new FaultyStore(new LocalObjectStore(root), -1, 3);
        Location to = Location.parse("file:///bkt/exports/t/");
        LadingException e = assertThrows(LadingException.class,
                () -> Fixtures.unload(Fixtures.request(TABLE, to).files(4, 1).build(), store, 2, 8 << 10));
        assertTrue(e.getMessage().contains("injected fault: 500 completing file:///bkt/exports/t/part-"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; nothing was published (2 uploads aborted, 2 committed files removed)"), e.getMessage());
        assertEquals(List.of(), Fixtures.filesUnder(bucket));
    }

    @Test
    void databaseFailingMidRunLeavesNothing() throws Exception {
        Path bucket = bucket();
        FaultyStore store = new FaultyStore(new LocalObjectStore(root), -1, -1);
        Location to = Location.parse("file:///bkt/exports/q/");
        UnloadRequest request = new UnloadRequest.Builder(Fixtures.SOURCE, null,
                "select g, md5(g::text), 1 / (20000 - g) from generate_series(1, 30000) g", to).files(2, 1).build();
        LadingException e = assertThrows(LadingException.class, () -> Fixtures.unload(request, store, 2, 8 << 10));
        assertTrue(e.getMessage().contains("reading split 0 of query from postgresql://postgres@127.0.0.1:5432/test failed:"
                + " ERROR: division by zero"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; nothing was published (2 uploads aborted, 0 committed files removed)"), e.getMessage());
        assertTrue(store.created.get() >= 2, "files had been started before the error");
        assertEquals(store.created.get(), store.abortedUncommitted.get());
        assertEquals(List.of(), Fixtures.filesUnder(bucket));
    }
}
