package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectWrite;

import java.io.IOException;

/**
 * One output file being written by one writer thread: rows in, compressed bytes out to an
 * uncommitted {@link ObjectWrite}. {@link #compressedBytes()} counts under the compressor, which is
 * what {@code --max-file-size} limits. Subclasses encode; the bookkeeping is here. Once finished, the
 * transaction publishes or discards it.
 */
abstract class FileSink implements UnloadTransaction.PendingFile {
    private final Location location;
    private final int generation;
    private final int file;
    private final ObjectWrite write;
    private long rows;

    FileSink(Location location, int generation, int file, ObjectWrite write) {
        this.location = location;
        this.generation = generation;
        this.file = file;
        this.write = write;
    }

    final void write(Chunk chunk) throws IOException {
        encode(chunk);
        rows += chunk.rows();
    }

    /** Writes the chunk's rows in the file's format. */
    abstract void encode(Chunk chunk) throws IOException;

    /** Completes the file's content (gzip trailer, Parquet footer); it stays uncommitted. */
    abstract void finish() throws IOException;

    /** Bytes written to the store so far. */
    long compressedBytes() {
        return write.bytesWritten();
    }

    /** Aborts the upload; never throws, cleanup failures are returned for the caller to attach. */
    RuntimeException abortQuietly() {
        try {
            write.abort();
            return null;
        }
        catch (RuntimeException e) {
            return e;
        }
    }

    @Override
    public final ObjectInfo publish() {
        return write.commit();
    }

    @Override
    public final RuntimeException discard() {
        return abortQuietly();
    }

    @Override
    public final Location location() {
        return location;
    }

    final int generation() {
        return generation;
    }

    final int file() {
        return file;
    }

    @Override
    public final long rows() {
        return rows;
    }

    final ObjectWrite objectWrite() {
        return write;
    }
}
