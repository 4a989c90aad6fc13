package io.lading.format.text;

import io.lading.format.FileFormat;
import io.lading.format.TextOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Splits decompressed TEXT/CSV input into records the way COPY counts its "line N": in TEXT a
 * newline ends a record unless the escape (backslash; none with {@code ESCAPE 'OFF'}) precedes
 * it; in CSV a newline inside a quoted field does not end it (quote and escape as configured). Records keep their line terminator, so re-sending
 * them reproduces the input byte for byte. Assumes an ASCII-compatible encoding (UTF-8, LATIN1...).
 * Not thread-safe: one splitter per input.
 */
public final class CopyRecordSplitter {
    private final InputStream in;
    private final boolean csv;
    private final int quote;
    private final int escape;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    /** The record being read: a plain array, not a ByteArrayOutputStream, whose every write takes a lock. */
    private byte[] record = new byte[256];
    private int length;

    public CopyRecordSplitter(InputStream in, TextOptions options) {
        this.in = requireNonNull(in, "in is null");
        this.csv = options.format() == FileFormat.CSV;
        this.quote = csv ? options.quote().charAt(0) : -1;
        // TEXT: backslash, or Greenplum's other escape byte; ESCAPE 'OFF' (Redshift's unescaped text) has none
        this.escape = csv ? options.escape().charAt(0) : options.escape().equalsIgnoreCase("OFF") ? -1 : options.escape().charAt(0);
    }

    private int read() throws IOException {
        if (pos == limit) {
            limit = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[pos++] & 0xff;
    }

    /** A record of the input: its number (from 1), the physical line it starts on, its text. */
    public record Located(long record, long line, String raw) {
    }

    /**
     * The record that COPY's "line {@code copyLine}" points at when the input was sent without the
     * {@code skipped} records. COPY counts a record as one line in TEXT; in CSV it also counts the
     * newlines inside quoted fields and reports the record's last line.
     */
    public static Located locate(InputStream in, TextOptions options, Set<Long> skipped, long copyLine) throws IOException {
        CopyRecordSplitter splitter = new CopyRecordSplitter(in, options);
        long sentLines = 0;
        long physical = 1;
        long number = 0;
        byte[] record;
        while ((record = splitter.next()) != null) {
            number++;
            long lines = splitter.csv ? 1 + embeddedNewlines(record) : 1;
            if (!skipped.contains(number)) {
                sentLines += lines;
                if (sentLines >= copyLine) {
                    return new Located(number, physical, withoutNewline(record));
                }
            }
            physical += 1 + embeddedNewlines(record);
        }
        throw new IllegalStateException("COPY reported line " + copyLine + " but the input has only " + sentLines + " lines");
    }

    private static long embeddedNewlines(byte[] record) {
        long n = 0;
        for (int i = 0; i < record.length - 1; i++) {
            if (record[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String withoutNewline(byte[] record) {
        int end = record.length;
        if (end > 0 && record[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && record[end - 1] == '\r') {
            end--;
        }
        return new String(record, 0, end, StandardCharsets.UTF_8);
    }

    private void add(int c) {
        if (length == record.length) {
            record = Arrays.copyOf(record, length * 2);
        }
        record[length++] = (byte) c;
    }

    /** The next record including its newline, or null at the end of the input. */
    public byte[] next() throws IOException {
        length = 0;
        boolean inQuote = false;
        int c;
        while ((c = read()) >= 0) {
            add(c);
            if (csv) {
                if (inQuote) {
                    if (c == escape && escape != quote) {
                        int n = read();
                        if (n < 0) {
                            break;
                        }
                        add(n);
                    }
                    else if (c == quote) {
                        inQuote = false;
                    }
                }
                else if (c == quote) {
                    inQuote = true;
                }
                else if (c == '\n') {
                    return Arrays.copyOf(record, length);
                }
            }
            else if (c == escape) {
                int n = read();
                if (n < 0) {
                    break;
                }
                add(n);
            }
            else if (c == '\n') {
                return Arrays.copyOf(record, length);
            }
        }
        return length == 0 ? null : Arrays.copyOf(record, length);
    }
}
