package io.lading.unloader;

import io.lading.format.GzipMemberWriter;
import io.lading.storage.Location;
import io.lading.storage.ObjectWrite;

import java.io.IOException;
import java.io.OutputStream;

/** TEXT/CSV rows as the server rendered them, optionally gzip-compressed, after an optional header. */
final class TextFileSink extends FileSink {
    private final OutputStream out;
    private final GzipMemberWriter gzip;
    private boolean finished;

    TextFileSink(Location location, int generation, int file, ObjectWrite write, int gzipLevel, byte[] header) throws IOException {
        super(location, generation, file, write);
        this.out = write.output();
        this.gzip = gzipLevel > 0 ? new GzipMemberWriter(out, gzipLevel) : null;
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
    void encode(Chunk chunk) throws IOException {
        writeBytes(chunk.data(), 0, chunk.length());
    }

    @Override
    void finish() throws IOException {
        if (!finished) {
            finished = true;
            if (gzip != null) {
                gzip.finish();
            }
            out.flush();
        }
    }

    @Override
    RuntimeException abortQuietly() {
        if (gzip != null && !finished) {
            finished = true;
            gzip.discard();
        }
        return super.abortQuietly();
    }
}
