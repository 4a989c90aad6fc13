package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.multipart.PartSizing;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One unload against each kind of store: the files and the manifest beside their folder, and a
 * failure anywhere (a write in the middle of a multipart upload, a commit, the database) leaving
 * nothing behind: no object, no manifest, no pending upload or temporary file, every upload aborted
 * exactly once. Subclasses start the server (or folder).
 */
abstract class AbstractUnloadStoreTest extends AbstractStoreAndPgTest {
    static final String BUCKET = "exports";
    static final int ROWS = 20_000;

    private String table;
    /** About 16 MB of CSV, written uncompressed: two files pass the 5 MiB part size before the fault at 12 MiB. */
    private String big;

    AbstractUnloadStoreTest() {
        super(BUCKET, "unl_");
    }

    @BeforeAll
    void createTables() throws Exception {
        table = pg.table("t");
        pg.execute("create table " + table + " as select g as id, md5(g::text) as h, now() as at from generate_series(1, " + ROWS + ") g");
        big = pg.table("big");
        pg.execute("create table " + big + " as select g as id, repeat(md5(g::text), 8) as payload from generate_series(1, 60000) g");
    }

    /** What unfinished writes left under {@code folder} that no listing shows. */
    private List<String> leftovers(Location folder) {
        return server.pendingUploads(folder.bucket(), folder.key());
    }

    @ParameterizedTest
    @CsvSource({"ok/plain, '', 2, 2", "ok/slash, /, 3, 1"})
    void unloadsWithTheManifestBesideTheFolder(String folder, String slash, int segments, int filesPerSegment) {
        try (ObjectStore store = server.openStore()) {
            Location to = server.at(BUCKET, folder + slash);
            int files = segments * filesPerSegment;
            UnloadResult result = Unloads.unload(Unloads.request(table, to).files(segments, filesPerSegment).parallel(2).build(), store, 2, 16 << 10);
            assertEquals(ROWS, result.rows());
            assertEquals(server.at(BUCKET, folder + ".manifest").toString(), result.manifestLocation().toString());
            Manifest manifest = Unloads.manifest(store, result.manifestLocation());
            assertEquals(files, manifest.entries().size());
            assertEquals(ROWS, manifest.totalRecords());
            assertEquals(files, store.list(to.asFolder(), false).size());
            long lines = 0;
            for (Manifest.Entry e : manifest.entries()) {
                assertTrue(e.url().startsWith(server.at(BUCKET, folder + "/part-").toString()), e.url());
                lines += new String(Unloads.read(store, Location.parse(e.url()), true), StandardCharsets.UTF_8).lines().count();
            }
            assertEquals(ROWS, lines);
        }
    }

    @Test
    void aMissingBucketIsOneLineAndNothingIsWritten() {
        try (ObjectStore store = server.openStore()) {
            Location to = server.at("no-such-bucket-lading", "x/");
            LadingException e = assertThrows(LadingException.class, () -> Unloads.unload(Unloads.request(table, to).build(), store));
            assertTrue(e.getMessage().startsWith("unload of " + table + " to " + to + " failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("no-such-bucket-lading"), e.getMessage());
            assertTrue(e.getMessage().endsWith("nothing was published (0 uploads aborted, 0 committed files removed)"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void aWriteFailingInTheMiddleOfAMultipartUploadLeavesNothing() {
        Location folder = server.at(BUCKET, "fail/");
        Location to = server.at(BUCKET, "fail/big/");
        AtomicReference<List<String>> atFault = new AtomicReference<>();
        try (ObjectStore real = server.openStore()) {
            FaultyStore store = new FaultyStore(real, 12L << 20, -1).atFirstFault(() -> atFault.set(leftovers(folder)));
            UnloadRequest request = Unloads.request(big, to).compression(Compression.NONE, 6).files(2, 1).parallel(2).build();
            LadingException e = assertThrows(LadingException.class, () -> Unloads.unload(request, store, 2, 8 << 10));
            assertTrue(e.getMessage().startsWith("unload of " + big + " to " + to + " failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("injected fault: connection reset writing " + to + "part-"), e.getMessage());
            assertTrue(e.getMessage().endsWith("; nothing was published (2 uploads aborted, 0 committed files removed)"), e.getMessage());
            // past the part size each file's upload is a real, pending multipart upload (local: a temporary file)
            assertEquals(2, atFault.get().size(), "open uploads at the fault, each over " + PartSizing.MIN_PART_SIZE + " bytes: " + atFault.get());
            assertNothingLeftIn(real, folder);
            assertEveryUploadAbortedOnce(store);
            assertEquals(0, store.commits.get());
        }
    }

    @Test
    void aCommitFailingHalfwayRemovesWhatWasCommitted() {
        Location folder = server.at(BUCKET, "commit/");
        Location to = server.at(BUCKET, "commit/t/");
        try (ObjectStore real = server.openStore()) {
            FaultyStore store = new FaultyStore(real, -1, 3);
            LadingException e = assertThrows(LadingException.class,
                    () -> Unloads.unload(Unloads.request(table, to).files(4, 1).build(), store, 2, 8 << 10));
            assertTrue(e.getMessage().contains("injected fault: 500 completing " + to + "part-"), e.getMessage());
            assertTrue(e.getMessage().endsWith("; nothing was published (2 uploads aborted, 2 committed files removed)"), e.getMessage());
            assertNothingLeftIn(real, folder);
        }
    }

    @Test
    void aDatabaseFailingMidRunLeavesNothing() {
        Location folder = server.at(BUCKET, "db/");
        Location to = server.at(BUCKET, "db/q/");
        try (ObjectStore real = server.openStore()) {
            FaultyStore store = new FaultyStore(real, -1, -1);
            UnloadRequest request = Unloads.query("select g, md5(g::text), 1 / (20000 - g) from generate_series(1, 30000) g", to)
                    .files(2, 1).build();
            LadingException e = assertThrows(LadingException.class, () -> Unloads.unload(request, store, 2, 8 << 10));
            assertTrue(e.getMessage().contains("reading split 0 of query from " + PgFixture.DATABASE + " failed:"
                    + " ERROR: division by zero"), e.getMessage());
            assertTrue(e.getMessage().endsWith("; nothing was published (2 uploads aborted, 0 committed files removed)"), e.getMessage());
            assertTrue(store.created.get() >= 2, "files had been started before the error");
            assertNothingLeftIn(real, folder);
            assertEveryUploadAbortedOnce(store);
        }
    }

    private void assertNothingLeftIn(ObjectStore store, Location folder) {
        assertEquals(List.of(), store.list(folder, false));
        assertEquals(List.of(), leftovers(folder));
    }

    private static void assertEveryUploadAbortedOnce(FaultyStore store) {
        assertEquals(store.created.get(), store.abortedUncommitted.get(), "every upload aborted");
        assertEquals(store.created.get(), store.aborts.size(), "aborted uploads: " + store.aborts.keySet());
        store.aborts.forEach((location, calls) -> assertEquals(1, calls.get(), "abort calls for " + location));
    }
}
