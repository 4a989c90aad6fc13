package io.lading.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * Recognises what an object holds from its first bytes, for the loader's format detection:
 * gzip ({@code 1f 8b}) and Parquet ({@code PAR1}). Anything else is plain text (TEXT or CSV, told
 * apart by the extension or {@code --format}).
 */
public enum Sniffer {
    GZIP, PARQUET, PLAIN;

    /** Bytes to read from the start of an object before calling {@link #of}. */
    public static final int HEAD_BYTES = 4;

    public static Sniffer of(byte[] head, int length) {
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return PARQUET;
        }
        return PLAIN;
    }

    public static Sniffer of(byte[] head) {
        return of(head, head.length);
    }

    /**
     * The object's bytes as COPY reads them: decompressed when its first bytes say gzip (never by
     * the name alone), as stored otherwise. {@code raw} must support mark/reset.
     */
    public static InputStream decompressed(InputStream raw, String object) throws IOException {
        raw.mark(HEAD_BYTES);
        byte[] head = raw.readNBytes(HEAD_BYTES);
        raw.reset();
        return of(head) == GZIP ? new GzipObjectInputStream(raw, object) : raw;
    }
}
