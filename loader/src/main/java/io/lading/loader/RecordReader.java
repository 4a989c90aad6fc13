package io.lading.loader;

import io.lading.format.FileFormat;
import io.lading.format.TextOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits decompressed TEXT/CSV input into records the way COPY counts its "line N": in TEXT a
 * newline ends a record unless a backslash escapes it; in CSV a newline inside a quoted field does
 * not end it (quote and escape as configured). Records keep their line terminator, so re-sending
 * them reproduces the input byte for byte. Assumes an ASCII-compatible encoding (UTF-8, LATIN1...).
 */
final class RecordReader {
    private final InputStream in;
    private final boolean csv;
    private final int quote;
    private final int escape;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private final ByteArrayOutputStream record = new ByteArrayOutputStream(256);

    RecordReader(InputStream in, TextOptions options) {
        this.in = in;
        this.csv = options.format() == FileFormat.CSV;
        this.quote = csv ? options.quote().charAt(0) : -1;
        this.escape = csv ? options.escape().charAt(0) : '\\';
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

    /** The next record including its newline, or null at the end of the input. */
    byte[] next() throws IOException {
        record.reset();
        boolean inQuote = false;
        int c;
        while ((c = read()) >= 0) {
            record.write(c);
            if (csv) {
                if (inQuote) {
                    if (c == escape && escape != quote) {
                        int n = read();
                        if (n < 0) {
                            break;
                        }
                        record.write(n);
                    }
                    else if (c == quote) {
                        inQuote = false;
                    }
                }
                else if (c == quote) {
                    inQuote = true;
                }
                else if (c == '\n') {
                    return record.toByteArray();
                }
            }
            else if (c == '\\') {
                int n = read();
                if (n < 0) {
                    break;
                }
                record.write(n);
            }
            else if (c == '\n') {
                return record.toByteArray();
            }
        }
        return record.size() == 0 ? null : record.toByteArray();
    }
}
