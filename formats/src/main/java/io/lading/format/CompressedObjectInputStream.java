package io.lading.format;

import io.lading.common.LadingException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/**
 * What the decompressing streams over one object share: they count the compressed bytes read, and
 * say damage in one line that names the codec, the object and the compressed byte offset:
 * {@code corrupt gzip in s3://b/k.csv.gz at compressed byte offset 1234: invalid block type}.
 */
abstract sealed class CompressedObjectInputStream extends InputStream permits GzipObjectInputStream, StreamObjectInputStream {
    final Counting counted;
    private final String codec;
    private final String object;

    CompressedObjectInputStream(String codec, InputStream compressed, String object) {
        this.codec = codec;
        this.counted = new Counting(requireNonNull(compressed, "compressed is null"));
        this.object = requireNonNull(object, "object is null");
    }

    /** Compressed bytes read from the underlying stream so far. */
    public long compressedBytesRead() {
        return counted.count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** Damage found at {@code offset}; {@code truncated}: the object ended inside compressed data. */
    final LadingException corrupt(Exception e, long offset, boolean truncated) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (truncated) {
            why = "the object ends inside compressed data (truncated?)";
        }
        return new LadingException(corruptAt(offset) + firstLine(why), e);
    }

    /** Damage found at {@code offset} that no decoder raised, said as {@code why}. */
    final LadingException corrupt(long offset, String why) {
        return new LadingException(corruptAt(offset) + why);
    }

    private String corruptAt(long offset) {
        return "corrupt " + codec + " in " + object + " at compressed byte offset " + offset + ": ";
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Counts the compressed bytes and remembers whether the source ended or failed itself. */
    static final class Counting extends FilterInputStream {
        long count;
        boolean ended;
        IOException failure;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            }
            catch (IOException e) {
                failure = e;
                throw e;
            }
            if (b >= 0) {
                count++;
            }
            else {
                ended = true;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            }
            catch (IOException e) {
                failure = e;
                throw e;
            }
            if (n > 0) {
                count += n;
            }
            else if (n < 0) {
                ended = true;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped;
            try {
                skipped = super.skip(n);
            }
            catch (IOException e) {
                failure = e;
                throw e;
            }
            count += skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
