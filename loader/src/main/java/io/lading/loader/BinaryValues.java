package io.lading.loader;

import io.lading.format.PgTypes;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Text values in PostgreSQL's binary COPY form, for the column types whose text form can be read
 * here exactly as the server's input function reads it. Each encoder takes only a strict subset of
 * what the server accepts (ISO dates, plain decimals, canonical UUIDs...) and says no to anything
 * else, so that value goes to the server as text and is judged there: the binary path never
 * changes what a load stores or rejects, it only moves the parsing to the client.
 *
 * <p>Length limits (varchar(n), char(n)) and typmod rounding (numeric(p,s), timestamp(p)) are not
 * applied here: the server's receive functions apply them as its input functions do.
 */
final class BinaryValues {
    private BinaryValues() {
    }

    /** A growable output buffer in network byte order. */
    static final class Out {
        byte[] bytes;
        int size;
        final int[] groups = new int[4]; // a small numeric's base-10000 digits

        Out(int capacity) {
            bytes = new byte[capacity];
        }

        void ensure(int more) {
            if (size + more > bytes.length) {
                byte[] grown = new byte[Math.max(bytes.length * 2, size + more)];
                System.arraycopy(bytes, 0, grown, 0, size);
                bytes = grown;
            }
        }

        void int2(int v) {
            ensure(2);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        void int4(int v) {
            ensure(4);
            putInt4(size, v);
            size += 4;
        }

        void putInt2(int at, int v) {
            bytes[at] = (byte) (v >>> 8);
            bytes[at + 1] = (byte) v;
        }

        void putInt4(int at, int v) {
            bytes[at] = (byte) (v >>> 24);
            bytes[at + 1] = (byte) (v >>> 16);
            bytes[at + 2] = (byte) (v >>> 8);
            bytes[at + 3] = (byte) v;
        }

        void int8(long v) {
            int4((int) (v >>> 32));
            int4((int) v);
        }

        void put(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        void put(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }
    }

    /** The column types with an encoder. */
    enum Kind { INT2, INT4, INT8, BOOL, FLOAT4, FLOAT8, NUMERIC, DATE, TIMESTAMP, TIMESTAMPTZ, TIME, TEXT, JSONB, UUID, BYTEA }

    /** The encoder for a type, or null when values of it go as text. */
    static Kind kindOf(String pgType) {
        return switch (PgTypes.kindOf(pgType)) {
            case SMALLINT -> Kind.INT2;
            case INTEGER -> Kind.INT4;
            case BIGINT -> Kind.INT8;
            case BOOLEAN -> Kind.BOOL;
            case REAL -> Kind.FLOAT4;
            case DOUBLE_PRECISION -> Kind.FLOAT8;
            case NUMERIC -> Kind.NUMERIC;
            case DATE -> Kind.DATE;
            case TIMESTAMP -> Kind.TIMESTAMP;
            case TIMESTAMPTZ -> Kind.TIMESTAMPTZ;
            case TIME -> Kind.TIME;
            case TEXT, JSON -> Kind.TEXT;
            case JSONB -> Kind.JSONB;
            case UUID -> Kind.UUID;
            case BYTEA -> Kind.BYTEA;
            case NAME, OTHER -> null;
        };
    }

    /**
     * Writes one value's bytes (without the length word); false when the text is outside the exact
     * subset. One switch rather than an object per type keeps the per-value call cheap.
     */
    static boolean put(Kind kind, byte[] b, int off, int len, Out out) {
        return switch (kind) {
            case INT2 -> integer(b, off, len, out, 2);
            case INT4 -> integer(b, off, len, out, 4);
            case INT8 -> integer(b, off, len, out, 8);
            case BOOL -> bool(b, off, len, out);
            case FLOAT4 -> floating(b, off, len, out, false);
            case FLOAT8 -> floating(b, off, len, out, true);
            case NUMERIC -> numeric(b, off, len, out);
            case DATE -> date(b, off, len, out);
            case TIMESTAMP -> timestamp(b, off, len, out);
            case TIMESTAMPTZ -> timestamptz(b, off, len, out);
            case TIME -> time(b, off, len, out);
            case TEXT -> text(b, off, len, out);
            case JSONB -> {
                out.put(1); // jsonb's binary format version
                yield text(b, off, len, out);
            }
            case UUID -> uuid(b, off, len, out);
            case BYTEA -> bytea(b, off, len, out);
        };
    }

    static boolean text(byte[] b, int off, int len, Out out) {
        out.put(b, off, len);
        return true;
    }

    private static int digit(byte c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    /** {@code [+-]?[0-9]+} within the type's range. */
    static boolean integer(byte[] b, int off, int len, Out out, int width) {
        int end = off + len;
        int i = off;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == end) {
            return false;
        }
        if (end - i > 18) {
            // past 18 digits a long can overflow: let the JDK check the range
            for (int k = i; k < end; k++) {
                if (digit(b[k]) < 0) {
                    return false;
                }
            }
            try {
                return writeInteger(out, width, Long.parseLong(new String(b, off, len, StandardCharsets.ISO_8859_1)));
            }
            catch (NumberFormatException e) {
                return false;
            }
        }
        long v = 0;
        for (; i < end; i++) {
            int d = digit(b[i]);
            if (d < 0) {
                return false;
            }
            v = v * 10 + d;
        }
        return writeInteger(out, width, negative ? -v : v);
    }

    private static boolean writeInteger(Out out, int width, long v) {
        switch (width) {
            case 2:
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    return false;
                }
                out.int2((int) v);
                return true;
            case 4:
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    return false;
                }
                out.int4((int) v);
                return true;
            default:
                out.int8(v);
                return true;
        }
    }

