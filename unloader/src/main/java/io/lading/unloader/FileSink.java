package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.storage.ObjectWrite;

import java.io.IOException;

/**
 * One output file being written by one writer thread: rows in, compressed bytes out to an
 * uncommitted {@link ObjectWrite}. {@link #compressedBytes()} counts under the compressor, which is
 * what {@code --max-file-size} limits.
 */
interface FileSink {
    Location location();

    int generation();

    int file();

    void write(Chunk chunk) throws IOException;

    /** Completes the file's content (gzip trailer, Parquet footer); it stays uncommitted. */
    void finish() throws IOException;

    long compressedBytes();

    long rows();

    ObjectWrite objectWrite();

    /** Aborts the upload; never throws, cleanup failures are returned for the caller to attach. */
    default RuntimeException abortQuietly() {
        try {
            objectWrite().abort();
            return null;
        }
        catch (RuntimeException e) {
            return e;
        }
    }
}
