package io.lading.transfer;

import io.lading.common.LadingException;
import io.lading.format.GzipMemberWriter;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.Publication;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One output of a rebalancing transfer: an open write holding one gzip member, appended to in
 * blocks of whole records by whichever reader the dealer hands it to (one at a time: the methods
 * are synchronized), invisible until {@link #publish}. The bytes written go through a
 * {@link ContentDigest}, so that an S3-style ETag of the committed object can be checked.
 */
final class OutputFile implements Publication.Pending {
    private static final Pattern S3_ETAG = Pattern.compile("[0-9a-fA-F]{32}(-[0-9]+)?");

    private final Location location;
    private final ObjectWrite write;
    private final ContentDigest digest;
    private final GzipMemberWriter gzip;
    private long records;
    private long rawBytes;
    private boolean finished;

    OutputFile(ObjectStore store, Location location, int gzipLevel) throws IOException {
        this.location = requireNonNull(location, "location is null");
        this.write = store.create(location);
        try {
            this.digest = new ContentDigest(write.partSize());
            this.gzip = new GzipMemberWriter(new Digesting(write.output(), digest), gzipLevel);
        }
        catch (IOException | RuntimeException e) {
            write.abort();
            throw e;
        }
    }

    @Override
    public Location location() {
        return location;
    }

    synchronized long records() {
        return records;
    }

    /** Uncompressed bytes appended. */
    synchronized long rawBytes() {
        return rawBytes;
    }

    /** Appends {@code length} bytes holding {@code count} whole records. */
    synchronized void append(byte[] block, int length, long count) throws IOException {
        gzip.write(block, 0, length);
        records += count;
        rawBytes += length;
    }

    /** Ends the gzip member; nothing is visible yet. */
    synchronized void finish() throws IOException {
        gzip.finish();
        finished = true;
    }

    /**
     * Commits the write after {@link #finish} and checks what the store reports: the size always, the
     * ETag where it is S3's form (the MD5 of one PUT, or of the parts' MD5s). Returns whether the
     * ETag was checked (false: the size only).
     */
    synchronized Committed publish() {
        if (!finished) {
            throw new IllegalStateException("publish before finish: " + location);
        }
        ContentDigest.Checksums sums = digest.finish();
        ObjectInfo info = write.commit();
        if (info.size() != sums.size()) {
            throw new LadingException("checksum mismatch: " + location + " has " + info.size() + " bytes, " + sums.size() + " were written");
        }
        if (location.scheme() != Location.Scheme.FILE && info.etag() != null && S3_ETAG.matcher(info.etag()).matches()) {
            String expected = sums.multipartEtag() != null ? sums.multipartEtag() : sums.md5();
            if (!info.etag().equalsIgnoreCase(expected)) {
                throw new LadingException("checksum mismatch: ETag of " + location + " is " + info.etag() + " but the bytes written give " + expected);
            }
            return new Committed(info, true);
        }
        return new Committed(info, false);
    }

    /** What {@link #publish} committed, and whether its ETag was checked. */
    record Committed(ObjectInfo info, boolean checksumVerified) {
    }

    /** Aborts the write; never throws: a failure is returned, for the caller to attach. */
    @Override
    public synchronized RuntimeException discard() {
        try {
            gzip.discard();
            write.abort();
            return null;
        }
        catch (RuntimeException e) {
            return e;
        }
    }

    /** Feeds every byte on its way to the store into the digest. */
    private static final class Digesting extends FilterOutputStream {
        private final ContentDigest digest;

        Digesting(OutputStream out, ContentDigest digest) {
            super(out);
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            out.write(b, off, len);
        }
    }
}
