package io.lading.format;

import com.github.luben.zstd.ZstdInputStream;
import io.lading.common.LadingException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/**
 * Decompresses a bzip2 or zstd object: every concatenated bzip2 stream (pbzip2 and Redshift's
 * {@code UNLOAD ... BZIP2} write several) or zstd frame, to the end of the object. Damage is a
 * {@link LadingException} naming the object and the compressed bytes read when decoding stopped,
 * like {@link GzipObjectInputStream}: {@code corrupt bzip2 in s3://b/k_part_00.bz2 at compressed
 * byte offset 4096: ...}. The decoders read ahead, so the offset is where the damage was found, at
 * most one read buffer past it. Errors of the underlying stream pass through unchanged.
 */
public final class StreamObjectInputStream extends InputStream {
    /** The two stream codecs besides gzip, by the names their errors use. */
    public enum Codec {
        BZIP2("bzip2"), ZSTD("zstd");

        private final String label;

        Codec(String label) {
            this.label = label;
        }
    }

    private final Codec codec;
    private final String object;
    private final Counting counted;
    private final InputStream decoder;

    /** Reads the first stream header at once, so an object that is not of {@code codec} fails here. */
    public StreamObjectInputStream(Codec codec, InputStream compressed, String object) throws IOException {
        this.codec = requireNonNull(codec, "codec is null");
        this.object = requireNonNull(object, "object is null");
        this.counted = new Counting(requireNonNull(compressed, "compressed is null"));
        InputStream d;
        try {
            d = codec == Codec.BZIP2 ? new BZip2CompressorInputStream(counted, true) : new ZstdInputStream(counted);
        }
        catch (IOException | RuntimeException e) {
            throw translate(e);
        }
        this.decoder = d;
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

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return decoder.read(b, off, len);
        }
        catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public void close() throws IOException {
        decoder.close();
    }

    /** The source's own failure as it was; anything the decoder raised is damage, said in one line. */
    private RuntimeException translate(Exception e) throws IOException {
        if (counted.failure != null) {
            throw counted.failure;
        }
        if (e instanceof LadingException lading) {
            return lading;
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (counted.ended) {
            why = "the object ends inside compressed data (truncated?)";
        }
        return new LadingException("corrupt " + codec.label + " in " + object + " at compressed byte offset " + counted.count + ": "
                + firstLine(why), e);
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Counts the compressed bytes and remembers whether the source ended or failed itself. */
    private static final class Counting extends FilterInputStream {
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
        public boolean markSupported() {
            return false;
        }
    }
}
