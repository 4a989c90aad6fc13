package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.Manifest;
import io.lading.format.TableSchema;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.local.LocalObjectStore;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.TableName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publish protocol alone, on the local store, with files written by the test instead of the unload's threads. */
class UnloadTransactionTest {
    private static final Location TO = Location.parse("file:///bkt/exports/t/");
    private static final TableSchema SCHEMA = new TableSchema(List.of(new Column("id", "integer")));

    @TempDir
    Path root;
    private Path bucket;

    /** What the unload's threads hand over: a finished, uncommitted write. */
    private record Written(Location location, long rows, ObjectWrite write) implements UnloadTransaction.PendingFile {
        @Override
        public ObjectInfo publish() {
            return write.commit();
        }

        @Override
        public RuntimeException discard() {
            write.abort();
            return null;
        }
    }

    @BeforeEach
    void bucket() throws Exception {
        bucket = Files.createDirectories(root.resolve("bkt"));
    }

    private static UnloadRequest request(boolean overwrite) {
        return new UnloadRequest.Builder(ConnectionSpec.parse("postgresql://postgres@127.0.0.1:5432/test"), TableName.parse("public.t"), null, TO)
                .files(2, 1).overwrite(overwrite).build();
    }

    private static UnloadTransaction transaction(ObjectStore store, UnloadRequest request, String runId) {
        return new UnloadTransaction(store, request, new FileNames(request.to(), runId, request.files(), FileFormat.CSV, Compression.NONE));
    }

    /** A transaction past its overwrite guard. */
    private static UnloadTransaction begun(ObjectStore store, boolean overwrite, String runId) {
        UnloadTransaction transaction = transaction(store, request(overwrite), runId);
        transaction.begin();
        return transaction;
    }

    private static Written write(ObjectStore store, String run, int file, String rows) throws Exception {
        Location location = TO.resolve("part-" + run + "-0000-0000" + file + ".csv");
        ObjectWrite w = store.create(location);
        w.output().write(rows.getBytes(StandardCharsets.UTF_8));
        return new Written(location, rows.lines().count(), w);
    }

    private List<String> objects() throws Exception {
        List<String> result = new ArrayList<>();
        try (var files = Files.walk(bucket)) {
            files.filter(Files::isRegularFile).forEach(p -> result.add(bucket.relativize(p).toString()));
        }
        result.sort(null);
        return result;
    }

    @Test
    void filesInKeyOrderThenTheManifest() throws Exception {
        LocalObjectStore store = new LocalObjectStore(root);
        UnloadTransaction transaction = begun(store, false, "r1");
        List<Written> files = List.of(write(store, "r1", 1, "3\n"), write(store, "r1", 0, "1\n2\n"));
        Manifest manifest = transaction.commit(files, SCHEMA, () -> { });

        assertTrue(transaction.isPublished());
        assertEquals(List.of(TO.resolve("part-r1-0000-00000.csv").toString(), TO.resolve("part-r1-0000-00001.csv").toString()),
                manifest.entries().stream().map(Manifest.Entry::url).toList());
        assertEquals(List.of(2L, 1L), manifest.entries().stream().map(Manifest.Entry::recordCount).toList());
        assertEquals(List.of(4L, 2L), manifest.entries().stream().map(Manifest.Entry::contentLength).toList());
        assertEquals(List.of("exports/t.manifest", "exports/t/part-r1-0000-00000.csv", "exports/t/part-r1-0000-00001.csv"), objects());
        assertEquals(manifest, Manifest.parse(Files.readAllBytes(bucket.resolve("exports/t.manifest")), "t.manifest"));
    }

    @Test
    void aDestinationInUseNeedsOverwrite() throws Exception {
        LocalObjectStore store = new LocalObjectStore(root);
        begun(store, false, "r1");
        Written old = write(store, "r1", 0, "1\n");
        old.publish();
        LadingException e = assertThrows(LadingException.class, () -> transaction(store, request(false), "r2").begin());
        assertEquals("destination file:///bkt/exports/t/ is not empty (1 objects, e.g. file:///bkt/exports/t/part-r1-0000-00000.csv);"
                + " use --overwrite to replace them once the new files are committed, or choose another folder", e.getMessage());
        e = assertThrows(LadingException.class, () -> transaction(store, request(true), "r1").begin());
        assertEquals("destination file:///bkt/exports/t/ already holds files of run r1 (file:///bkt/exports/t/part-r1-0000-00000.csv);"
                + " run again", e.getMessage());
    }

    @Test
    void overwriteRemovesTheOldRunOnlyOnceTheNewOneIsPublished() throws Exception {
        LocalObjectStore store = new LocalObjectStore(root);
        UnloadTransaction first = begun(store, false, "r1");
        first.commit(List.of(write(store, "r1", 0, "1\n"), write(store, "r1", 1, "2\n")), SCHEMA, () -> { });

        UnloadTransaction second = begun(store, true, "r2");
        List<Written> files = List.of(write(store, "r2", 0, "1\n"), write(store, "r2", 1, "2\n"));
        assertTrue(objects().containsAll(List.of("exports/t.manifest", "exports/t/part-r1-0000-00000.csv", "exports/t/part-r1-0000-00001.csv")),
                "the old run stands while the new one is written: " + objects());
        second.commit(files, SCHEMA, () -> { });
        assertEquals(List.of("exports/t.manifest", "exports/t/part-r2-0000-00000.csv", "exports/t/part-r2-0000-00001.csv"), objects());
    }

    @Test
    void aFailedCommitRemovesWhatWasPublished() throws Exception {
        FaultyStore store = new FaultyStore(new LocalObjectStore(root), -1, 2);
        UnloadTransaction transaction = begun(store, false, "r1");
        List<Written> files = List.of(write(store, "r1", 0, "1\n"), write(store, "r1", 1, "2\n"), write(store, "r1", 2, "3\n"));
        RuntimeException cause = assertThrows(RuntimeException.class, () -> transaction.commit(files, SCHEMA, () -> { }));
        assertFalse(transaction.isPublished());

        LadingException e = transaction.rollback(cause, files);
        assertEquals("unload of public.t to file:///bkt/exports/t/ failed: injected fault: 500 completing"
                + " file:///bkt/exports/t/part-r1-0000-00001.csv; nothing was published (2 uploads aborted, 1 committed files removed)",
                e.getMessage());
        assertEquals(List.of(), objects());
    }

    @Test
    void aCancelledCommitStopsBeforeTheNextFile() throws Exception {
        LocalObjectStore store = new LocalObjectStore(root);
        UnloadTransaction transaction = begun(store, false, "r1");
        List<Written> files = List.of(write(store, "r1", 0, "1\n"), write(store, "r1", 1, "2\n"));
        int[] checkpoints = {0};
        LadingException cancelled = new LadingException("interrupted (Ctrl-C or SIGTERM)");
        assertThrows(LadingException.class, () -> transaction.commit(files, SCHEMA, () -> {
            if (++checkpoints[0] == 2) {
                throw cancelled;
            }
        }));
        LadingException e = transaction.rollback(cancelled, files);
        assertEquals("unload of public.t to file:///bkt/exports/t/ failed: interrupted (Ctrl-C or SIGTERM);"
                + " nothing was published (1 uploads aborted, 1 committed files removed)", e.getMessage());
        assertEquals(List.of(), objects());
    }
}
