package io.lading.storage;

import io.lading.storage.StorageException.Reason;
import io.lading.storage.testing.TestStoreServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every {@link ObjectStore} passes. Subclasses start the server (or folder) the store
 * works on and declare what their backend can do; the shared tests ask those flags
 * ({@link #supportsSignatures()}, {@link #usesMultipartUploads()}) rather
 * than being re-declared per backend. The defaults are a remote store's; what only a store reached
 * through an endpoint has is in {@link AbstractRemoteObjectStoreContractTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractObjectStoreContractTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private TestStoreServer server;
    private ObjectStore store;

    /** The server (or folder) the class's tests share. */
    protected abstract TestStoreServer startServer();

    /** Whether the server refuses requests signed with wrong credentials. */
    protected boolean supportsSignatures() {
        return true;
    }

    /** Whether an object bigger than one part is a multipart upload. */
    protected boolean usesMultipartUploads() {
        return true;
    }

    @BeforeAll
    final void openStore() {
        server = startServer();
        store = server.openStore();
    }

    @AfterAll
    final void closeStore() {
        store.close();
        server.close();
    }

    /** The server the class's tests share. */
    protected final TestStoreServer server() {
        return server;
    }

    /** The store under test, shared by the class's tests. */
    protected final ObjectStore store() {
        return store;
    }

    /** Creates an empty bucket and returns its root location (empty key). */
    protected final Location createBucket(String name) {
        server.createBucket(name);
        return server.at(name, "");
    }

    /** Whatever an unfinished write left in the bucket: keys of pending multipart uploads or temporary files. */
    protected final List<String> leftovers(Location bucket) {
        return server.pendingUploads(bucket.bucket(), "");
    }

    /**
     * The store under test with its server-side copy switched to parts (UploadPartCopy) for objects
     * over 6 MiB, so that the part path runs without gigabytes; stores without parts return
     * {@link #store()}.
     */
    protected ObjectStore storeCopyingInParts() {
        return store();
    }

    /**
     * Whether {@link ObjectStore#details} of this backend returns the user metadata written; when
     * not, the tests still check bytes, sizes and that writing metadata does no harm.
     */
    protected boolean returnsUserMetadata() {
        return true;
    }

    /** A location in a bucket that does not exist. */
    protected Location missingBucket() {
        Location existing = newBucket();
        return new Location(existing.scheme(), "no-such-bucket-" + BUCKETS.incrementAndGet(), "data/x.csv", existing.options());
    }

    protected final Location newBucket() {
        return createBucket("contract-" + BUCKETS.incrementAndGet());
    }

    protected static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    protected final ObjectInfo write(Location location, byte[] data) {
        try (ObjectWrite write = store().create(location)) {
            write.output().write(data);
            return write.commit();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    protected final byte[] read(Location location, long offset, long length) {
        try (InputStream in = store().open(location, offset, length)) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    protected final List<String> keys(List<ObjectInfo> objects) {
        return objects.stream().map(ObjectInfo::key).toList();
    }

    @Test
    public void roundTripIsVisibleOnlyAfterCommit() throws IOException {
        Location bucket = newBucket();
        Location file = bucket.withKey("data/hello.txt");
        byte[] data = "hello, lading\n".getBytes(StandardCharsets.UTF_8);
        try (ObjectWrite write = store().create(file)) {
            write.output().write(data);
            assertEquals(data.length, write.bytesWritten());
            assertTrue(store().stat(file).isEmpty(), "visible before commit");
            assertEquals(List.of(), store().list(bucket, false));
            ObjectInfo committed = write.commit();
            assertEquals(data.length, committed.size());
        }
        assertArrayEquals(data, read(file, 0, -1));
        ObjectInfo stat = store().stat(file).orElseThrow();
        assertEquals(data.length, stat.size());
        assertEquals(file.toString(), stat.location().toString());
        assertEquals(List.of("data/hello.txt"), keys(store().list(bucket, false)));
    }

    @Test
    public void rangeReads() {
        Location file = newBucket().withKey("ranges.bin");
        byte[] data = bytes(1000, 1);
        write(file, data);
        assertArrayEquals(Arrays.copyOfRange(data, 10, 30), read(file, 10, 20));
        assertArrayEquals(Arrays.copyOfRange(data, 990, 1000), read(file, 990, -1));
        assertArrayEquals(Arrays.copyOfRange(data, 995, 1000), read(file, 995, 100));
        assertArrayEquals(Arrays.copyOfRange(data, 0, 1), read(file, 0, 1));
        assertArrayEquals(new byte[0], read(file, 1000, -1));
        assertArrayEquals(new byte[0], read(file, 10, 0));
    }

    @Test
    public void emptyObject() {
        Location bucket = newBucket();
        Location file = bucket.withKey("empty.csv");
        ObjectInfo info = write(file, new byte[0]);
        assertEquals(0, info.size());
        assertEquals(0, store().stat(file).orElseThrow().size());
        assertArrayEquals(new byte[0], read(file, 0, -1));
        assertEquals(List.of("empty.csv"), keys(store().list(bucket, false)));
    }

    @Test
    public void multipartWriteOf25MiB() throws Exception {
        Location bucket = newBucket();
        Location file = bucket.withKey("big/part-0.bin");
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        Random random = new Random(25);
        byte[] chunk = new byte[8191]; // not a divisor of the part size: parts are cut inside writes
        long total = 25L << 20;
        try (ObjectWrite write = store().create(file)) {
            OutputStream out = write.output();
            for (long left = total; left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                random.nextBytes(chunk);
                out.write(chunk, 0, n);
                written.update(chunk, 0, n);
                left -= n;
            }
            assertTrue(store().stat(file).isEmpty(), "visible before commit");
            assertEquals(total, write.commit().size());
        }
        assertEquals(total, store().stat(file).orElseThrow().size());
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        try (InputStream in = store().open(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.update(buffer, 0, n);
            }
        }
        assertArrayEquals(written.digest(), read.digest());
        assertEquals(List.of(), leftovers(bucket));
    }

    @Test
    public void abortLeavesNoObjectAndNoPendingUpload() throws IOException {
        Location bucket = newBucket();
        Location file = bucket.withKey("aborted/file.bin");
        ObjectWrite write = store().create(file);
        write.output().write(bytes(12 << 20, 2)); // more than two parts
        write.abort();
        write.abort(); // idempotent
        assertThrows(IOException.class, () -> write.output().write(1));
        assertThrows(IllegalStateException.class, write::commit);
        write.close();
        assertTrue(store().stat(file).isEmpty());
        assertEquals(List.of(), store().list(bucket, false));
        assertEquals(List.of(), leftovers(bucket));
    }

    @Test
    public void closeWithoutCommitLeavesNothing() {
        Location bucket = newBucket();
        Location big = bucket.withKey("failed/big.bin");
        Location small = bucket.withKey("failed/small.bin");
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> {
            try (ObjectWrite a = store().create(big); ObjectWrite b = store().create(small)) {
                a.output().write(bytes(7 << 20, 3));
                b.output().write(bytes(100, 4));
                throw new IllegalStateException("reader failed");
            }
        });
        assertEquals("reader failed", failure.getMessage());
        assertEquals(List.of(), store().list(bucket, false));
        assertEquals(List.of(), leftovers(bucket));
    }

    @Test
    public void listsMoreThan1000KeysInOrderAndDeletesThemInBatches() {
        Location bucket = newBucket();
        List<Location> all = new ArrayList<>();
        for (int i = 1004; i >= 0; i--) { // written out of order
            Location file = bucket.withKey("many/f" + i);
            write(file, new byte[] {(byte) i});
            all.add(file);
        }
        List<String> listed = keys(store().list(bucket.withKey("many/"), false));
        assertEquals(1005, listed.size());
        List<String> sorted = new ArrayList<>(listed);
        sorted.sort(null);
        assertEquals(sorted, listed);
        assertEquals(1005, store().list(bucket.withKey("many/"), true).size());
        store().delete(all);
        assertEquals(List.of(), store().list(bucket, false));
    }

    @Test
    public void deleteIgnoresMissingObjects() {
        Location bucket = newBucket();
        Location file = bucket.withKey("a.csv");
        write(file, new byte[] {1});
        store().delete(List.of(file, bucket.withKey("missing.csv")));
        assertTrue(store().stat(file).isEmpty());
    }

    @Test
    public void missingObject() {
        Location file = newBucket().withKey("nothing/here.csv");
        assertTrue(store().stat(file).isEmpty());
        StorageException e = assertThrows(StorageException.class, () -> read(file, 0, -1));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    public void missingBucketNamesTheLocation() {
        Location file = missingBucket();
        for (Runnable call : List.<Runnable>of(
                () -> store().list(file, false),
                () -> store().stat(file),
                () -> read(file, 0, -1),
                () -> write(file, new byte[] {1}))) {
            StorageException e = assertThrows(StorageException.class, call::run);
            assertEquals(Reason.NO_SUCH_BUCKET, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains(file.bucket()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    public void writingAFolderKeyIsRefused() {
        Location folder = newBucket().withKey("dir/");
        assertThrows(StorageException.class, () -> store().create(folder));
    }

    @Test
    public void leftoversSeeAPendingUpload() throws IOException {
        Location bucket = newBucket();
        ObjectWrite write = store().create(bucket.withKey("pending"));
        write.output().write(bytes((5 << 20) + 1, 5)); // a byte past the first part: the upload has started
        if (usesMultipartUploads()) {
            assertEquals(List.of("pending"), leftovers(bucket));
        }
        else {
            assertEquals(1, leftovers(bucket).size(), "the temporary file: " + leftovers(bucket));
        }
        write.abort();
        assertEquals(List.of(), leftovers(bucket));
    }

    @Test
    public void anUnfinishedWriteIsPendingUntilAbortedByAnother() throws IOException {
        Location bucket = newBucket();
        Location run = bucket.withKey("out/part-20261201T041500000-0000-00000.csv.gz");
        Location other = bucket.withKey("out/notes.txt"); // no run's name: an upload of it is not Lading's to abort
        ObjectWrite write = store().create(run);
        ObjectWrite foreign = store().create(other);
        write.output().write(bytes((5 << 20) + 1, 6));
        foreign.output().write(bytes((5 << 20) + 1, 7));

        List<PendingWrite> pending = store().pendingWrites(bucket.withKey("out/"));
        List<String> expected = usesMultipartUploads() ? List.of(run.key()) : List.of(other.key(), run.key());
        assertEquals(expected, pending.stream().map(p -> p.location().key()).sorted().toList());
        Instant now = Instant.now();
        for (PendingWrite p : pending) {
            assertTrue(Duration.between(p.started(), now).abs().toMinutes() < 10, "started " + p.started() + ", now " + now);
        }
        assertEquals(List.of(), store().pendingWrites(bucket.withKey("elsewhere/")));
        assertEquals(List.of(), store().pendingWrites(bucket.withKey("out/part-2027")));

        PendingWrite killed = pending.stream().filter(p -> p.location().key().equals(run.key())).findFirst().orElseThrow();
        store().abort(killed);
        store().abort(killed); // already gone
        assertEquals(expected.stream().filter(k -> !k.equals(run.key())).toList(), store().pendingWrites(bucket).stream().map(p -> p.location().key()).toList());
        write.abort();
        foreign.abort();
        assertEquals(List.of(), leftovers(bucket));
        assertEquals(List.of(), store().list(bucket, false));
    }

    @Test
    public void anObjectOfOnePartIsOnePutAndABiggerOneIsMultipart() {
        Location bucket = newBucket();
        write(bucket.withKey("exactly-one-part"), bytes(5 << 20, 9));
        assertEquals(List.of(), leftovers(bucket));
        write(bucket.withKey("two-parts"), bytes((5 << 20) + 1, 9));
        assertEquals(List.of(), leftovers(bucket));
        assertEquals((5 << 20) + 1, store().stat(bucket.withKey("two-parts")).orElseThrow().size());
        if (usesMultipartUploads()) {
            // a single PUT has a plain MD5 ETag; a multipart upload's ends with -<parts>
            assertFalse(store().stat(bucket.withKey("exactly-one-part")).orElseThrow().etag().contains("-"));
            assertTrue(store().stat(bucket.withKey("two-parts")).orElseThrow().etag().endsWith("-2"),
                    store().stat(bucket.withKey("two-parts")).orElseThrow().etag());
        }
    }

    @Test
    public void wrongCredentialsNameTheLocationAndNoSecret() {
        Location bucket = newBucket();
        Location file = bucket.withKey("data/x.csv");
        String secret = "wrong-secret-value-42";
        try (ObjectStore wrong = server.openStore(new StoreCredentials("wrong-access-key", secret))) {
            if (!supportsSignatures()) {
                // nothing checks a signature here, so wrong credentials go unnoticed
                write(file, new byte[] {1});
                assertEquals(1, wrong.stat(file).orElseThrow().size());
                return;
            }
            for (Runnable call : List.<Runnable>of(() -> wrong.list(file, false), () -> wrong.stat(file),
                    () -> wrong.open(file, 0, -1))) {
                StorageException e = assertThrows(StorageException.class, call::run);
                assertEquals(Reason.ACCESS_DENIED, e.reason(), e.getMessage());
                assertTrue(e.getMessage().startsWith("access denied to " + file + " ("), e.getMessage());
                assertFalse(e.getMessage().contains(secret), e.getMessage());
                assertFalse(e.getMessage().contains("wrong-access-key"), e.getMessage());
                assertFalse(e.retryable());
            }
        }
    }

    // Selection rules over real listings. A key and a "folder" of the same name (test/filename and
    // test/filename/aa) cannot coexist in a file-system-backed store, so the prefix seed list is split
    // over two buckets; SelectionTest covers the full list without a server.

    @Test
    public void prefixSelectionWithoutTheFolder() {
        Location bucket = newBucket();
        for (String key : List.of("test/filename", "test/filenameexxx", "test/filenameyyy/aa", "test/filenameyyy/bb/aa", "other/x")) {
            write(bucket.withKey(key), new byte[] {1});
        }
        assertEquals(List.of("test/filename", "test/filenameexxx", "test/filenameyyy/aa", "test/filenameyyy/bb/aa"),
                keys(new Selection.Prefix(bucket.withKey("test/filename")).resolve(store())));
        assertEquals(List.of(), new Selection.Prefix(bucket.withKey("test/filename/")).resolve(store()));
    }

    @Test
    public void prefixSelectionWithTheFolder() {
        Location bucket = newBucket();
        for (String key : List.of("test/filename/aa", "test/filenameexxx", "test/filenameyyy/aa", "test/filenameyyy/bb/aa")) {
            write(bucket.withKey(key), new byte[] {1});
        }
        assertEquals(List.of("test/filename/aa", "test/filenameexxx", "test/filenameyyy/aa", "test/filenameyyy/bb/aa"),
                keys(new Selection.Prefix(bucket.withKey("test/filename")).resolve(store())));
        assertEquals(List.of("test/filename/aa"), keys(new Selection.Prefix(bucket.withKey("test/filename/")).resolve(store())));
    }

    @Test
    public void dirSelection() {
        Location bucket = newBucket();
        for (String key : List.of("test/a", "test/b", "test/sub/c", "test/sub/d/e", "testx", "test2/f")) {
            write(bucket.withKey(key), new byte[] {1});
        }
        assertEquals(List.of("test/a", "test/b"), keys(new Selection.Dir(bucket.withKey("test/")).resolve(store())));
        assertEquals(List.of("test/sub/c"), keys(new Selection.Dir(bucket.withKey("test/sub/")).resolve(store())));
        assertEquals(List.of("testx"), keys(new Selection.Dir(bucket).resolve(store())));
        assertEquals(List.of(), new Selection.Dir(bucket.withKey("none/")).resolve(store()));
    }

    @Test
    public void filePathSelection() {
        Location bucket = newBucket();
        for (String key : List.of("filename", "filename.1", "filename.2", "filename.4", "filename.x", "filenamez")) {
            write(bucket.withKey(key), new byte[] {1});
        }
        assertEquals(List.of("filename", "filename.1", "filename.2"),
                keys(new Selection.FilePath(bucket.withKey("filename")).resolve(store())));
        assertEquals(List.of(), new Selection.FilePath(bucket.withKey("file")).resolve(store()));
    }

    @Test
    public void manifestSelection() {
        Location bucket = newBucket();
        for (String key : List.of("unload/a", "unload/b", "unload/c")) {
            write(bucket.withKey(key), new byte[] {1, 2});
        }
        Location manifest = bucket.withKey("unload/manifest");
        Selection.ManifestFiles selection = new Selection.ManifestFiles(manifest, List.of(
                new Selection.ManifestEntry(bucket.withKey("unload/c"), true),
                new Selection.ManifestEntry(bucket.withKey("unload/a"), false),
                new Selection.ManifestEntry(bucket.withKey("unload/gone"), false)));
        List<ObjectInfo> selected = selection.resolve(store());
        assertEquals(List.of("unload/c", "unload/a"), keys(selected));
        assertEquals(2, selected.get(0).size());

        Location gone = bucket.withKey("unload/gone");
        StorageException e = assertThrows(StorageException.class, () -> new Selection.ManifestFiles(manifest,
                List.of(new Selection.ManifestEntry(gone, true))).resolve(store()));
        assertEquals("mandatory file " + gone + " listed in manifest " + manifest + " does not exist", e.getMessage());
    }

    // Server-side copy and user metadata

    private void assertMetadata(Map<String, String> expected, Location location) {
        ObjectDetails details = store().details(location).orElseThrow();
        if (returnsUserMetadata()) {
            assertEquals(expected, details.metadata());
        }
    }

    @Test
    public void copyKeepsBytesAndMetadataOrReplacesTheMetadata() throws IOException {
        Location bucket = newBucket();
        Location source = bucket.withKey("copy/source.bin");
        byte[] data = bytes(70_000, 11);
        try (ObjectWrite write = store().create(source)) {
            write.output().write(data);
            write.commit(Map.of("lading-crc64", "0123456789abcdef"));
        }
        assertMetadata(Map.of("lading-crc64", "0123456789abcdef"), source);

        Location kept = bucket.withKey("copy/kept.bin");
        assertEquals(data.length, store().copy(source, kept, null).size());
        assertArrayEquals(data, read(kept, 0, -1));
        assertMetadata(Map.of("lading-crc64", "0123456789abcdef"), kept);

        Location replaced = bucket.withKey("copy/deeper/replaced.bin");
        store().copy(source, replaced, Map.of("lading-md5", "x"));
        assertArrayEquals(data, read(replaced, 0, -1));
        assertMetadata(Map.of("lading-md5", "x"), replaced);

        store().copy(source, source, Map.of("lading-md5", "onto-itself"));
        assertArrayEquals(data, read(source, 0, -1));
        assertMetadata(Map.of("lading-md5", "onto-itself"), source);
        assertEquals(List.of("copy/deeper/replaced.bin", "copy/kept.bin", "copy/source.bin"), keys(store().list(bucket, false)));
    }

    @Test
    public void copyReplacesAnExistingTarget() {
        Location bucket = newBucket();
        Location source = bucket.withKey("new.csv");
        Location target = bucket.withKey("old.csv");
        write(source, bytes(10, 12));
        write(target, bytes(20, 13));
        store().copy(source, target, null);
        assertArrayEquals(bytes(10, 12), read(target, 0, -1));
    }

    @Test
    public void copyOfAMissingObjectNamesIt() {
        Location bucket = newBucket();
        Location missing = bucket.withKey("gone.csv");
        StorageException e = assertThrows(StorageException.class, () -> store().copy(missing, bucket.withKey("x.csv"), null));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertEquals("object " + missing + " does not exist", e.getMessage());
        assertEquals(List.of(), store().list(bucket, false));
    }

    @Test
    public void multipartCommitKeepsItsMetadata() throws IOException {
        Location bucket = newBucket();
        Location file = bucket.withKey("meta/big.bin");
        byte[] data = bytes(11 << 20, 14);
        try (ObjectWrite write = store().create(file)) {
            write.output().write(data);
            assertEquals(data.length, write.commit(Map.of("lading-crc64", "1", "lading-source", "s3-etag-1")).size());
        }
        ObjectDetails details = store().details(file).orElseThrow();
        assertMetadata(Map.of("lading-crc64", "1", "lading-source", "s3-etag-1"), file);
        assertEquals(data.length, details.info().size());
        assertArrayEquals(data, read(file, 0, -1));
        assertEquals(List.of(), leftovers(bucket));
    }

    @Test
    public void copyInPartsGivesTheSameBytesAndLeavesNoUpload() throws Exception {
        Location bucket = newBucket();
        Location source = bucket.withKey("parts/source.bin");
        byte[] data = bytes((12 << 20) + 3, 15); // three parts of 5, 5 and 2 MiB and a bit
        try (ObjectWrite write = store().create(source)) {
            write.output().write(data);
            write.commit(Map.of("lading-crc64", "42"));
        }
        ObjectStore parts = storeCopyingInParts();
        Location target = bucket.withKey("parts/target.bin");
        assertEquals(data.length, parts.copy(source, target, null).size());
        assertArrayEquals(MessageDigest.getInstance("MD5").digest(data), MessageDigest.getInstance("MD5").digest(read(target, 0, -1)));
        assertMetadata(Map.of("lading-crc64", "42"), target);
        parts.copy(target, target, Map.of("lading-crc64", "43"));
        assertMetadata(Map.of("lading-crc64", "43"), target);
        assertEquals(data.length, store().stat(target).orElseThrow().size());
        assertEquals(List.of(), leftovers(bucket));
    }

    @Test
    public void badMetadataIsRefusedBeforeAnythingIsWritten() {
        Location bucket = newBucket();
        Location file = bucket.withKey("bad-meta.csv");
        write(file, new byte[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store().copy(file, bucket.withKey("b.csv"), Map.of("Upper", "v")));
        assertEquals("user metadata name must be lower-case letters, digits and '-': 'Upper'", e.getMessage());
        assertEquals(List.of("bad-meta.csv"), keys(store().list(bucket, false)));
    }
}
