package io.lading.format.pgbinary;

import java.io.IOException;

/**
 * The layout of one tuple of PostgreSQL's binary COPY format, the one place that walks it: an
 * int16 field count, then per field an int32 length (-1 for NULL) and that many bytes, all in
 * network byte order. The end-of-copy trailer is a lone field count of {@link #TRAILER}.
 */
public final class PgBinaryTuple {
    /** The field count that marks the end-of-copy trailer. */
    public static final int TRAILER = -1;
    /** What {@link #end} answers when the bytes hold only the start of the tuple. */
    public static final int INCOMPLETE = -1;

    private PgBinaryTuple() {
    }

    /** A tuple that cannot be a row of the expected shape; the message says what is wrong. */
    public static final class MalformedTupleException extends IOException {
        MalformedTupleException(String message) {
            super(message);
        }
    }

    /** The field count at {@code b[pos]} (two bytes; {@link #TRAILER} for the trailer). */
    public static int fieldCount(byte[] b, int pos) {
        return readShort(b, pos);
    }

    /**
     * Where the tuple at {@code b[pos]} ends, or {@link #INCOMPLETE} when {@code b[pos, limit)}
     * holds only its start.
     *
     * @throws MalformedTupleException when the tuple's field count is not {@code columns} or a
     *         field length is negative other than -1
     */
    public static int end(byte[] b, int pos, int limit, int columns) throws MalformedTupleException {
        if (limit - pos < 2) {
            return INCOMPLETE;
        }
        int fields = fieldCount(b, pos);
        if (fields != columns) {
            throw new MalformedTupleException("a row has " + fields + " fields, expected " + columns);
        }
        int p = pos + 2;
        for (int i = 0; i < fields; i++) {
            if (limit - p < 4) {
                return INCOMPLETE;
            }
            int len = readInt(b, p);
            p += 4;
            if (len == -1) {
                continue;
            }
            if (len < 0) {
                throw new MalformedTupleException("negative field length " + len);
            }
            if (limit - p < len) {
                return INCOMPLETE;
            }
            p += len;
        }
        return p;
    }

    /** A signed int16. */
    public static int readShort(byte[] b, int p) {
        return (short) (((b[p] & 0xff) << 8) | (b[p + 1] & 0xff));
    }

    public static int readInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    public static long readLong(byte[] b, int p) {
        return ((long) readInt(b, p) << 32) | (readInt(b, p + 4) & 0xffffffffL);
    }
}
