package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.storage.ObjectWrite;

import java.io.IOException;
import java.io.OutputStream;

/** TEXT/CSV rows as the server rendered them, optionally gzip-compressed, after an optional header. */
final class TextFileSink implements FileSink {
    private final Location location;
    private final int generation;
    private final int file;
    private final ObjectWrite write;
    private final OutputStream out;
    private final GzipOutput gzip;
    private long rows;
    private boolean finished;

    TextFileSink(Location location, int generation, int file, ObjectWrite write, int gzipLevel, byte[] header) throws IOException {
        this.location = location;
        this.generation = generation;
        this.file = file;
        this.write = write;
        this.out = write.output();
        this.gzip = gzipLevel > 0 ? new GzipOutput(out, gzipLevel) : null;
        if (header.length > 0) {
            writeBytes(header, 0, header.length);
        }
    }

    private void writeBytes(byte[] data, int offset, int length) throws IOException {
        if (gzip != null) {
            gzip.write(data, offset, length);
        }
        else {
            out.write(data, offset, length);
        }
    }

    @Override
    public void write(Chunk chunk) throws IOException {
        writeBytes(chunk.data(), 0, chunk.length());
        rows += chunk.rows();
    }

    @Override
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            if (gzip != null) {
                gzip.finish();
            }
            out.flush();
        }
    }

    @Override
    public RuntimeException abortQuietly() {
        if (gzip != null && !finished) {
            finished = true;
            gzip.discard();
        }
        return FileSink.super.abortQuietly();
    }

    @Override
    public Location location() {
        return location;
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public int file() {
        return file;
    }

    @Override
    public long compressedBytes() {
        return write.bytesWritten();
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public ObjectWrite objectWrite() {
        return write;
    }
}
