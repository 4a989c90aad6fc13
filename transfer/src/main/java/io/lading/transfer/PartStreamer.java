package io.lading.transfer;

import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.PartUploads;
import io.lading.storage.StorageException;
import io.lading.storage.multipart.PartSizing;
import io.lading.transfer.ContentDigest.Checksums;
import io.lading.transfer.ObjectCopier.ChecksumMismatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Streams one object into a store with {@link PartUploads}, from memory and without temporary files.
 *
 * <p>An object of at most one part is read whole into a buffer and sent in one PUT that carries all
 * its metadata; one of up to the single-PUT limit is one PUT streamed from the source's GET. A
 * larger one is read by ranged GETs, one per part, several parts at a time (each
 * object at most as many as {@link PartBuffers} holds), each part checked as it is uploaded: its MD5
 * against an S3-style part ETag, its CRC-64 against the one OSS reports. The whole object's CRC-64
 * is combined from the parts' ({@link Crc64#combine}), its S3-style ETag made from the parts' MD5s.
 * Its metadata is fixed when the upload starts: the source's identity, and the CRC-64 the source
 * states (OSS's own, or a {@code lading-crc64} of an earlier transfer), which the combined CRC-64
 * must then equal before the upload is completed.
 *
 * <p>Every verified part is recorded in a {@link PartCheckpoint}; a failed or killed attempt leaves
 * the upload and its checkpoint, and the next attempt (or run) uploads only the parts the store does
 * not hold as recorded. A checkpoint that does not fit (other source version, size or part size, an
 * upload gone, a part that differs) is discarded: its upload is aborted and the object starts over.
 */
final class PartStreamer {
    private static final Logger LOG = LoggerFactory.getLogger(PartStreamer.class);
    private static final Pattern S3_PART_ETAG = Pattern.compile("[0-9a-fA-F]{32}");
    private static final HexFormat HEX = HexFormat.of();

    /** What was read and what the store returned on commit. */
    record Streamed(Checksums sums, ObjectInfo committed) {
    }

    private final ObjectStore from;
    private final ObjectStore to;
    private final PartUploads uploads;
    private final PartBuffers buffers;
    private final long minPartSize;
    private final long singlePutLimit;
    private final TransferCounters counters;

    PartStreamer(ObjectStore from, ObjectStore to, PartUploads uploads, PartBuffers buffers, long minPartSize, long singlePutLimit,
            TransferCounters counters) {
        this.from = requireNonNull(from, "from is null");
        this.to = requireNonNull(to, "to is null");
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.buffers = requireNonNull(buffers, "buffers is null");
        this.minPartSize = minPartSize;
        this.singlePutLimit = singlePutLimit;
        this.counters = requireNonNull(counters, "counters is null");
    }

    /** The part size for an object of {@code size} bytes: at least the minimum, at most 10,000 parts. */
    long partSize(long size) {
        return Math.max(minPartSize, PartSizing.partSize(Math.max(1, size)));
    }

    Streamed stream(TransferItem item) throws IOException {
        long size = item.source().size();
        if (size <= minPartSize) {
            return putFromMemory(item);
        }
        return size <= Math.max(singlePutLimit, partSize(size)) ? put(item) : inParts(item, partSize(size));
    }

    /** An object of at most one part: read into a buffer, then one PUT with all its metadata. */
    private Streamed putFromMemory(TransferItem item) throws IOException {
        ObjectInfo source = item.source();
        int size = (int) source.size();
        byte[] buffer = take(size);
        try {
            int n;
            try (InputStream in = from.open(source.location())) {
                n = in.readNBytes(buffer, 0, size);
                if (n == size && in.read() >= 0) {
                    throw new ChecksumMismatch("read more than " + size + " bytes of " + source.location() + ", which has " + size);
                }
            }
            if (n != size) {
                throw new ChecksumMismatch("read " + n + " bytes of " + source.location() + ", which has " + size);
            }
            ContentDigest digest = new ContentDigest(0);
            digest.update(buffer, 0, size);
            Checksums sums = digest.finish();
            String etag = uploads.putObject(item.target(), buffer, size,
                    Map.of(TransferMetadata.CRC64, sums.crc64Hex(), TransferMetadata.MD5, sums.md5(), TransferMetadata.SOURCE, ObjectCopier.identity(source)));
            counters.bytes.add(size);
            return new Streamed(sums, new ObjectInfo(item.target(), size, etag, null));
        }
        finally {
            buffers.give(buffer);
        }
    }

    /**
     * One PUT whose body is the source's GET, digested on the way: no buffer. A retry of the SDK
     * opens the body again, so the digest is of the last opening, the one the store received. The
     * metadata is sent before the bytes, so it holds the source's identity only; the ETag check
     * after the PUT covers the content.
     */
    private Streamed put(TransferItem item) throws IOException {
        ObjectInfo source = item.source();
        long size = source.size();
        List<DigestingStream> opened = new ArrayList<>();
        try {
            String etag = uploads.putObject(item.target(), () -> {
                DigestingStream in = new DigestingStream(from.open(source.location()));
                synchronized (opened) {
                    opened.add(in);
                }
                return in;
            }, size, Map.of(TransferMetadata.SOURCE, ObjectCopier.identity(source)));
            DigestingStream sent;
            synchronized (opened) {
                sent = opened.isEmpty() ? null : opened.get(opened.size() - 1);
            }
            long read = sent == null ? 0 : sent.digest.size();
            if (read != size || (sent != null && !sent.atEnd(() -> sourceUnchanged(source)))) {
                throw new ChecksumMismatch("read " + (read == size ? "more than " : "") + read + " bytes of " + source.location()
                        + ", which has " + size);
            }
            Checksums sums = sent == null ? new ContentDigest(0).finish() : sent.digest.finish();
            counters.bytes.add(size);
            return new Streamed(sums, new ObjectInfo(item.target(), size, etag, null));
        }
        finally {
            synchronized (opened) {
                for (DigestingStream in : opened) {
                    in.close();
                }
            }
        }
    }

    /** A source stream that digests what passes. */
    private static final class DigestingStream extends java.io.FilterInputStream {
        final ContentDigest digest = new ContentDigest(0);
        private boolean ended;

        DigestingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
            }
            else if (n < 0) {
                ended = true;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("a digested stream is read, not skipped");
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /**
         * Whether the source ended with the bytes the PUT took: the store reads only the length it
         * was given, so one more byte is asked for; where the stream was closed already, {@code
         * unchanged} decides (the source still has its listed identity and size).
         */
        boolean atEnd(java.util.function.BooleanSupplier unchanged) {
            if (ended) {
                return true;
            }
            try {
                return in.read() < 0;
            }
            catch (IOException e) {
                return unchanged.getAsBoolean();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            }
            catch (IOException e) {
                // closing a read already finished or abandoned: nothing to report
            }
        }
    }

    private byte[] take(int size) throws InterruptedIOException {
        try {
            return buffers.take(size);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a part buffer");
        }
    }

    private Streamed inParts(TransferItem item, long partSize) throws IOException {
        ObjectInfo source = item.source();
        Location target = item.target();
        String identity = ObjectCopier.identity(source);
        long size = source.size();
        int count = (int) ((size + partSize - 1) / partSize);
        Long statedCrc = statedCrc(source.location());

        Upload upload = resume(item, identity, partSize).orElse(null);
        if (upload == null) {
            Map<String, String> metadata = new HashMap<>();
            metadata.put(TransferMetadata.SOURCE, identity);
            if (statedCrc != null) {
                metadata.put(TransferMetadata.CRC64, TransferMetadata.crc64Hex(statedCrc));
            }
            String uploadId = uploads.start(target, metadata);
            upload = new Upload(new PartCheckpoint(target, identity, size, partSize, uploadId, List.of()));
            upload.save();
        }
        else {
            LOG.info("resuming {}: {} of {} parts already uploaded", target, upload.done.size(), count);
        }

        List<Integer> missing = new ArrayList<>();
        for (int number = 1; number <= count; number++) {
            if (!upload.done.containsKey(number)) {
                missing.add(number);
            }
        }
        sendParts(item, upload, partSize, missing);

        // the whole object's checksums from its parts, in part order
        long crc = 0;
        MessageDigest partMd5s = ContentDigest.newMd5();
        List<PartUploads.Part> parts = new ArrayList<>();
        for (PartCheckpoint.Part part : upload.done.values()) {
            crc = part.number() == 1 ? part.crc64() : Crc64.combine(crc, part.crc64(), part.size());
            partMd5s.update(HEX.parseHex(part.md5()));
            parts.add(new PartUploads.Part(part.number(), part.etag(), part.size(), null));
        }
        String multipartEtag = HEX.formatHex(partMd5s.digest()) + "-" + count;
        if (statedCrc != null && statedCrc != crc) {
            upload.discard();
            throw new ChecksumMismatch("the source " + source.location() + " states CRC-64 " + Long.toUnsignedString(statedCrc)
                    + " but its bytes give " + Long.toUnsignedString(crc));
        }
        // the parts were read by separate GETs: they are of one version only if the source is unchanged now
        ObjectInfo now = from.stat(source.location()).orElseThrow(() -> new StorageException(StorageException.Reason.NOT_FOUND,
                "object " + source.location() + " does not exist"));
        if (!ObjectCopier.identity(now).equals(identity) || now.size() != size) {
            upload.discard();
            throw new StorageException(StorageException.Reason.CHANGED, false, "object " + source.location()
                    + " changed while it was read; run the transfer again", null);
        }
        String etag = uploads.complete(target, upload.checkpoint.uploadId(), parts);
        to.delete(List.of(PartCheckpoint.locationOf(target)));
        return new Streamed(new Checksums(size, crc, null, multipartEtag), new ObjectInfo(target, size, etag, null));
    }

    private boolean sourceUnchanged(ObjectInfo source) {
        return from.stat(source.location()).map(now -> now.size() == source.size()
                && ObjectCopier.identity(now).equals(ObjectCopier.identity(source))).orElse(false);
    }

    /** The CRC-64 the source states for its content (OSS's own, or an earlier transfer's), or null. */
    private Long statedCrc(Location source) {
        Optional<ObjectDetails> details = from.details(source);
        if (details.isEmpty()) {
            return null;
        }
        if (details.get().crc64() != null) {
            return details.get().crc64();
        }
        String stored = details.get().metadata().get(TransferMetadata.CRC64);
        if (stored != null && stored.matches("[0-9a-f]{16}")) {
            return Long.parseUnsignedLong(stored, 16);
        }
        return null;
    }

    /** The upload of an earlier attempt, with the parts the store still holds as recorded, or empty (then none is left open). */
    private Optional<Upload> resume(TransferItem item, String identity, long partSize) {
        Location target = item.target();
        Optional<PartCheckpoint> found = PartCheckpoint.read(to, target);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PartCheckpoint checkpoint = found.get();
        Upload upload = new Upload(checkpoint);
        if (!checkpoint.matches(identity, item.source().size(), partSize)) {
            LOG.info("the checkpoint of {} is for another version of the source; starting over", target);
            upload.discard();
            return Optional.empty();
        }
        if (!uploads.openUploads(target).contains(checkpoint.uploadId())) {
            LOG.info("the upload of {} recorded in its checkpoint is gone; starting over", target);
            to.delete(List.of(PartCheckpoint.locationOf(target)));
            return Optional.empty();
        }
        Map<Integer, PartUploads.Part> stored = new HashMap<>();
        try {
            for (PartUploads.Part part : uploads.listParts(target, checkpoint.uploadId())) {
                stored.put(part.number(), part);
            }
        }
        catch (StorageException e) {
            if (e.reason() != StorageException.Reason.NOT_FOUND) {
                throw e;
            }
            LOG.info("the upload of {} recorded in its checkpoint is gone; starting over", target);
            upload.discard();
            return Optional.empty();
        }
        for (PartCheckpoint.Part part : checkpoint.parts()) {
            PartUploads.Part held = stored.get(part.number());
            if (held != null && held.size() == part.size() && held.etag().equals(part.etag())) {
                upload.done.put(part.number(), part);
            }
        }
        return Optional.of(upload);
    }

    /** Reads and uploads the parts, several at a time; the first failure stops the rest once the parts in flight are done. */
    private void sendParts(TransferItem item, Upload upload, long partSize, List<Integer> numbers) throws IOException {
        if (numbers.isEmpty()) {
            return;
        }
        int threads = Math.min(numbers.size(), buffers.standardBuffers());
        Semaphore slots = new Semaphore(threads);
        AtomicInteger names = new AtomicInteger();
        String base = Thread.currentThread().getName();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, base + "-part-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> inFlight = new ArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        try {
            for (int number : numbers) {
                if (failed.get()) {
                    break;
                }
                long offset = (number - 1) * partSize;
                int length = (int) Math.min(partSize, item.source().size() - offset);
                slots.acquireUninterruptibly();
                byte[] buffer;
                try {
                    buffer = take(length);
                }
                catch (IOException e) {
                    slots.release();
                    throw e;
                }
                inFlight.add(pool.submit(() -> {
                    try {
                        sendPart(item, upload, number, offset, length, buffer);
                        return null;
                    }
                    catch (Exception | Error e) {
                        failed.set(true);
                        throw e;
                    }
                    finally {
                        buffers.give(buffer);
                        slots.release();
                    }
                }));
            }
        }
        finally {
            pool.shutdown();
        }
        Throwable first = null;
        for (Future<?> part : inFlight) {
            try {
                part.get();
            }
            catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause();
                }
            }
            catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while uploading the parts of " + item.target());
            }
        }
        if (first != null) {
            try {
                upload.flush(); // every part stored so far, for the next attempt
            }
            catch (RuntimeException e) {
                first.addSuppressed(e);
            }
        }
        if (first instanceof IOException e) {
            throw e;
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }

    private void sendPart(TransferItem item, Upload upload, int number, long offset, int length, byte[] buffer) throws IOException {
        Location source = item.source().location();
        int n;
        try (InputStream in = from.open(source, offset, length)) {
            n = in.readNBytes(buffer, 0, length);
        }
        if (n != length) {
            throw new ChecksumMismatch("read " + n + " bytes of part " + number + " of " + source + " (bytes " + offset + " to "
                    + (offset + length) + " of " + item.source().size() + ")");
        }
        ContentDigest digest = new ContentDigest(0);
        digest.update(buffer, 0, length);
        Checksums read = digest.finish();
        String md5Hex = read.md5();
        PartUploads.Part sent = uploads.uploadPart(item.target(), upload.checkpoint.uploadId(), number, buffer, length);
        if (S3_PART_ETAG.matcher(sent.etag()).matches() && !sent.etag().equalsIgnoreCase(md5Hex)) {
            throw new ChecksumMismatch("ETag of part " + number + " of " + item.target() + " is " + sent.etag()
                    + " but the bytes read give " + md5Hex);
        }
        if (sent.crc64() != null && sent.crc64() != read.crc64()) {
            throw new ChecksumMismatch("CRC-64 of part " + number + " of " + item.target() + " is " + Long.toUnsignedString(sent.crc64())
                    + " but the bytes read give " + Long.toUnsignedString(read.crc64()));
        }
        counters.bytes.add(length);
        upload.record(new PartCheckpoint.Part(number, length, sent.etag(), read.crc64(), md5Hex));
    }

    /**
     * One multipart upload in progress: its checkpoint and the parts done. The checkpoint object is
     * rewritten at most once a second while parts complete (an object of 10,000 parts would
     * otherwise write its growing checkpoint 10,000 times) and once more when the parts stop, failed
     * or not; a process killed in between loses at most a second of records, whose parts the re-run
     * sends again.
     */
    private final class Upload {
        private static final long SAVE_INTERVAL_NANOS = 1_000_000_000L;

        private PartCheckpoint checkpoint;
        private final TreeMap<Integer, PartCheckpoint.Part> done = new TreeMap<>();
        private long savedAt = System.nanoTime();
        private boolean dirty;

        Upload(PartCheckpoint checkpoint) {
            this.checkpoint = checkpoint;
        }

        synchronized void record(PartCheckpoint.Part part) {
            done.put(part.number(), part);
            dirty = true;
            if (System.nanoTime() - savedAt >= SAVE_INTERVAL_NANOS) {
                save();
            }
        }

        /** Writes the checkpoint if parts were recorded since it was last written. */
        synchronized void flush() {
            if (dirty) {
                save();
            }
        }

        synchronized void save() {
            checkpoint = new PartCheckpoint(checkpoint.target(), checkpoint.source(), checkpoint.size(), checkpoint.partSize(),
                    checkpoint.uploadId(), List.copyOf(done.values()));
            byte[] text = checkpoint.toBytes();
            uploads.putObject(PartCheckpoint.locationOf(checkpoint.target()), text, text.length, Map.of());
            savedAt = System.nanoTime();
            dirty = false;
        }

        /** Aborts the upload and removes the checkpoint: the object starts over. */
        void discard() {
            uploads.abort(checkpoint.target(), checkpoint.uploadId());
            to.delete(List.of(PartCheckpoint.locationOf(checkpoint.target())));
        }
    }
}
