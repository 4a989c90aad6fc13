package io.lading.loader;

import io.lading.format.Column;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.TextOptions;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns TEXT or CSV input into PostgreSQL's binary COPY stream on the client, so the server's
 * backends skip text parsing (on a lineitem-like table that halves their CPU per row). Fields are
 * split exactly as COPY splits them (delimiter, quotes, backslash escapes, the NULL string compared
 * with the raw field) and each value is encoded by {@link BinaryValues}.
 *
 * <p>Anything outside the exact subset (a value the encoders do not take, a field count that
 * differs from the table's, a carriage return, an end-of-data marker {@code \.}) throws
 * {@link Unsupported}: the caller rolls back and sends the file as text, where the server judges
 * it as it always has. So a file's outcome, rows and rejects, is the same either way.
 */
final class BinaryCopy {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int FLUSH = 1 << 16;
    /** A longer record goes as text, which streams it instead of holding it whole. */
    static final int MAX_RECORD = 64 << 20;

    /** The input cannot be encoded exactly; send it as text. The message says where and why. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    /** Where the binary stream goes: COPY's {@code writeToCopy}. */
    interface Sink {
        void write(byte[] b, int off, int len) throws SQLException;
    }

    private final boolean csv;
    private final byte delimiter;
    private final byte quote;
    private final byte[] nullBytes;
    private final boolean header;
    private final List<String> names;
    private final BinaryValues.Kind[] kinds;
    private final int maxRecord;
    /** Bytes that end a plain run of a field: delimiter, newline, carriage return, and the quote (CSV) or backslash (TEXT). */
    private final boolean[] special = new boolean[256];
    private final long sDelimiter;
    private final long sNewline = '\n' * ONES;
    private final long sCarriageReturn = '\r' * ONES;
    private final long sQuoteOrBackslash;

    private InputStream in;
    private byte[] buf = new byte[1 << 18];
    private int pos;
    private int limit;
    private boolean eof;
    private long line = 1; // where the current record starts
    private long nextLine; // where the next one starts, set by the parser
    private long lines; // newlines inside the current record's quoted parts

    // the current record: its fields so far, where its encoding starts, whether it is the header
    private int fieldCount;
    private int recordStart;
    private boolean skipping;
    // fields that unescaping or unquoting changed are rebuilt here
    private byte[] scratch = new byte[1024];
    private int scratchSize;

    private final BinaryValues.Out out = new BinaryValues.Out(FLUSH + (1 << 12));

    private BinaryCopy(TextOptions options, List<String> names, BinaryValues.Kind[] kinds, int maxRecord) {
        this.csv = options.format() == FileFormat.CSV;
        this.delimiter = options.delimiter().getBytes(StandardCharsets.UTF_8)[0];
        this.quote = csv ? options.quote().getBytes(StandardCharsets.UTF_8)[0] : 0;
        this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
        this.header = options.header();
        this.names = names;
        this.kinds = kinds;
        this.maxRecord = maxRecord;
        special[delimiter & 0xff] = true;
        special['\n'] = true;
        special['\r'] = true;
        special[csv ? quote & 0xff : '\\'] = true;
        sDelimiter = (delimiter & 0xffL) * ONES;
        sQuoteOrBackslash = (csv ? quote & 0xffL : '\\') * ONES;
    }

    /**
     * Why files with these options and columns cannot go as binary, or null when they can. The
     * columns are the COPY column list with the target's types.
     */
    static String whyNot(TextOptions options, TableSchema columns) {
        String encoding = options.encoding();
        if (encoding != null && !List.of("UTF8", "UTF-8").contains(encoding.toUpperCase(Locale.ROOT))) {
            return "the files' encoding is " + encoding;
        }
        if (options.format() == FileFormat.CSV && !options.escape().equals(options.quote())) {
            return "the CSV escape differs from the quote";
        }
        if (options.format() == FileFormat.TEXT && !"\\".equals(options.escape())) {
            return "the TEXT escape is not backslash";
        }
        List<String> unsupported = new ArrayList<>();
        for (Column c : columns.columns()) {
            if (BinaryValues.kindOf(c.pgType()) == null) {
                unsupported.add(c.name() + " " + c.pgType());
            }
        }
        return unsupported.isEmpty() ? null : "no binary encoder for column" + (unsupported.size() > 1 ? "s " : " ")
                + String.join(", ", unsupported);
    }

    /** An encoder for the columns, which {@link #whyNot} accepted. */
    static BinaryCopy of(TextOptions options, TableSchema columns) {
        return of(options, columns, MAX_RECORD);
    }

    static BinaryCopy of(TextOptions options, TableSchema columns, int maxRecord) {
        BinaryValues.Kind[] kinds = new BinaryValues.Kind[columns.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = BinaryValues.kindOf(columns.columns().get(i).pgType());
        }
        return new BinaryCopy(options, columns.names(), kinds, maxRecord);
    }

    /** Streams the input as binary COPY into the sink; returns the records sent. */
    long encode(InputStream input, Sink sink) throws IOException, Unsupported, SQLException {
        this.in = input;
        out.put(SIGNATURE, 0, SIGNATURE.length);
        out.int4(0); // flags
        out.int4(0); // header extension length
        if (header) {
            nextRecord(true); // parsed, checked, dropped
        }
        long records = 0;
        while (nextRecord(false)) {
            records++;
            if (out.size >= FLUSH) {
                sink.write(out.bytes, 0, out.size);
                out.size = 0;
            }
        }
        out.int2(-1);
        sink.write(out.bytes, 0, out.size);
        out.size = 0;
        return records;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /**
     * Parses the next record and appends its encoding to {@code out} (a header is parsed and
     * dropped); false at the end of the input. A record cut by the end of the buffer is parsed
     * again, whole, after the buffer is refilled.
     */
    private boolean nextRecord(boolean isHeader) throws IOException, Unsupported {
        skipping = isHeader;
        while (true) {
            if (pos == limit && !eof) {
                fill();
            }
            if (pos == limit) {
                return false;
            }
            recordStart = out.size;
            if (!skipping) {
                out.int2(kinds.length);
            }
            int end = parseRecord();
            if (end >= 0) {
                checkUtf8(pos, end);
                pos = end;
                line = nextLine;
                return true;
            }
            out.size = recordStart;
            fill();
        }
    }

    /** Moves the unparsed rest to the front, grows the buffer when the record fills it, reads until full or the end. */
    private void fill() throws IOException, Unsupported {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (limit >= maxRecord) {
                throw new Unsupported("line " + line + " is longer than " + (maxRecord >> 20) + " MiB");
            }
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxRecord));
        }
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return;
            }
            limit += n;
        }
    }

    private static final int NEED_MORE = -1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** The first byte from p on that ends a plain run (see {@link #special}), or limit. */
    private int plainRun(int p) {
        // eight bytes at a time: a byte equal to one of the four shows as its high bit in the mask
        while (p + 8 <= limit) {
            long w = (long) LONGS.get(buf, p);
            long m = zeroBytes(w ^ sDelimiter) | zeroBytes(w ^ sNewline) | zeroBytes(w ^ sCarriageReturn) | zeroBytes(w ^ sQuoteOrBackslash);
            if (m != 0) {
                return p + (Long.numberOfTrailingZeros(m) >>> 3);
            }
            p += 8;
        }
        while (p < limit && !special[buf[p] & 0xff]) {
            p++;
        }
        return p;
    }

    /**
     * Text COPY checks every raw byte of the input as UTF-8 before it splits fields (a NUL, a
     * stray continuation byte, an overlong form or a surrogate fail the whole COPY), so the binary
     * path checks each record's raw bytes the same way, header included: unescaping or unquoting
     * could otherwise join the halves of a broken character into a valid one.
     */
    private void checkUtf8(int from, int to) throws Unsupported {
        int p = from;
        while (true) {
            while (p + 8 <= to) {
                long w = (long) LONGS.get(buf, p);
                if (((w & HIGHS) | zeroBytes(w)) != 0) {
                    break;
                }
                p += 8;
            }
            if (p >= to) {
                return;
            }
            int c = buf[p] & 0xff;
            if (c != 0 && c < 0x80) {
                p++;
                continue;
            }
            // the lead byte's length and the allowed range of the byte after it (PostgreSQL's pg_utf8_islegal)
            int n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
            boolean legal = n > 0 && p + n <= to;
            for (int k = 1; legal && k < n; k++) {
                int next = buf[p + k] & 0xff;
                int low = k == 1 && c == 0xE0 ? 0xA0 : k == 1 && c == 0xF0 ? 0x90 : 0x80;
                int high = k == 1 && c == 0xED ? 0x9F : k == 1 && c == 0xF4 ? 0x8F : 0xBF;
                legal = next >= low && next <= high;
            }
            if (!legal) {
                throw new Unsupported("line " + line + " is not valid UTF-8");
            }
            p += n;
        }
    }

    /** The high bit of each zero byte of w; exact for the lowest zero byte, which is all that is used. */
    private static long zeroBytes(long w) {
        return (w - ONES) & ~w & HIGHS;
    }

    private void putScratch(byte c) {
        if (scratchSize == scratch.length) {
            scratch = Arrays.copyOf(scratch, scratch.length * 2);
        }
        scratch[scratchSize++] = c;
    }

    private void putScratch(int from, int to) {
        int n = to - from;
        if (scratchSize + n > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchSize + n));
        }
        System.arraycopy(buf, from, scratch, scratchSize, n);
        scratchSize += n;
    }

    private boolean isNull(int rawStart, int rawEnd) {
        int n = rawEnd - rawStart;
        if (n != nullBytes.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[rawStart + i] != nullBytes[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ends a field and encodes it: NULL when its raw bytes are the NULL string (and, in CSV, it had
     * no quotes); else its bytes, from the input or from scratch when they were rewritten.
     */
    private void endField(int rawStart, int rawEnd, boolean rewritten, int scratchStart, boolean mayBeNull) throws Unsupported {
        int f = fieldCount++;
        if (skipping || f >= kinds.length) {
            return;
        }
        if (mayBeNull && isNull(rawStart, rawEnd)) {
            out.int4(-1);
            return;
        }
        byte[] b = rewritten ? scratch : buf;
        int off = rewritten ? scratchStart : rawStart;
        int len = rewritten ? scratchSize - scratchStart : rawEnd - rawStart;
        if (kinds[f] == BinaryValues.Kind.TEXT) {
            // the commonest kind, and its length is known up front
            out.int4(len);
            out.put(b, off, len);
            return;
        }
        int lengthAt = out.size;
        out.int4(0);
        if (!BinaryValues.put(kinds[f], b, off, len, out)) {
            throw refused(f, b, off, len);
        }
        out.putInt4(lengthAt, out.size - lengthAt - 4);
    }

    /** Kept out of {@link #endField} so that stays small enough to inline into the parsers. */
    private Unsupported refused(int f, byte[] b, int off, int len) {
        out.size = recordStart;
        return new Unsupported("line " + line + ", column " + names.get(f) + ": '"
                + TextOptions.printable(shorten(new String(b, off, len, StandardCharsets.UTF_8))) + "' is not in the form binary COPY takes");
    }

    private void checkFieldCount() throws Unsupported {
        if (!skipping && fieldCount != kinds.length) {
            throw new Unsupported("line " + line + " has " + fieldCount + (fieldCount == 1 ? " field" : " fields") + " and the table "
                    + kinds.length + " columns");
        }
    }

    /**
     * One record from {@code pos}: the offset after it, or NEED_MORE when the buffer ends first and
     * more input may follow. A field is plain runs (up to a delimiter, newline, carriage return or
     * the special byte) joined by special parts: a backslash escape in TEXT, a quoted part in CSV.
     * A field with a special part is rebuilt in scratch; in CSV it is then never NULL. A line
     * starting with {@code \.} is left to the server, which may read it as the end of the data.
     */
    private int parseRecord() throws Unsupported {
        int p = pos;
        fieldCount = 0;
        scratchSize = 0;
        lines = 0;
        if (csv) {
            if (startsEndMarker(p)) {
                throw new Unsupported("line " + line + " starts with \\.");
            }
            if (p + 1 >= limit && !eof) {
                return NEED_MORE;
            }
        }
        while (true) {
            int rawStart = p;
            int scratchStart = scratchSize;
            boolean rewritten = false;
            boolean endOfRecord;
            while (true) {
                int run = p;
                p = plainRun(p);
                if (rewritten) {
                    putScratch(run, p);
                }
                if (p == limit) {
                    if (!eof) {
                        return NEED_MORE;
                    }
                    endOfRecord = true;
                    break;
                }
                byte c = buf[p];
                if (c == delimiter) {
                    endOfRecord = false;
                    break;
                }
                if (c == '\n') {
                    endOfRecord = true;
                    break;
                }
                if (c == '\r') {
                    throw new Unsupported("line " + line + " has a carriage return (CRLF line ends?)");
                }
                if (!rewritten) {
                    rewritten = true;
                    putScratch(rawStart, p);
                }
                p = csv ? quotedPart(p) : escape(p);
                if (p == NEED_MORE) {
                    return NEED_MORE;
                }
            }
            endField(rawStart, p, rewritten, scratchStart, !(csv && rewritten));
            if (!endOfRecord) {
                p++;
                continue;
            }
            checkFieldCount();
            nextLine = line + lines + 1;
            return p < limit ? p + 1 : p;
        }
    }

    /** The TEXT backslash escape at p, unescaped into scratch as COPY reads it: the offset after it, or NEED_MORE. */
    private int escape(int p) throws Unsupported {
        if (p + 1 == limit) {
            if (!eof) {
                return NEED_MORE;
            }
            throw new Unsupported("line " + line + " ends in a backslash");
        }
        byte e = buf[p + 1];
        p += 2;
        switch (e) {
            case 'b' -> putScratch((byte) '\b');
            case 'f' -> putScratch((byte) '\f');
            case 'n' -> putScratch((byte) '\n');
            case 'r' -> putScratch((byte) '\r');
            case 't' -> putScratch((byte) '\t');
            case 'v' -> putScratch((byte) 11);
            // a backslash before a newline or carriage return is the character itself, within the same
            // line of COPY's count (Redshift's UNLOAD ... ESCAPE writes them so)
            case '\n', '\r' -> putScratch(e);
            case '.' -> throw new Unsupported("line " + line + " has a backslash before '.'");
            case 'x' -> {
                int val = -1;
                for (int k = 0; k < 2; k++) {
                    if (p == limit && !eof) {
                        return NEED_MORE;
                    }
                    int h = p < limit ? BinaryValues.hex(buf[p]) : -1;
                    if (h < 0) {
                        break;
                    }
                    val = (val < 0 ? 0 : val << 4) + h;
                    p++;
                }
                putScratch(val < 0 ? (byte) 'x' : (byte) val);
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int val = e - '0';
                    for (int k = 0; k < 2; k++) {
                        if (p == limit && !eof) {
                            return NEED_MORE;
                        }
                        if (p == limit || buf[p] < '0' || buf[p] > '7') {
                            break;
                        }
                        val = (val << 3) + buf[p] - '0';
                        p++;
                    }
                    putScratch((byte) val);
                }
                else {
                    putScratch(e);
                }
            }
        }
        return p;
    }

    /**
     * The CSV quoted part opening at p (escape = quote): a doubled quote is a quote, a newline is
     * data. Its content goes to scratch; returns the offset after the closing quote, or NEED_MORE.
     */
    private int quotedPart(int p) throws Unsupported {
        p++;
        while (true) {
            int from = p;
            while (p < limit && buf[p] != quote && buf[p] != '\n') {
                p++;
            }
            putScratch(from, p);
            if (p == limit) {
                if (!eof) {
                    return NEED_MORE;
                }
                throw new Unsupported("line " + line + " has a quoted field that is not closed");
            }
            if (buf[p] == '\n') {
                lines++;
                if (p + 2 >= limit && !eof) {
                    return NEED_MORE;
                }
                if (startsEndMarker(p + 1)) {
                    throw new Unsupported("line " + (line + lines) + " starts with \\.");
                }
                putScratch((byte) '\n');
                p++;
                continue;
            }
            if (p + 1 == limit && !eof) {
                return NEED_MORE;
            }
            if (p + 1 < limit && buf[p + 1] == quote) {
                putScratch(quote);
                p += 2;
                continue;
            }
            return p + 1;
        }
    }

    private boolean startsEndMarker(int p) {
        return p + 1 < limit && buf[p] == '\\' && buf[p + 1] == '.';
    }
}
