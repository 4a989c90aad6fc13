package io.lading.format.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One row rendered as a line of PostgreSQL COPY TEXT (the defaults: tab delimiter, {@code \N} for
 * NULL, backslash escapes for backslash, tab, newline and carriage return, LF at the end). Values
 * are rendered into per-column slots as the Parquet reader delivers them, then joined in column
 * order; buffers are reused from row to row.
 */
final class CopyTextRow {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    final Slot[] slots;
    private byte[] line = new byte[256];
    private int lineLength;

    CopyTextRow(int columns) {
        slots = new Slot[columns];
        for (int i = 0; i < columns; i++) {
            slots[i] = new Slot();
        }
    }

    void start() {
        for (Slot s : slots) {
            s.set = false;
            s.length = 0;
        }
    }

    void end() {
        int n = 0;
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            int need = (s.set ? s.length : 2) + 1;
            if (n + need > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, n + need));
            }
            if (s.set) {
                System.arraycopy(s.bytes, 0, line, n, s.length);
                n += s.length;
            }
            else {
                line[n++] = '\\';
                line[n++] = 'N';
            }
            line[n++] = (byte) (i == slots.length - 1 ? '\n' : '\t');
        }
        lineLength = n;
    }

    byte[] line() {
        return line;
    }

    int lineLength() {
        return lineLength;
    }

    /** One column's rendered value. */
    static final class Slot {
        byte[] bytes = new byte[32];
        int length;
        boolean set;

        private void ensure(int extra) {
            if (length + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
            }
        }

        private void put(byte b) {
            bytes[length++] = b;
        }

        void ascii(String s) {
            set = true;
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
        }

        void integer(long v) {
            set = true;
            if (v == Long.MIN_VALUE) {
                ascii("-9223372036854775808");
                return;
            }
            ensure(20);
            if (v < 0) {
                put((byte) '-');
                v = -v;
            }
            number(v, 1);
        }

        /** Text bytes with COPY TEXT escapes for backslash, tab, newline, carriage return. */
        void escaped(byte[] src, int off, int len) {
            set = true;
            ensure(len);
            for (int i = off; i < off + len; i++) {
                byte b = src[i];
                switch (b) {
                    case '\\' -> escape((byte) '\\');
                    case '\t' -> escape((byte) 't');
                    case '\n' -> escape((byte) 'n');
                    case '\r' -> escape((byte) 'r');
                    default -> {
                        if (length == bytes.length) {
                            ensure(1 + (off + len - i));
                        }
                        bytes[length++] = b;
                    }
                }
            }
        }

        private void escape(byte c) {
            ensure(2);
            bytes[length++] = '\\';
            bytes[length++] = c;
        }

        /** bytea in hex form, escaped for COPY TEXT: {@code \\x0a0b}. */
        void bytea(byte[] src, int off, int len) {
            set = true;
            ensure(3 + 2 * len);
            put((byte) '\\');
            put((byte) '\\');
            put((byte) 'x');
            for (int i = off; i < off + len; i++) {
                put(HEX[(src[i] >> 4) & 0xf]);
                put(HEX[src[i] & 0xf]);
            }
        }

        void uuid(byte[] src, int off) {
            set = true;
            ensure(36);
            for (int i = 0; i < 16; i++) {
                if (i == 4 || i == 6 || i == 8 || i == 10) {
                    put((byte) '-');
                }
                put(HEX[(src[off + i] >> 4) & 0xf]);
                put(HEX[src[off + i] & 0xf]);
            }
        }

        void decimal(long unscaled, int scale) {
            if (scale == 0) {
                integer(unscaled);
                return;
            }
            if (unscaled == Long.MIN_VALUE || scale > 18) {
                decimal(BigInteger.valueOf(unscaled), scale);
                return;
            }
            set = true;
            ensure(22 + scale);
            if (unscaled < 0) {
                put((byte) '-');
                unscaled = -unscaled;
            }
            long pow = 1;
            for (int i = 0; i < scale; i++) {
                pow *= 10;
            }
            number(unscaled / pow, 1);
            put((byte) '.');
            number(unscaled % pow, scale);
        }

        void decimal(BigInteger unscaled, int scale) {
            ascii(new BigDecimal(unscaled, scale).toPlainString());
        }

        /** v >= 0 with at least {@code width} digits. */
        private void number(long v, int width) {
            int count = 1;
            for (long t = v / 10; t > 0; t /= 10) {
                count++;
            }
            count = Math.max(count, width);
            ensure(count);
            int end = length + count;
            for (int i = end - 1; i >= length; i--) {
                bytes[i] = (byte) ('0' + (v % 10));
                v /= 10;
            }
            length = end;
        }

        /** Days since 1970-01-01; the writer's infinity sentinels come back as infinity. */
        void date(long epochDays) {
            if (epochDays >= Integer.MAX_VALUE) {
                ascii("infinity");
                return;
            }
            if (epochDays <= -Integer.MAX_VALUE) {
                ascii("-infinity");
                return;
            }
            set = true;
            LocalDate d = LocalDate.ofEpochDay(epochDays);
            ymd(d);
            if (d.getYear() <= 0) {
                ascii(" BC");
            }
        }

        private void ymd(LocalDate d) {
            int year = d.getYear();
            number(year <= 0 ? 1 - year : year, 4);
            ensure(6);
            put((byte) '-');
            number(d.getMonthValue(), 2);
            put((byte) '-');
            number(d.getDayOfMonth(), 2);
        }

        /** Micros since 1970-01-01 00:00; {@code utc} appends {@code +00}. */
        void timestamp(long epochMicros, boolean utc) {
            if (epochMicros == Long.MAX_VALUE) {
                ascii("infinity");
                return;
            }
            if (epochMicros <= -Long.MAX_VALUE) {
                ascii("-infinity");
                return;
            }
            set = true;
            long days = Math.floorDiv(epochMicros, MICROS_PER_DAY);
            long micros = Math.floorMod(epochMicros, MICROS_PER_DAY);
            LocalDate d = LocalDate.ofEpochDay(days);
            ymd(d);
            ensure(1);
            put((byte) ' ');
            timeOfDay(micros);
            if (utc) {
                ascii("+00");
            }
            if (d.getYear() <= 0) {
                ascii(" BC");
            }
        }

        /** Micros since midnight; 24:00:00 stays 24:00:00. */
        void time(long micros) {
            set = true;
            timeOfDay(micros);
        }

        private void timeOfDay(long micros) {
            long seconds = micros / 1_000_000;
            long fraction = micros % 1_000_000;
            ensure(16);
            number(seconds / 3600, 2);
            put((byte) ':');
            number(seconds / 60 % 60, 2);
            put((byte) ':');
            number(seconds % 60, 2);
            if (fraction != 0) {
                // As PostgreSQL prints it: .5, not .500000
                int width = 6;
                while (fraction % 10 == 0) {
                    fraction /= 10;
                    width--;
                }
                put((byte) '.');
                number(fraction, width);
            }
        }
    }
}
