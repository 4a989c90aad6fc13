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
     * Uploads what is buffered and publishes the object atomically. After a failed commit the write
     * has been aborted and the exception says why.
     */
    ObjectInfo commit();

    /** Discards everything written; idempotent, and a no-op after commit. */
    void abort();

    /** Aborts unless committed. Never publishes. */
    @Override
    void close();
}
