package io.lading.transfer;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.PartUploads;
import io.lading.storage.testing.ForwardingObjectStore;
import io.lading.storage.testing.ForwardingPartUploads;
import io.lading.storage.local.LocalObjectStore;
import io.lading.storage.testing.OssProxyServer;
import io.lading.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transfer engine between real stores: two in-process S3 servers (one behind the OSS adapter) and the local store. */
class TransferTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    /** 5 MiB parts, so that the 6 MiB file is a multipart upload whose ETag is checked part by part. */
    private static final TransferOptions OPTIONS = new TransferOptions(3, false, 3, 5L << 20);
    private static S3ProxyServer s3Server;
    private static OssProxyServer ossServer;
    private static ObjectStore s3;
    private static ObjectStore oss;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        s3Server = S3ProxyServer.start();
        ossServer = OssProxyServer.start();
        s3 = s3Server.openStore();
        oss = ossServer.openStore();
    }

    @AfterAll
    static void stop() {
        s3.close();
        oss.close();
        s3Server.close();
        ossServer.close();
    }

    private static Location s3Bucket() {
        String name = "tr-s3-" + BUCKETS.incrementAndGet();
        s3Server.createBucket(name);
        return S3ProxyServer.location(name, "");
    }

    private static Location ossBucket() {
        String name = "tr-oss-" + BUCKETS.incrementAndGet();
        ossServer.createBucket(name);
        return OssProxyServer.location(name, "");
    }

    private Location localBucket() throws IOException {
        Path bucket = java.nio.file.Files.createDirectories(dir.resolve("bucket-" + BUCKETS.incrementAndGet()));
        return Location.parse("file://" + bucket.toAbsolutePath() + "/");
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static void put(ObjectStore store, Location location, byte[] data) {
        try (ObjectWrite write = store.create(location)) {
            write.output().write(data);
            write.commit();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] get(ObjectStore store, Location location) {
        try (InputStream in = store.open(location)) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** An unload in Lading's layout: three files (one over a part) and the sibling manifest. */
    static Map<String, byte[]> writeExport(ObjectStore store, Location bucket) {
        Map<String, byte[]> files = Map.of(
                "exports/orders/part-0.csv.gz", bytes(1000, 1),
                "exports/orders/part-1.csv.gz", bytes((6 << 20) + 17, 2),
                "exports/orders/part-2.csv.gz", new byte[0]);
        StringBuilder json = new StringBuilder("{\"entries\":[");
        int i = 0;
        for (String key : files.keySet().stream().sorted().toList()) {
            put(store, bucket.withKey(key), files.get(key));
            json.append(i++ == 0 ? "" : ",").append("{\"url\":\"").append(bucket.withKey(key)).append("\",\"mandatory\":true,")
                    .append("\"meta\":{\"content_length\":").append(files.get(key).length).append(",\"record_count\":").append(10 + i).append("}}");
        }
        json.append("],\"schema\":{\"elements\":[{\"name\":\"id\",\"type\":{\"base\":\"integer\"}}]}}");
        put(store, bucket.withKey("exports/orders.manifest"), json.toString().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** The plan the command makes for FROM = the export folder, with its sibling manifest. */
    static TransferPlan exportPlan(ObjectStore store, Location bucket, Location to) {
        Location manifestLocation = bucket.withKey("exports/orders.manifest");
        Manifest manifest = Manifest.parse(get(store, manifestLocation), manifestLocation.toString());
        List<TransferPlan.Source> sources = manifest.entries().stream()
                .map(e -> new TransferPlan.Source(store.stat(Location.parse(e.url())).orElseThrow(), e.recordCount())).toList();
        return TransferPlan.of(bucket.withKey("exports/orders/"), to, sources, manifest, manifestLocation);
    }

    @Test
    void s3ToOssStreamsVerifiesAndWritesTheManifestLast() {
        Location from = s3Bucket();
        Location to = ossBucket().withKey("in/orders/");
        Map<String, byte[]> files = writeExport(s3, from);
        TransferCounters counters = new TransferCounters();
        TransferResult result = Transfer.run(s3, oss, false, exportPlan(s3, from, to), OPTIONS, counters);

        assertEquals(3, result.objects());
        assertEquals(3, result.streamed());
        assertEquals(0, result.skipped());
        assertEquals(3, result.verified() + result.sizeOnly());
        assertEquals(3, result.verified(), "S3Proxy's ETags are MD5s and part MD5s: every object is checked");
        assertEquals(files.values().stream().mapToLong(b -> b.length).sum(), result.bytes());
        assertEquals(11 + 12 + 13, result.records());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertArrayEquals(file.getValue(), get(oss, to.withKey(file.getKey().replace("exports/", "in/"))), file.getKey());
        }
        Location manifestLocation = to.withKey("in/orders.manifest");
        assertEquals(manifestLocation, result.manifest());
        Manifest written = Manifest.parse(get(oss, manifestLocation), "written");
        assertEquals(List.of("oss://" + to.bucket() + "/in/orders/part-0.csv.gz", "oss://" + to.bucket() + "/in/orders/part-1.csv.gz",
                "oss://" + to.bucket() + "/in/orders/part-2.csv.gz"), written.entries().stream().map(Manifest.Entry::url).toList());
        assertEquals(List.of(1000L, (6L << 20) + 17, 0L), written.entries().stream().map(Manifest.Entry::contentLength).toList());
        assertEquals(List.of(11L, 12L, 13L), written.entries().stream().map(Manifest.Entry::recordCount).toList());
        assertEquals("integer", written.schema().columns().get(0).pgType());
    }

    @Test
    void ossToLocalStoresTheChecksumsInTheMetadata() throws IOException {
        Location from = ossBucket();
        Location to = localBucket().resolve("copy/");
        Map<String, byte[]> files = writeExport(oss, from);
        Transfer.run(oss, new LocalObjectStore(), false, exportPlan(oss, from, to), OPTIONS, new TransferCounters());
        try (ObjectStore local = new LocalObjectStore()) {
            Location part0 = to.withKey(to.key() + "part-0.csv.gz");
            ObjectDetails details = local.details(part0).orElseThrow();
            Crc64 crc = new Crc64();
            crc.update(files.get("exports/orders/part-0.csv.gz"), 0, 1000);
            assertEquals(String.format("%016x", crc.getValue()), details.metadata().get(TransferMetadata.CRC64));
            assertTrue(details.metadata().get(TransferMetadata.SOURCE).startsWith("etag-"), details.metadata().toString());
            assertEquals(32, details.metadata().get(TransferMetadata.MD5).length());
            assertTrue(local.stat(io.lading.storage.Selection.manifestBeside(to)).isPresent());
        }
    }

    @Test
    void aTransferKilledHalfWayResumesToIdenticalObjectsAndOneManifest() {
        Location from = s3Bucket();
        Location to = s3Bucket().withKey("again/");
        Map<String, byte[]> files = writeExport(s3, from);
        // a second server: the destination, reached through a store that dies after two commits
        try (S3ProxyServer other = S3ProxyServer.start(); ObjectStore real = other.openStore()) {
            other.createBucket(to.bucket());
            FailingStore dying = new FailingStore(real, 2);
            TransferOptions oneAtATime = new TransferOptions(1, false, 1, 5L << 20);
            LadingException e = assertThrows(LadingException.class,
                    () -> Transfer.run(s3, dying, false, exportPlan(s3, from, to), oneAtATime, new TransferCounters()));
            assertTrue(e.getMessage().startsWith("transfer of s3://" + from.bucket() + "/exports/orders/part-2.csv.gz to "), e.getMessage());
            Location bucket = to.withKey("");
            assertEquals(List.of("again/part-0.csv.gz", "again/part-1.csv.gz"),
                    real.list(bucket, false).stream().map(ObjectInfo::key).toList(), "two whole objects and no manifest");

            TransferResult again = Transfer.run(s3, real, false, exportPlan(s3, from, to), OPTIONS, new TransferCounters());
            assertEquals(2, again.skipped());
            assertEquals(1, again.streamed());
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                assertArrayEquals(file.getValue(), get(real, to.withKey(file.getKey().replace("exports/orders/", "again/"))));
            }
            assertEquals(List.of("again.manifest", "again/part-0.csv.gz", "again/part-1.csv.gz", "again/part-2.csv.gz"),
                    real.list(bucket, false).stream().map(ObjectInfo::key).toList());

            TransferResult third = Transfer.run(s3, real, false, exportPlan(s3, from, to), OPTIONS, new TransferCounters());
            assertEquals(3, third.skipped());
            assertEquals(0, third.bytes());
        }
    }

    /** Part uploads of a real store that record the parts sent and fail once {@code parts} parts were sent. */
    static final class PartSpy extends DelegatingStore {
        final List<Integer> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private final AtomicInteger left;

        PartSpy(ObjectStore delegate, int parts) {
            super(delegate);
            this.left = new AtomicInteger(parts);
        }

        @Override
        public Optional<PartUploads> partUploads() {
            return delegate.partUploads().map(real -> new ForwardingPartUploads(real) {
                @Override
                public Part uploadPart(Location target, String uploadId, int number, byte[] data, int length) {
                    if (left.getAndDecrement() <= 0) {
                        throw new io.lading.storage.StorageException(io.lading.storage.StorageException.Reason.OTHER,
                                "injected fault: the process dies before part " + number + " of " + target);
                    }
                    Part part = super.uploadPart(target, uploadId, number, data, length);
                    sent.add(number);
                    return part;
                }
            });
        }
    }

    /** One 4.2-part object in 5 MiB parts, alone in a folder of {@code bucket}; its plan to {@code to}. */
    static TransferPlan bigObjectPlan(ObjectStore store, Location bucket, byte[] data, Location to) {
        Location source = bucket.withKey("big/data.bin");
        put(store, source, data);
        return TransferPlan.of(bucket.withKey("big/"), to, List.of(new TransferPlan.Source(store.stat(source).orElseThrow(), -1)), null, null);
    }

    @Test
    void aLargeObjectInterruptedHalfWayResumesFromItsUploadedParts() {
        Location from = s3Bucket();
        Location to = ossBucket().withKey("landing/big/");
        byte[] data = bytes((4 << 20) * 5 + (1 << 20), 21); // 21 MiB: parts 1-4 of 5 MiB and a fifth of 1 MiB
        TransferPlan plan = bigObjectPlan(s3, from, data, to);
        Location target = plan.items().get(0).target();
        PartUploads uploads = oss.partUploads().orElseThrow();

        PartSpy dying = new PartSpy(oss, 2);
        TransferOptions once = new TransferOptions(1, false, 1, 5L << 20);
        LadingException e = assertThrows(LadingException.class, () -> Transfer.run(s3, dying, false, plan, once, new TransferCounters()));
        assertTrue(e.getMessage().contains("injected fault"), e.getMessage());
        List<Integer> first = List.copyOf(dying.sent);
        assertTrue(first.size() >= 2 && first.size() < 5, first.toString());
        assertTrue(oss.stat(target).isEmpty(), "nothing visible at the destination");
        assertEquals(1, uploads.openUploads(target).size(), "the upload is kept for the re-run");
        Location checkpoint = PartCheckpoint.locationOf(target);
        assertEquals("landing/.lading-transfer/", checkpoint.key().substring(0, checkpoint.key().lastIndexOf('/') + 1));
        assertEquals(List.of(), oss.list(to, false), "the checkpoint is outside the destination folder");
        assertTrue(oss.stat(checkpoint).isPresent());

        PartSpy counting = new PartSpy(oss, Integer.MAX_VALUE);
        TransferResult result = Transfer.run(s3, counting, false, plan, OPTIONS, new TransferCounters());
        assertEquals(1, result.verified());
        List<Integer> second = counting.sent.stream().sorted().toList();
        List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, 5).boxed().filter(n -> !first.contains(n)).toList();
        assertEquals(expected, second, "only the parts missing after the first run are uploaded");
        assertEquals(data.length - first.size() * (5L << 20) + (first.contains(5) ? (4L << 20) : 0), result.bytes());
        assertArrayEquals(data, get(oss, target));
        assertEquals(List.of(), uploads.openUploads(target), "no pending multipart upload is left");
        assertTrue(oss.stat(checkpoint).isEmpty(), "the checkpoint is removed");
    }

    @Test
    void aCheckpointOfAnotherSourceVersionIsDiscarded() {
        Location from = s3Bucket();
        Location to = s3Bucket().withKey("big/");
        byte[] before = bytes((5 << 20) * 3, 31);
        TransferPlan plan = bigObjectPlan(s3, from, before, to);
        Location target = plan.items().get(0).target();
        PartUploads uploads = s3.partUploads().orElseThrow();
        assertThrows(LadingException.class, () -> Transfer.run(s3, new PartSpy(s3, 1), false, plan,
                new TransferOptions(1, false, 1, 5L << 20), new TransferCounters()));
        String stale = uploads.openUploads(target).get(0);

        byte[] after = bytes((5 << 20) * 3, 32); // same size, other content: another ETag
        TransferPlan replanned = bigObjectPlan(s3, from, after, to);
        PartSpy counting = new PartSpy(s3, Integer.MAX_VALUE);
        Transfer.run(s3, counting, false, replanned, OPTIONS, new TransferCounters());
        assertEquals(List.of(1, 2, 3), counting.sent.stream().sorted().toList(), "every part again");
        assertArrayEquals(after, get(s3, target));
        assertFalse(uploads.openUploads(target).contains(stale), "the stale upload is aborted");
        assertEquals(List.of(), uploads.openUploads(target));
        // the metadata given when the upload started (the OSS test server returns no user metadata, S3Proxy does)
        assertEquals(Map.of(TransferMetadata.SOURCE, ObjectCopier.identity(s3.stat(from.withKey("big/data.bin")).orElseThrow())),
                s3.details(target).orElseThrow().metadata());
    }

    @Test
    void anObjectUpToTheSinglePutLimitStreamsGetIntoPutAndACorruptedOneIsRetried() {
        Location from = s3Bucket();
        Location to = s3Bucket().withKey("streamed/");
        byte[] data = bytes((11 << 20) + 5, 61); // over one 5 MiB part, under the 20 MiB limit
        TransferPlan plan = bigObjectPlan(s3, from, data, to);
        Location target = plan.items().get(0).target();
        TransferOptions streaming = new TransferOptions(2, false, 3, 5L << 20, 20L << 20);
        PartSpy parts = new PartSpy(s3, Integer.MAX_VALUE);
        TransferResult result = Transfer.run(s3, new CorruptingStore(parts, 1), false, plan, streaming, new TransferCounters());
        assertEquals(1, result.retries(), "the first PUT was corrupted, caught by its ETag");
        assertEquals(1, result.verified());
        assertEquals(List.of(), parts.sent, "no part: one PUT");
        assertArrayEquals(data, get(s3, target));
        assertEquals(Map.of(TransferMetadata.SOURCE, ObjectCopier.identity(s3.stat(from.withKey("big/data.bin")).orElseThrow())),
                s3.details(target).orElseThrow().metadata(), "metadata goes before the bytes: the source's identity only");
    }

    @Test
    void aCheckpointWhoseUploadIsGoneStartsOver() {
        Location from = s3Bucket();
        Location to = s3Bucket().withKey("gone/");
        byte[] data = bytes((5 << 20) * 2 + 7, 33);
        TransferPlan plan = bigObjectPlan(s3, from, data, to);
        Location target = plan.items().get(0).target();
        PartUploads uploads = s3.partUploads().orElseThrow();
        assertThrows(LadingException.class, () -> Transfer.run(s3, new PartSpy(s3, 1), false, plan,
                new TransferOptions(1, false, 1, 5L << 20), new TransferCounters()));
        uploads.abort(target, uploads.openUploads(target).get(0)); // e.g. a lifecycle rule aborted it
        assertTrue(s3.stat(PartCheckpoint.locationOf(target)).isPresent());

        PartSpy counting = new PartSpy(s3, Integer.MAX_VALUE);
        Transfer.run(s3, counting, false, plan, OPTIONS, new TransferCounters());
        assertEquals(List.of(1, 2, 3), counting.sent.stream().sorted().toList());
        assertArrayEquals(data, get(s3, target));
        assertTrue(s3.stat(PartCheckpoint.locationOf(target)).isEmpty());
    }

    @Test
    void aCrcTheSourceStatesGoesIntoTheMetadataWhenTheBytesAgreeAndFailsTheObjectWhenNot() throws IOException {
        Location from = s3Bucket();
        byte[] data = bytes((5 << 20) * 2 + 99, 41);
        Crc64 crc = new Crc64();
        crc.update(data, 0, data.length);
        String stated = String.format("%016x", crc.getValue());
        Location good = from.withKey("stated/good.bin");
        Location bad = from.withKey("stated/bad.bin");
        try (ObjectWrite write = s3.create(good)) {
            write.output().write(data);
            write.commit(Map.of(TransferMetadata.CRC64, stated));
        }
        try (ObjectWrite write = s3.create(bad)) {
            write.output().write(data);
            write.commit(Map.of(TransferMetadata.CRC64, "0000000000000001"));
        }
        Location to = s3Bucket().withKey("copy/");
        // one S3 server on both sides, streamed (not copied in the store) so that the parts path runs
        TransferPlan goodPlan = TransferPlan.of(from.withKey("stated/"), to, List.of(new TransferPlan.Source(s3.stat(good).orElseThrow(), -1)), null, null);
        assertEquals(1, Transfer.run(s3, s3, false, goodPlan, OPTIONS, new TransferCounters()).verified());
        Location target = to.withKey("copy/good.bin");
        assertEquals(stated, s3.details(target).orElseThrow().metadata().get(TransferMetadata.CRC64));
        assertArrayEquals(data, get(s3, target));

        TransferPlan badPlan = TransferPlan.of(from.withKey("stated/"), to, List.of(new TransferPlan.Source(s3.stat(bad).orElseThrow(), -1)), null, null);
        LadingException e = assertThrows(LadingException.class, () -> Transfer.run(s3, s3, false, badPlan, OPTIONS, new TransferCounters()));
        assertEquals("transfer of " + bad + " to " + to.withKey("copy/bad.bin") + " failed after 3 attempts: checksum mismatch: the source "
                + bad + " states CRC-64 1 but its bytes give " + Long.toUnsignedString(crc.getValue()), e.getMessage());
        assertTrue(s3.stat(to.withKey("copy/bad.bin")).isEmpty());
        assertEquals(List.of(), s3.partUploads().orElseThrow().openUploads(to.withKey("copy/bad.bin")), "its upload is aborted");
        assertTrue(s3.stat(PartCheckpoint.locationOf(to.withKey("copy/bad.bin"))).isEmpty());
    }

    @Test
    void differentContentAtTheDestinationIsRefusedUnlessOverwrite() throws IOException {
        Location from = s3Bucket();
        Location to = localBucket().resolve("dest/");
        writeExport(s3, from);
        try (ObjectStore local = new LocalObjectStore()) {
            Location clash = to.withKey(to.key() + "part-0.csv.gz");
            put(local, clash, bytes(1000, 99)); // same size, other bytes, no metadata: compared by CRC-64
            LadingException e = assertThrows(LadingException.class,
                    () -> Transfer.run(s3, local, false, exportPlan(s3, from, to), OPTIONS, new TransferCounters()));
            assertEquals("1 destination object(s) exist with different content, e.g. " + clash
                    + "; nothing was transferred. Use --overwrite to replace them", e.getMessage());
            assertEquals(List.of(clash.key()), local.list(to, false).stream().map(ObjectInfo::key).toList());

            TransferResult result = Transfer.run(s3, local, false, exportPlan(s3, from, to), new TransferOptions(2, true, 3, 5L << 20), new TransferCounters());
            assertEquals(3, result.streamed());
            assertArrayEquals(bytes(1000, 1), get(local, clash));
        }
    }

    @Test
    void withinOneStoreTheStoreCopies() {
        Location bucket = s3Bucket();
        Map<String, byte[]> files = writeExport(s3, bucket);
        Location to = bucket.withKey("moved/orders/");
        TransferResult result = Transfer.run(s3, s3, true, exportPlan(s3, bucket, to), OPTIONS, new TransferCounters());
        assertEquals(3, result.copiedInStore());
        assertEquals(0, result.bytes());
        assertArrayEquals(files.get("exports/orders/part-1.csv.gz"), get(s3, bucket.withKey("moved/orders/part-1.csv.gz")));
        assertTrue(s3.stat(bucket.withKey("moved/orders.manifest")).isPresent());
        assertEquals(3, Transfer.run(s3, s3, true, exportPlan(s3, bucket, to), OPTIONS, new TransferCounters()).skipped());
    }

    @Test
    void aCorruptedWriteIsRetriedAndThenFailsNamingTheObject() {
        Location from = s3Bucket();
        Location to = s3Bucket().withKey("corrupt/");
        writeExport(s3, from);
        CorruptingStore once = new CorruptingStore(s3, 1);
        TransferResult result = Transfer.run(s3, once, false, exportPlan(s3, from, to), new TransferOptions(1, false, 3, 5L << 20), new TransferCounters());
        assertEquals(1, result.retries());
        assertEquals(3, result.verified());

        Location to2 = s3Bucket().withKey("corrupt/");
        CorruptingStore always = new CorruptingStore(s3, Integer.MAX_VALUE);
        LadingException e = assertThrows(LadingException.class,
                () -> Transfer.run(s3, always, false, exportPlan(s3, from, to2), new TransferOptions(1, false, 2, 5L << 20), new TransferCounters()));
        assertTrue(e.getMessage().matches("transfer of s3://.*/exports/orders/part-0.csv.gz to s3://.*/corrupt/part-0.csv.gz failed after 2 attempts:"
                + " checksum mismatch: ETag of .* is [0-9a-f]{32} but the bytes read give [0-9a-f]{32}"), e.getMessage());
        assertEquals(List.of(), s3.list(to2, false), "nothing left at the destination");
    }

    @Test
    void aRedshiftManifestKeepsItsRelativeName() {
        Location bucket = s3Bucket();
        put(s3, bucket.withKey("unload/venue_0000_part_00"), bytes(10, 3));
        put(s3, bucket.withKey("unload/venue_0001_part_00"), bytes(20, 4));
        Location manifestLocation = bucket.withKey("unload/venue_manifest");
        Manifest manifest = new Manifest(List.of(
                new Manifest.Entry(bucket.withKey("unload/venue_0000_part_00").toString(), true, 10, 2),
                new Manifest.Entry(bucket.withKey("unload/venue_0001_part_00").toString(), true, 20, 3)), null);
        List<TransferPlan.Source> sources = manifest.entries().stream()
                .map(e -> new TransferPlan.Source(s3.stat(Location.parse(e.url())).orElseThrow(), e.recordCount())).toList();
        Location to = ossBucket().withKey("rs/");
        TransferPlan plan = TransferPlan.of(manifestLocation, to, sources, manifest, manifestLocation);
        assertEquals(to.withKey("rs/venue_manifest"), plan.manifestTarget());
        assertEquals(to.withKey("rs/venue_0001_part_00"), plan.items().get(1).target());
        Transfer.run(s3, oss, false, plan, OPTIONS, new TransferCounters());
        Manifest written = Manifest.parse(get(oss, to.withKey("rs/venue_manifest")), "written");
        assertEquals("oss://" + to.bucket() + "/rs/venue_0000_part_00", written.entries().get(0).url());
        assertTrue(written.entries().get(0).mandatory());
        assertNull(written.schema());
    }

    @Test
    void aFileOutsideTheSourceFolderIsRefused() {
        Location bucket = s3Bucket();
        ObjectInfo elsewhere = new ObjectInfo(bucket.withKey("other/x"), 1, null, null);
        LadingException e = assertThrows(LadingException.class, () -> TransferPlan.of(bucket.withKey("unload/manifest"),
                bucket.withKey("to/"), List.of(new TransferPlan.Source(elsewhere, -1)), null, null));
        assertEquals(bucket.withKey("other/x") + " is outside the folder of " + bucket.withKey("unload/manifest")
                + "; transfer keeps names relative to it, so give FROM a folder that holds every file", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** A real store whose writes fail at commit once {@code commits} objects were committed (checkpoints are no objects). */
    static final class FailingStore extends DelegatingStore {
        private final AtomicInteger left;

        FailingStore(ObjectStore delegate, int commits) {
            super(delegate);
            this.left = new AtomicInteger(commits);
        }

        private void commit(Location location) {
            if (!location.key().contains(PartCheckpoint.FOLDER) && left.getAndDecrement() <= 0) {
                throw new io.lading.storage.StorageException(io.lading.storage.StorageException.Reason.OTHER,
                        "injected fault: the process dies before committing " + location);
            }
        }

        @Override
        public ObjectWrite create(Location location, long maxSizeHint) {
            ObjectWrite real = delegate.create(location, maxSizeHint);
            return new DelegatingWrite(real) {
                @Override
                public ObjectInfo commit(Map<String, String> metadata) {
                    try {
                        FailingStore.this.commit(location);
                    }
                    catch (RuntimeException e) {
                        real.abort();
                        throw e;
                    }
                    return real.commit(metadata);
                }
            };
        }

        @Override
        public Optional<PartUploads> partUploads() {
            return delegate.partUploads().map(real -> new ForwardingPartUploads(real) {
                @Override
                public String putObject(Location target, byte[] data, int length, Map<String, String> metadata) {
                    commit(target);
                    return super.putObject(target, data, length, metadata);
                }

                @Override
                public String putObject(Location target, Body body, long length, Map<String, String> metadata) {
                    commit(target);
                    return super.putObject(target, body, length, metadata);
                }

                @Override
                public String complete(Location target, String uploadId, List<Part> parts) {
                    commit(target);
                    return super.complete(target, uploadId, parts);
                }
            });
        }
    }

    /** A real store that flips one byte in the first {@code times} writes (PUTs or parts) of a non-empty object. */
    static final class CorruptingStore extends DelegatingStore {
        private final AtomicInteger left;

        CorruptingStore(ObjectStore delegate, int times) {
            super(delegate);
            this.left = new AtomicInteger(times);
        }

        @Override
        public ObjectWrite create(Location location, long maxSizeHint) {
            ObjectWrite real = delegate.create(location, maxSizeHint);
            boolean corrupt = left.getAndDecrement() > 0;
            return new DelegatingWrite(real) {
                private boolean flipped;
                private final OutputStream out = new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (corrupt && !flipped && len > 0) {
                            byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
                            copy[0] ^= 1;
                            flipped = true;
                            real.output().write(copy);
                            return;
                        }
                        real.output().write(b, off, len);
                    }
                };

                @Override
                public OutputStream output() {
                    return out;
                }
            };
        }

        /** The stream with its first byte flipped: the store gets other bytes than the source gave. */
        private static InputStream flipFirst(InputStream in) {
            return new java.io.FilterInputStream(in) {
                private boolean flipped;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0 && !flipped) {
                        b[off] ^= 1;
                        flipped = true;
                    }
                    return n;
                }
            };
        }

        private byte[] maybeCorrupt(Location target, byte[] data, int length) {
            if (length == 0 || target.key().contains(PartCheckpoint.FOLDER) || left.getAndDecrement() <= 0) {
                return data;
            }
            byte[] copy = java.util.Arrays.copyOf(data, length);
            copy[0] ^= 1;
            return copy;
        }

        @Override
        public Optional<PartUploads> partUploads() {
            return delegate.partUploads().map(real -> new ForwardingPartUploads(real) {
                @Override
                public String putObject(Location target, byte[] data, int length, Map<String, String> metadata) {
                    return super.putObject(target, maybeCorrupt(target, data, length), length, metadata);
                }

                @Override
                public String putObject(Location target, Body body, long length, Map<String, String> metadata) {
                    boolean corrupt = length > 0 && left.getAndDecrement() > 0;
                    return super.putObject(target, () -> corrupt ? flipFirst(body.open()) : body.open(), length, metadata);
                }

                @Override
                public Part uploadPart(Location target, String uploadId, int number, byte[] data, int length) {
                    return super.uploadPart(target, uploadId, number, maybeCorrupt(target, data, length), length);
                }
            });
        }
    }

    /** Forwards everything to a real store (which the test closes); writes go through {@link #create(Location, long)}. */
    abstract static class DelegatingStore extends ForwardingObjectStore {
        DelegatingStore(ObjectStore delegate) {
            super(delegate);
        }

        @Override
        public ObjectWrite create(Location location) {
            return create(location, io.lading.storage.multipart.PartSizing.DEFAULT_MAX_SIZE);
        }

        @Override
        public void close() {
        }
    }

    /** Forwards everything to a real write. */
    static class DelegatingWrite implements ObjectWrite {
        final ObjectWrite real;

        DelegatingWrite(ObjectWrite real) {
            this.real = real;
        }

        @Override
        public OutputStream output() {
            return real.output();
        }

        @Override
        public long bytesWritten() {
            return real.bytesWritten();
        }

        @Override
        public long partSize() {
            return real.partSize();
        }

        @Override
        public ObjectInfo commit() {
            return commit(Map.of());
        }

        @Override
        public ObjectInfo commit(Map<String, String> metadata) {
            return real.commit(metadata);
        }

        @Override
        public void abort() {
            real.abort();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
