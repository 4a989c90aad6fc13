package io.lading.format.parquet;

import com.github.luben.zstd.Zstd;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.lading.common.LadingException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Parquet page codecs without Hadoop: snappy-java, zstd-jni and java.util.zip directly (plus
 * aircompressor for reading LZ4_RAW). parquet-hadoop's own factory instantiates Hadoop codec
 * classes through a Hadoop {@code Configuration}, which would need much of Hadoop's dependency
 * tree at runtime; these produce the same bytes (a raw snappy block, a zstd frame, a gzip member
 * per page) that every Parquet reader expects.
 */
final class PureJavaCodecs implements CompressionCodecFactory {
    static final PureJavaCodecs INSTANCE = new PureJavaCodecs();

    /** parquet-mr's default zstd level. */
    private static final int ZSTD_LEVEL = 3;

    private PureJavaCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Compressor(codec) {
                @Override
                byte[] compress(byte[] in) {
                    return in;
                }
            };
            case SNAPPY -> new Compressor(codec) {
                @Override
                byte[] compress(byte[] in) throws IOException {
                    return Snappy.compress(in);
                }
            };
            case ZSTD -> new Compressor(codec) {
                @Override
                byte[] compress(byte[] in) {
                    return Zstd.compress(in, ZSTD_LEVEL);
                }
            };
            case GZIP -> new Compressor(codec) {
                @Override
                byte[] compress(byte[] in) throws IOException {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, in.length / 3));
                    try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 << 10)) {
                        gz.write(in);
                    }
                    return out.toByteArray();
                }
            };
            default -> throw new IllegalArgumentException("Lading writes Parquet with snappy, zstd, gzip or none, not " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Decompressor() {
                @Override
                byte[] decompress(byte[] in, int size) {
                    return in;
                }
            };
            case SNAPPY -> new Decompressor() {
                @Override
                byte[] decompress(byte[] in, int size) throws IOException {
                    byte[] out = new byte[size];
                    int n = Snappy.uncompress(in, 0, in.length, out, 0);
                    check(n, size, codec);
                    return out;
                }
            };
            case ZSTD -> new Decompressor() {
                @Override
                byte[] decompress(byte[] in, int size) {
                    byte[] out = Zstd.decompress(in, size);
                    check(out.length, size, codec);
                    return out;
                }
            };
            case GZIP -> new Decompressor() {
                @Override
                byte[] decompress(byte[] in, int size) throws IOException {
                    try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(in), Math.max(512, Math.min(in.length, 64 << 10)))) {
                        byte[] out = gz.readNBytes(size);
                        check(out.length, size, codec);
                        return out;
                    }
                }
            };
            case LZ4_RAW -> new Decompressor() {
                @Override
                byte[] decompress(byte[] in, int size) {
                    byte[] out = new byte[size];
                    int n = new Lz4Decompressor().decompress(in, 0, in.length, out, 0, size);
                    check(n, size, codec);
                    return out;
                }
            };
            default -> throw new LadingException("Parquet codec " + codec
                    + " is not supported for reading; rewrite the file with snappy, zstd, gzip, lz4_raw or no compression");
        };
    }

    @Override
    public void release() {
    }

    private static void check(int actual, int expected, CompressionCodecName codec) {
        if (actual != expected) {
            throw new LadingException("corrupt Parquet page: " + codec + " gave " + actual + " bytes, the page header says " + expected);
        }
    }

    private abstract static class Compressor implements BytesInputCompressor {
        private final CompressionCodecName codec;

        Compressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        abstract byte[] compress(byte[] in) throws IOException;

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
        }
    }

    private abstract static class Decompressor implements BytesInputDecompressor {
        abstract byte[] decompress(byte[] in, int size) throws IOException;

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) throws IOException {
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            output.put(decompress(in, uncompressedSize));
        }

        @Override
        public void release() {
        }
    }
}
