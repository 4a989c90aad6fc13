package io.lading.format;

import com.github.luben.zstd.ZstdInputStream;
import io.lading.common.LadingException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

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
public final class StreamObjectInputStream extends CompressedObjectInputStream {
    /** The two stream codecs besides gzip, by the names their errors use. */
    public enum Codec {
        BZIP2("bzip2"), ZSTD("zstd");

        private final String label;

        Codec(String label) {
            this.label = label;
        }
    }

    private final InputStream decoder;

    /** Reads the first stream header at once, so an object that is not of {@code codec} fails here. */
    public StreamObjectInputStream(Codec codec, InputStream compressed, String object) throws IOException {
        super(requireNonNull(codec, "codec is null").label, compressed, object);
        InputStream d;
        try {
            d = codec == Codec.BZIP2 ? new BZip2CompressorInputStream(counted, true) : new ZstdInputStream(counted);
        }
        catch (IOException | RuntimeException e) {
            throw translate(e);
        }
        this.decoder = d;
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
        return corrupt(e, counted.count, counted.ended);
    }
}
