package io.lading.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * Recognises what an object holds from its first bytes, never from its name: gzip
 * ({@code 1f 8b}), bzip2 ({@code BZh} and a block size digit), zstd ({@code 28 b5 2f fd}) and
 * Parquet ({@code PAR1}). Anything else is plain text (TEXT or CSV, told apart by the extension or
 * {@code --format}). Redshift's UNLOAD writes the three compressions, with or without a suffix.
 */
public enum Sniffer {
    GZIP, BZIP2, ZSTD, PARQUET, PLAIN;

    /** Bytes to read from the start of an object before calling {@link #of}. */
    public static final int HEAD_BYTES = 4;

    public static Sniffer of(byte[] head, int length) {
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1' && head[3] <= '9') {
            return BZIP2;
        }
        if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        if (length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return PARQUET;
        }
        return PLAIN;
    }

    public static Sniffer of(byte[] head) {
        return of(head, head.length);
    }

    /** Whether the object is compressed as a whole (gzip, bzip2, zstd); Parquet compresses inside. */
    public boolean compressed() {
        return this == GZIP || this == BZIP2 || this == ZSTD;
    }

    /**
     * The object's bytes as COPY reads them: decompressed when its first bytes say gzip, bzip2 or
     * zstd (never by the name alone), as stored otherwise. {@code raw} must support mark/reset.
     * Every reader of TEXT/CSV objects comes here, so they all accept the same compressions.
     */
    public static InputStream decompressed(InputStream raw, String object) throws IOException {
        raw.mark(HEAD_BYTES);
        byte[] head = raw.readNBytes(HEAD_BYTES);
        raw.reset();
        return switch (of(head)) {
            case GZIP -> new GzipObjectInputStream(raw, object);
            case BZIP2 -> new StreamObjectInputStream(StreamObjectInputStream.Codec.BZIP2, raw, object);
            case ZSTD -> new StreamObjectInputStream(StreamObjectInputStream.Codec.ZSTD, raw, object);
            case PARQUET, PLAIN -> raw;
        };
    }
}
