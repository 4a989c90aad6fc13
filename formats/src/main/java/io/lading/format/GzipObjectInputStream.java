package io.lading.format;

import io.lading.common.LadingException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip object (one or more concatenated members, as gzip, pigz and Lading write).
 * Damage is a {@link LadingException} that names the object and where decoding stopped:
 * {@code corrupt gzip in s3://b/k.csv.gz at compressed byte offset 1234: invalid block type}.
 * The offset is the number of compressed bytes the decoder had consumed when it failed; a
 * truncated object fails at its length, and bytes after the last member that are not another
 * member are an error too (the JDK alone would ignore them). Other I/O errors of the underlying stream pass through
 * unchanged.
 */
public final class GzipObjectInputStream extends CompressedObjectInputStream {
    private final Decoder gzip;
    private boolean endChecked;

    /** Reads the gzip header at once, so an object that is not gzip fails here. */
    public GzipObjectInputStream(InputStream compressed, String object) throws IOException {
        super("gzip", compressed, object);
        Decoder decoder;
        try {
            decoder = new Decoder(counted);
        }
        catch (ZipException | EOFException e) {
            throw corrupt(e, counted.count, e instanceof EOFException);
        }
        this.gzip = decoder;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = gzip.read(b, off, len);
        }
        catch (ZipException | EOFException e) {
            throw corrupt(e, offset(), e instanceof EOFException);
        }
        if (n < 0 && !endChecked) {
            endChecked = true;
            checkNothingFollows();
        }
        return n;
    }

    /**
     * GZIPInputStream silently ends at bytes after a member that do not form a valid gzip header,
     * which would drop every later member of a damaged object. After the last member only its
     * 8-byte trailer may remain unconsumed.
     */
    private void checkNothingFollows() throws IOException {
        int unread = gzip.remaining();
        if (unread > 8 || counted.read() >= 0) {
            long at = counted.count - unread + Math.min(unread, 8);
            throw corrupt(at, "data after the end of the last gzip member that is not a gzip member");
        }
    }

    @Override
    public int available() throws IOException {
        return gzip.available();
    }

    @Override
    public void close() throws IOException {
        gzip.close();
    }

    private long offset() {
        return counted.count - gzip.remaining();
    }

    /** Exposes how many fetched bytes the inflater has not consumed yet. */
    private static final class Decoder extends GZIPInputStream {
        Decoder(InputStream in) throws IOException {
            super(in, 64 << 10);
        }

        int remaining() {
            Inflater inflater = inf;
            try {
                return inflater.getRemaining();
            }
            catch (NullPointerException | IllegalStateException e) {
                return 0;
            }
        }
    }
}
