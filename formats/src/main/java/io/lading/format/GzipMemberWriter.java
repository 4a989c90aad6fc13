package io.lading.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static java.util.Objects.requireNonNull;

/**
 * Writes one gzip member (RFC 1952) straight from byte arrays through a {@link Deflater}: no
 * stream layering between the caller's buffer and the compressor, and the output buffer is ours.
 * {@link GzipObjectInputStream} reads it back (and any concatenation of such members).
 *
 * <p>The member is complete only after {@link #finish()}; {@link #discard()} releases the
 * compressor of an abandoned write. Neither closes {@code out}: its owner commits or aborts it.
 * Not thread-safe: one writer thread.
 */
public final class GzipMemberWriter {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[64 * 1024];

    /** Writes the member's header at once. */
    public GzipMemberWriter(OutputStream out, int level) throws IOException {
        requireNonNull(out, "out is null");
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("gzip level out of range 1-9: " + level);
        }
        this.out = out;
        this.deflater = new Deflater(level, true);
        out.write(HEADER);
    }

    public void write(byte[] data, int offset, int length) throws IOException {
        crc.update(data, offset, length);
        deflater.setInput(data, offset, length);
        while (!deflater.needsInput()) {
            deflate();
        }
    }

    /** Writes the rest and the trailer; the Deflater's native memory is released. */
    public void finish() throws IOException {
        try {
            deflater.finish();
            while (!deflater.finished()) {
                deflate();
            }
            writeIntLe((int) crc.getValue());
            writeIntLe((int) deflater.getBytesRead());
        }
        finally {
            deflater.end();
        }
    }

    /** Releases the Deflater without finishing (the write is being aborted). */
    public void discard() {
        deflater.end();
    }

    private void deflate() throws IOException {
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
        if (n > 0) {
            out.write(buffer, 0, n);
        }
    }

    private void writeIntLe(int v) throws IOException {
        out.write(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }
}
