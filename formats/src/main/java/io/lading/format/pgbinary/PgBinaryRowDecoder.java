package io.lading.format.pgbinary;

import io.lading.common.LadingException;

import java.io.IOException;
import java.util.Arrays;

/**
 * Splits a PostgreSQL binary COPY stream ({@code COPY ... TO STDOUT (FORMAT binary)}) into rows.
 * Feed it the CopyData messages in order ({@code CopyOut.readFromCopy()}); the first begins with
 * the 19-byte header, the last holds the -1 trailer. The server sends one row per message, but
 * any split of the stream is accepted: a row cut across feeds is reassembled.
 *
 * <p>Each row is handed to the {@link RowSink} as a slice {@code (buf, offset, length)} covering
 * the whole tuple, laid out as {@link PgBinaryTuple} says. The slice lies in the array that was
 * fed (or, for a reassembled row, in a fresh array), and the decoder never writes into it, so it
 * stays valid as long as the caller does not reuse its own array: pgjdbc returns a new array per
 * message, so slices can be queued to writer threads without copying.
 *
 * <p>Not thread-safe: one decoder per COPY stream.
 */
public final class PgBinaryRowDecoder {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    /** Receives one row (one tuple) of the binary COPY stream. */
    @FunctionalInterface
    public interface RowSink {
        void row(byte[] buf, int offset, int length) throws IOException;
    }

    private final int columns;
    private final String source;
    private byte[] carry = new byte[0];
    private int carryLength;
    private boolean headerDone;
    private boolean trailerSeen;
    private long rows;
    private long bytes;

    /**
     * @param columns the field count every row must have
     * @param source names the stream in errors (e.g. the query or the split)
     */
    public PgBinaryRowDecoder(int columns, String source) {
        if (columns < 1 || columns > 1664) {
            throw new IllegalArgumentException("columns out of range: " + columns);
        }
        this.columns = columns;
        this.source = source;
    }

    public void feed(byte[] message, RowSink sink) throws IOException {
        feed(message, 0, message.length, sink);
    }

    /** Decodes what it can of {@code buf[offset, offset+length)}; returns the rows emitted. */
    public int feed(byte[] buf, int offset, int length, RowSink sink) throws IOException {
        if (trailerSeen) {
            if (length > 0) {
                throw corrupt("data after the end-of-copy trailer");
            }
            return 0;
        }
        bytes += length;
        byte[] data = buf;
        int pos = offset;
        int end = offset + length;
        if (carryLength > 0) {
            // A fresh array, never reused, so slices handed out stay valid.
            data = Arrays.copyOf(carry, carryLength + length);
            System.arraycopy(buf, offset, data, carryLength, length);
            pos = 0;
            end = data.length;
            carryLength = 0;
        }
        if (!headerDone) {
            int header = headerLength(data, pos, end);
            if (header < 0) {
                keep(data, pos, end);
                return 0;
            }
            pos += header;
            headerDone = true;
        }
        int emitted = 0;
        while (end - pos >= 2) {
            if (PgBinaryTuple.fieldCount(data, pos) == PgBinaryTuple.TRAILER) {
                trailerSeen = true;
                if (pos + 2 != end) {
                    throw corrupt("data after the end-of-copy trailer");
                }
                return emitted;
            }
            int tupleEnd;
            try {
                tupleEnd = PgBinaryTuple.end(data, pos, end, columns);
            }
            catch (PgBinaryTuple.MalformedTupleException e) {
                throw corrupt(e.getMessage());
            }
            if (tupleEnd == PgBinaryTuple.INCOMPLETE) {
                break;
            }
            sink.row(data, pos, tupleEnd - pos);
            rows++;
            emitted++;
            pos = tupleEnd;
        }
        keep(data, pos, end);
        return emitted;
    }

    /** Call at the end of the stream: fails unless the trailer arrived and nothing is left over. */
    public void finish() {
        if (!trailerSeen) {
            throw corrupt(carryLength > 0 || headerDone ? "the stream ended inside a row or before the end-of-copy trailer"
                    : "the stream ended before the binary COPY header");
        }
    }

    public long rows() {
        return rows;
    }

    /** Bytes fed so far, header and trailer included. */
    public long bytes() {
        return bytes;
    }

    private void keep(byte[] data, int pos, int end) {
        int remaining = end - pos;
        if (remaining == 0) {
            carryLength = 0;
            return;
        }
        if (carry.length < remaining) {
            carry = new byte[Math.max(remaining, 2 * carry.length)];
        }
        System.arraycopy(data, pos, carry, 0, remaining);
        carryLength = remaining;
    }

    /** The header's length, -1 if incomplete. */
    private int headerLength(byte[] data, int pos, int end) {
        if (end - pos < 19) {
            for (int i = 0; i < Math.min(end - pos, SIGNATURE.length); i++) {
                if (data[pos + i] != SIGNATURE[i]) {
                    throw corrupt("no binary COPY signature; was the COPY run with (FORMAT binary)?");
                }
            }
            return -1;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (data[pos + i] != SIGNATURE[i]) {
                throw corrupt("no binary COPY signature; was the COPY run with (FORMAT binary)?");
            }
        }
        int flags = PgBinaryTuple.readInt(data, pos + 11);
        if ((flags & (1 << 16)) != 0) {
            throw corrupt("the stream carries OIDs (WITH OIDS), which Lading does not expect");
        }
        if ((flags & 0xffff0000) != 0) {
            throw corrupt("unknown critical header flags 0x" + Integer.toHexString(flags));
        }
        int extension = PgBinaryTuple.readInt(data, pos + 15);
        if (extension < 0) {
            throw corrupt("negative header extension length");
        }
        if (end - pos < 19 + extension) {
            return -1;
        }
        return 19 + extension;
    }

    private LadingException corrupt(String what) {
        return new LadingException("unexpected binary COPY data from " + source + " after " + rows + " rows: " + what);
    }
}
