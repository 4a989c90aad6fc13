package io.lading.transfer;

import io.lading.common.LadingException;
import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.StorageException;
import io.lading.storage.multipart.PartSizing;
import io.lading.transfer.ContentDigest.Checksums;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Moves one object and proves it arrived: the worker side of a {@link Transfer}, which knows
 * nothing of manifests or of the other objects.
 *
 * <p>Between two stores the bytes stream without temporary files: into S3 and OSS through
 * {@link PartStreamer} (one PUT from memory, or parts in parallel under a shared heap budget, with
 * a checkpoint to resume from), into the local store through its write. CRC-64 and MD5 are
 * computed over every byte read (per part for a multipart object). After the commit the
 * destination's own checksum is compared: OSS's CRC-64 when it reports one, else the ETag an
 * S3-style store makes from the object's or the parts' MD5s, else (local) the file read back. The
 * checksums and the source's identity go into the destination's user metadata (for a multipart
 * object: what is known when its upload starts). Within one store the store copies the object
 * itself. A failed attempt leaves nothing published (a checksum mismatch deletes what was
 * committed) and is retried up to the attempts allowed.
 */
final class ObjectCopier {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectCopier.class);
    private static final Pattern S3_ETAG = Pattern.compile("[0-9a-fA-F]{32}(-[0-9]+)?");
    private static final int BUFFER = 1 << 16;

    /** What a destination object is, compared with its source. */
    enum Existing { MISSING, SAME, DIFFERENT }

    private final ObjectStore from;
    private final ObjectStore to;
    private final boolean sameStore;
    private final int attempts;
    private final long minPartSize;
    private final TransferCounters counters;
    private final PartStreamer parts;

    ObjectCopier(ObjectStore from, ObjectStore to, boolean sameStore, TransferOptions options, TransferCounters counters) {
        this.from = requireNonNull(from, "from is null");
        this.to = requireNonNull(to, "to is null");
        this.sameStore = sameStore;
        this.attempts = options.attempts();
        this.minPartSize = options.minPartSize();
        this.counters = requireNonNull(counters, "counters is null");
        this.parts = to.partUploads().map(uploads -> new PartStreamer(from, to, uploads,
                new PartBuffers(PartBuffers.DEFAULT_BUDGET, minPartSize), minPartSize, options.singlePutLimit(), counters)).orElse(null);
    }

    /**
     * Whether the destination already holds the source's content: the same size and the source's
     * identity in the metadata a transfer stored, or (no such metadata) the same CRC-64 read from both.
     */
    Existing compare(TransferItem item) {
        Optional<ObjectDetails> existing = to.details(item.target());
        if (existing.isEmpty()) {
            return Existing.MISSING;
        }
        ObjectDetails target = existing.get();
        if (target.info().size() != item.source().size()) {
            return Existing.DIFFERENT;
        }
        String stored = target.metadata().get(TransferMetadata.SOURCE);
        if (stored != null) {
            return stored.equals(identity(item.source())) ? Existing.SAME : Existing.DIFFERENT;
        }
        return crc(from, item.source().location()) == crc(to, item.target()) ? Existing.SAME : Existing.DIFFERENT;
    }

    /** Transfers one object, retrying a failed attempt; the last failure names the object. */
    void copy(TransferItem item) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (sameStore) {
                    copyInStore(item);
                }
                else {
                    stream(item);
                }
                counters.objects.increment();
                counters.records.add(Math.max(0, item.recordCount()));
                return;
            }
            catch (RuntimeException | IOException e) {
                if (attempt >= attempts || !retryable(e)) {
                    throw new LadingException("transfer of " + item.source().location() + " to " + item.target() + " failed"
                            + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": " + e.getMessage(), e);
                }
                counters.retries.increment();
                LOG.warn("transfer of {} failed (attempt {} of {}), retrying: {}", item.source().location(), attempt, attempts, e.getMessage());
            }
        }
    }

    private static boolean retryable(Exception e) {
        if (e instanceof java.io.InterruptedIOException || Thread.currentThread().isInterrupted()) {
            return false; // the transfer is stopping
        }
        if (e instanceof StorageException s) {
            return s.retryable() || s.reason() == StorageException.Reason.IO;
        }
        return e instanceof IOException || e instanceof UncheckedIOException || e instanceof ChecksumMismatch;
    }

    private void copyInStore(TransferItem item) {
        ObjectInfo source = item.source();
        ObjectDetails details = from.details(source.location()).orElseThrow(() -> new StorageException(
                StorageException.Reason.NOT_FOUND, "object " + source.location() + " does not exist"));
        Map<String, String> metadata = new HashMap<>(details.metadata());
        metadata.put(TransferMetadata.SOURCE, identity(source));
        ObjectInfo copied = to.copy(source.location(), item.target(), metadata);
        if (copied.size() != source.size()) {
            to.delete(List.of(item.target()));
            throw new ChecksumMismatch("the copy " + item.target() + " has " + copied.size() + " bytes, the source " + source.size());
        }
        counters.serverSide.increment();
    }

    private void stream(TransferItem item) throws IOException {
        PartStreamer.Streamed streamed = parts != null ? parts.stream(item) : throughWrite(item);
        try {
            verify(item, streamed.sums(), streamed.committed());
        }
        catch (ChecksumMismatch e) {
            to.delete(List.of(item.target()));
            throw e;
        }
    }

    /** A store without {@link io.lading.storage.PartUploads} (local): one GET into the store's sequential write. */
    private PartStreamer.Streamed throughWrite(TransferItem item) throws IOException {
        ObjectInfo source = item.source();
        try (ObjectWrite write = to.create(item.target(), Math.max(source.size(), minPartSize * PartSizing.MAX_PARTS))) {
            // part digests only for an object that will be a multipart upload; a single PUT's ETag is its MD5
            ContentDigest digest = new ContentDigest(source.size() > write.partSize() ? write.partSize() : 0);
            try (InputStream in = from.open(source.location())) {
                OutputStream out = write.output();
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    counters.bytes.add(n);
                }
            }
            if (digest.size() != source.size()) {
                throw new ChecksumMismatch("read " + digest.size() + " bytes of " + source.location() + ", which has " + source.size());
            }
            Checksums sums = digest.finish();
            return new PartStreamer.Streamed(sums, write.commit(Map.of(TransferMetadata.CRC64, sums.crc64Hex(), TransferMetadata.MD5, sums.md5(), TransferMetadata.SOURCE, identity(source))));
        }
    }

    /** Compares what arrived with what was read, by the strongest checksum the destination keeps. */
    private void verify(TransferItem item, Checksums sums, ObjectInfo committed) {
        Location target = item.target();
        ObjectDetails details = to.details(target).orElseThrow(() -> new ChecksumMismatch(target + " is missing after its commit"));
        if (details.info().size() != sums.size()) {
            throw new ChecksumMismatch(target + " has " + details.info().size() + " bytes, " + sums.size() + " were read");
        }
        if (details.crc64() != null) {
            check(details.crc64() == sums.crc64(), target, "CRC-64", Long.toUnsignedString(details.crc64()), Long.toUnsignedString(sums.crc64()));
        }
        else if (target.scheme() == Location.Scheme.FILE) {
            long stored = crc(to, target);
            check(stored == sums.crc64(), target, "CRC-64", Long.toUnsignedString(stored), Long.toUnsignedString(sums.crc64()));
        }
        else if (committed.etag() != null && S3_ETAG.matcher(committed.etag()).matches()) {
            // an S3-style ETag: the MD5 of a single PUT, or of the parts' MD5s
            String expected = sums.multipartEtag() != null ? sums.multipartEtag() : sums.md5();
            check(committed.etag().equalsIgnoreCase(expected), target, "ETag", committed.etag(), expected);
        }
        else {
            counters.sizeOnly.increment();
            return;
        }
        counters.verified.increment();
    }

    private static void check(boolean same, Location target, String what, String stored, String read) {
        if (!same) {
            throw new ChecksumMismatch(what + " of " + target + " is " + stored + " but the bytes read give " + read);
        }
    }

    /** The CRC-64 of a whole object, read from its store. */
    private static long crc(ObjectStore store, Location location) {
        Crc64 crc = new Crc64();
        try (InputStream in = store.open(location)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
        return crc.getValue();
    }

    /** Names the source's version: its ETag, or its modification time where the store has no ETag. */
    static String identity(ObjectInfo source) {
        if (source.etag() != null && !source.etag().isEmpty()) {
            return "etag-" + source.etag().replaceAll("[^\\x20-\\x7e]", "");
        }
        return "mtime-" + (source.lastModified() == null ? "unknown" : source.lastModified().toEpochMilli());
    }

    /** The bytes that arrived are not the bytes that were read. */
    static final class ChecksumMismatch extends LadingException {
        ChecksumMismatch(String message) {
            super("checksum mismatch: " + message);
        }
    }
}