    /** The spellings every PostgreSQL version reads the same way; the server's prefixes and blanks go as text. */
    static boolean bool(byte[] b, int off, int len, Out out) {
        String s = new String(b, off, len, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        switch (s) {
            case "t", "true", "y", "yes", "on", "1" -> out.put(1);
            case "f", "false", "n", "no", "off", "0" -> out.put(0);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code [+-]?(digits[.digits]|.digits)([eE][+-]?digits)?}: Java's parseDouble/parseFloat and
     * the server's strtod/strtof (PostgreSQL 12 and later) all round a decimal to the nearest
     * double or float. Overflow and underflow to zero are the server's errors: left to it.
     */
    static boolean floating(byte[] b, int off, int len, Out out, boolean isDouble) {
        int end = off + len;
        int i = off;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            i++;
        }
        int mantissaDigits = 0;
        boolean nonZero = false;
        while (i < end && digit(b[i]) >= 0) {
            nonZero |= b[i] != '0';
            mantissaDigits++;
            i++;
        }
        if (i < end && b[i] == '.') {
            i++;
            while (i < end && digit(b[i]) >= 0) {
                nonZero |= b[i] != '0';
                mantissaDigits++;
                i++;
            }
        }
        if (mantissaDigits == 0) {
            return false;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            int expDigits = 0;
            while (i < end && digit(b[i]) >= 0) {
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        if (i != end) {
            return false;
        }
        String text = new String(b, off, len, StandardCharsets.ISO_8859_1);
        if (isDouble) {
            double v = Double.parseDouble(text);
            if (Double.isInfinite(v) || v == 0 && nonZero) {
                return false;
            }
            out.int8(Double.doubleToRawLongBits(v));
        }
        else {
            float v = Float.parseFloat(text);
            if (Float.isInfinite(v) || v == 0 && nonZero) {
                return false;
            }
            out.int4(Float.floatToRawIntBits(v));
        }
        return true;
    }

    private static final int NUMERIC_POS = 0x0000;
    private static final int NUMERIC_NEG = 0x4000;
    private static final int MAX_NUMERIC_DIGITS = 1000;

    /**
     * {@code [+-]?(digits[.digits]|.digits)} as base-10000 digit groups with the display scale the
     * server's numeric_in would give it (the digits after the point); the column's typmod rounds it
     * on the server. Exponents, NaN and Infinity go as text.
     */
    static boolean numeric(byte[] b, int off, int len, Out out) {
        int end = off + len;
        int i = off;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        int digitsStart = i;
        while (i < end && b[i] == '0') {
            i++;
        }
        // one pass: find the digits and, while they are few, add them up for the small case
        int intStart = i;
        int ip = 0;
        for (int d; i < end && (d = b[i] - '0') >= 0 && d <= 9; i++) {
            ip = ip * 10 + d;
        }
        int intEnd = i;
        int fracStart = i;
        int fracEnd = i;
        int fp = 0;
        if (i < end && b[i] == '.') {
            fracStart = ++i;
            for (int d; i < end && (d = b[i] - '0') >= 0 && d <= 9; i++) {
                fp = fp * 10 + d;
            }
            fracEnd = i;
        }
        if (i != end || intEnd - intStart + fracEnd - fracStart > MAX_NUMERIC_DIGITS) {
            return false;
        }
        if (intEnd == digitsStart && fracEnd == fracStart) {
            return false;
        }
        int intLen = intEnd - intStart;
        int fracLen = fracEnd - fracStart;
        int intGroups = (intLen + 3) >> 2;
        int fracGroups = (fracLen + 3) >> 2;
        if (intLen <= 8 && fracLen <= 8) {
            return smallNumeric(ip, intGroups, fp, fracLen, fracGroups, negative, out);
        }
        int groups = intGroups + fracGroups;
        int header = out.size;
        out.ensure(8 + 2 * groups);
        int at = header + 8;
        int weight = intGroups - 1;
        int written = 0;
        int nonZero = 0;
        // the digits as one string, left-padded to whole integer groups: group g is positions 4g..4g+3
        int lead = intGroups * 4 - intLen;
        for (int g = 0; g < groups; g++) {
            int v = 0;
            for (int k = g * 4 - lead; k < g * 4 - lead + 4; k++) {
                int d = k < 0 ? 0 : k < intLen ? b[intStart + k] - '0' : k - intLen < fracLen ? b[fracStart + k - intLen] - '0' : 0;
                v = v * 10 + d;
            }
            if (written == 0 && v == 0) {
                weight--; // leading zero groups are not stored
                continue;
            }
            out.putInt2(at + 2 * written++, v);
            if (v != 0) {
                nonZero = written; // trailing zero groups are not stored either
            }
        }
        out.putInt2(header, nonZero);
        out.putInt2(header + 2, nonZero == 0 ? 0 : weight);
        out.putInt2(header + 4, nonZero == 0 || !negative ? NUMERIC_POS : NUMERIC_NEG);
        out.putInt2(header + 6, fracLen);
        out.size = at + 2 * nonZero;
        return true;
    }

    /** Up to 8 digits before and after the point (most money and quantity columns): at most 4 groups, by arithmetic. */
    private static boolean smallNumeric(int ip, int intGroups, int fp, int fracLen, int fracGroups, boolean negative, Out out) {
        for (int k = fracLen; k < fracGroups * 4; k++) {
            fp *= 10;
        }
        int[] g = out.groups;
        int n = 0;
        if (intGroups == 2) {
            g[n++] = ip / 10000;
        }
        if (intGroups >= 1) {
            g[n++] = ip % 10000;
        }
        if (fracGroups == 2) {
            g[n++] = fp / 10000;
        }
        if (fracGroups >= 1) {
            g[n++] = fp % 10000;
        }
        int first = 0;
        int weight = intGroups - 1;
        while (first < n && g[first] == 0) {
            first++;
            weight--;
        }
        int last = n;
        while (last > first && g[last - 1] == 0) {
            last--;
        }
        int ndigits = last - first;
        out.ensure(16);
        int at = out.size;
        out.putInt2(at, ndigits);
        out.putInt2(at + 2, ndigits == 0 ? 0 : weight);
        out.putInt2(at + 4, ndigits == 0 || !negative ? NUMERIC_POS : NUMERIC_NEG);
        out.putInt2(at + 6, fracLen);
        at += 8;
        for (int k = first; k < last; k++, at += 2) {
            out.putInt2(at, g[k]);
        }
        out.size = at;
        return true;
    }

    /** Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
    private static final long PG_EPOCH_DAY = 10957;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /** {@code YYYY-MM-DD}, year 0001 to 9999: read alike under every DateStyle. */
    static boolean date(byte[] b, int off, int len, Out out) {
        if (len != 10) {
            return false;
        }
        long day = epochDay(b, off);
        if (day == Long.MIN_VALUE) {
            return false;
        }
        out.int4((int) (day - PG_EPOCH_DAY));
        return true;
    }

    /** {@code YYYY-MM-DD[ T]HH:MM:SS[.f{1,6}]}. */
    static boolean timestamp(byte[] b, int off, int len, Out out) {
        long micros = timestampMicros(b, off, len, len);
        if (micros == Long.MIN_VALUE) {
            return false;
        }
        out.int8(micros);
        return true;
    }

    /** A timestamp with an explicit offset {@code [+-]HH[:MM[:SS]]}; without one it depends on the session's TimeZone: text. */
    static boolean timestamptz(byte[] b, int off, int len, Out out) {
        int end = off + len;
        int sign = -1;
        for (int i = off + 19; i < end; i++) {
            if (b[i] == '+' || b[i] == '-') {
                sign = i;
                break;
            }
        }
        if (sign < 0) {
            return false;
        }
        long micros = timestampMicros(b, off, len, sign - off);
        int offsetSeconds = offset(b, sign, end);
        if (micros == Long.MIN_VALUE || offsetSeconds == Integer.MIN_VALUE) {
            return false;
        }
        out.int8(micros - offsetSeconds * 1_000_000L);
        return true;
    }

    /** {@code HH:MM:SS[.f{1,6}]}, 00:00:00 to 23:59:59.999999. */
    static boolean time(byte[] b, int off, int len, Out out) {
        long micros = timeMicros(b, off, off + len);
        if (micros < 0) {
            return false;
        }
        out.int8(micros);
        return true;
    }

    private static long timestampMicros(byte[] b, int off, int len, int dateTimeLen) {
        if (dateTimeLen < 19 || dateTimeLen > len || (b[off + 10] != ' ' && b[off + 10] != 'T')) {
            return Long.MIN_VALUE;
        }
        long day = epochDay(b, off);
        long micros = timeMicros(b, off + 11, off + dateTimeLen);
        if (day == Long.MIN_VALUE || micros < 0) {
            return Long.MIN_VALUE;
        }
        return (day - PG_EPOCH_DAY) * MICROS_PER_DAY + micros;
    }

    /** Days from 1970-01-01 of an ISO date (proleptic Gregorian, as PostgreSQL counts), or MIN_VALUE. */
    private static long epochDay(byte[] b, int off) {
        int year = digits(b, off, 4);
        int month = digits(b, off + 5, 2);
        int day = digits(b, off + 8, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || b[off + 4] != '-' || b[off + 7] != '-') {
            return Long.MIN_VALUE;
        }
        boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        int monthDays = month == 2 ? (leap ? 29 : 28) : month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        if (day > monthDays) {
            return Long.MIN_VALUE;
        }
        // days from civil (H. Hinnant): years start on March 1 so the leap day is the year's last
        int y = month <= 2 ? year - 1 : year;
        int era = y / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097L + dayOfEra - 719468;
    }

    private static long timeMicros(byte[] b, int from, int end) {
        if (end - from < 8 || b[from + 2] != ':' || b[from + 5] != ':') {
            return -1;
        }
        int h = digits(b, from, 2);
        int m = digits(b, from + 3, 2);
        int s = digits(b, from + 6, 2);
        if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) {
            return -1;
        }
        long fraction = 0;
        int i = from + 8;
        if (i < end) {
            if (b[i] != '.' || end - i - 1 < 1 || end - i - 1 > 6) {
                return -1;
            }
            int n = end - i - 1;
            int f = digits(b, i + 1, n);
            if (f < 0) {
                return -1;
            }
            fraction = f;
            for (int k = n; k < 6; k++) {
                fraction *= 10;
            }
        }
        return ((h * 60L + m) * 60 + s) * 1_000_000 + fraction;
    }

    /** {@code [+-]HH[:MM[:SS]]} up to 15:59:59, in seconds east of UTC; MIN_VALUE otherwise. */
    private static int offset(byte[] b, int from, int end) {
        int n = end - from;
        if (n != 3 && n != 6 && n != 9) {
            return Integer.MIN_VALUE;
        }
        int h = digits(b, from + 1, 2);
        int m = n >= 6 && b[from + 3] == ':' ? digits(b, from + 4, 2) : n >= 6 ? -1 : 0;
        int s = n == 9 && b[from + 6] == ':' ? digits(b, from + 7, 2) : n == 9 ? -1 : 0;
        if (h < 0 || h > 15 || m < 0 || m > 59 || s < 0 || s > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = (h * 60 + m) * 60 + s;
        return b[from] == '-' ? -seconds : seconds;
    }

    /** n decimal digits as an int, or -1. */
    private static int digits(byte[] b, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int d = digit(b[i]);
            if (d < 0) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** A hex digit's value, or -1. */
    static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The canonical {@code 8-4-4-4-12} hex form, either case. */
    static boolean uuid(byte[] b, int off, int len, Out out) {
        if (len != 36) {
            return false;
        }
        out.ensure(16);
        int start = out.size;
        int i = off;
        for (int k = 0; k < 16; k++) {
            if (k == 4 || k == 6 || k == 8 || k == 10) {
                if (b[i] != '-') {
                    out.size = start;
                    return false;
                }
                i++;
            }
            int hi = hex(b[i]);
            int lo = hex(b[i + 1]);
            if (hi < 0 || lo < 0) {
                out.size = start;
                return false;
            }
            out.bytes[out.size++] = (byte) (hi << 4 | lo);
            i += 2;
        }
        return true;
    }

    /** The hex form {@code \x0a1b...} without blanks; the escape form goes as text. */
    static boolean bytea(byte[] b, int off, int len, Out out) {
        if (len < 2 || b[off] != '\\' || b[off + 1] != 'x' || len % 2 != 0) {
            return false;
        }
        out.ensure((len - 2) / 2);
        int start = out.size;
        for (int i = off + 2; i < off + len; i += 2) {
            int hi = hex(b[i]);
            int lo = hex(b[i + 1]);
            if (hi < 0 || lo < 0) {
                out.size = start;
                return false;
            }
            out.bytes[out.size++] = (byte) (hi << 4 | lo);
        }
        return true;
    }
}
