package io.lading.storage;

import java.io.Closeable;
import java.io.OutputStream;

/**
 * A streaming write of one object. Bytes written to {@link #output()} are uploaded as they come
 * (multipart for S3 and OSS, a temporary sibling file for the local store), but the object becomes
 * visible only on {@link #commit()}. {@link #close()} without a successful commit aborts: nothing
 * is left behind, no object and no pending multipart upload. Not thread-safe: one writer thread.
 */
public interface ObjectWrite extends Closeable {
    /** The stream to write to. Closing it does not commit. */
    OutputStream output();

    /** Bytes written to {@link #output()} so far. */
    long bytesWritten();

    /**
     * The size of the parts this write uploads (all equal but the last; an object of at most one
     * part is a single PUT), or 0 for a store without parts. S3-style ETags are made from them.
     */
    default long partSize() {
        return 0;
    }

    /**
     * Uploads what is buffered and publishes the object atomically. After a failed commit the write
     * has been aborted and the exception says why.
     */
    ObjectInfo commit();

    /**
     * As {@link #commit()}, and the object carries {@code metadata} as user metadata (checked by
     * {@link io.lading.storage.ObjectDetails#checkMetadata}). S3 and OSS send it with a single PUT;
     * a multipart object gets it by a server-side copy onto itself right after completion, so the
     * returned ETag is the one of the completed upload. The local store keeps it in extended
     * attributes ({@code user.*}) where the file system has them. Writes that cannot keep metadata
     * refuse a non-empty map before publishing anything.
     */
    default ObjectInfo commit(java.util.Map<String, String> metadata) {
        if (!metadata.isEmpty()) {
            abort();
            throw new UnsupportedOperationException("this write cannot store user metadata");
        }
        return commit();
    }

    /** Discards everything written; idempotent, and a no-op after commit. */
    void abort();

    /** Aborts unless committed. Never publishes. */
    @Override
    void close();
}
