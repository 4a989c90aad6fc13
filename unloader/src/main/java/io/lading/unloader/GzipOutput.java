package io.lading.unloader;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member (RFC 1952) written straight from byte arrays through a {@link Deflater}: no
 * stream layering between the chunk and the compressor, and the output buffer is ours.
 */
final class GzipOutput {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[64 * 1024];

    GzipOutput(OutputStream out, int level) throws IOException {
        this.out = out;
        this.deflater = new Deflater(level, true);
        out.write(HEADER);
    }

    void write(byte[] data, int offset, int length) throws IOException {
        crc.update(data, offset, length);
        deflater.setInput(data, offset, length);
        while (!deflater.needsInput()) {
            int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
            if (n > 0) {
                out.write(buffer, 0, n);
            }
        }
    }

    /** Writes the rest and the trailer; the Deflater's native memory is released. */
    void finish() throws IOException {
        try {
            deflater.finish();
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
                if (n > 0) {
                    out.write(buffer, 0, n);
                }
            }
            long size = deflater.getBytesRead();
            writeIntLe((int) crc.getValue());
            writeIntLe((int) size);
        }
        finally {
            deflater.end();
        }
    }

    /** Releases the Deflater without finishing (the write is being aborted). */
    void discard() {
        deflater.end();
    }

    private void writeIntLe(int v) throws IOException {
        out.write(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }
}
