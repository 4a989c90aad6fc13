package io.lading.transfer;

import java.util.zip.Checksum;

/**
 * CRC-64/ECMA-182 in its reflected form (also called CRC-64/XZ): polynomial 0x42F0E1EBA9EA3693
 * reflected, initial value and final XOR all ones. It is what OSS reports as
 * {@code x-oss-hash-crc64ecma}; the check value of {@code "123456789"} is 0x995DC9BBDF1939FA.
 * Slicing by eight tables, so that it keeps up with a network stream.
 */
public final class Crc64 implements Checksum {
    private static final long POLY = 0xC96C5795D7870F42L; // 0x42F0E1EBA9EA3693 bit-reversed
    private static final long[][] TABLES = new long[8][256];
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    static {
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
            }
            TABLES[0][n] = crc;
        }
        for (int n = 0; n < 256; n++) {
            long crc = TABLES[0][n];
            for (int t = 1; t < 8; t++) {
                crc = TABLES[0][(int) (crc & 0xff)] ^ (crc >>> 8);
                TABLES[t][n] = crc;
            }
        }
    }

    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = TABLES[0][(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        long c = crc;
        long[] t0 = TABLES[0], t1 = TABLES[1], t2 = TABLES[2], t3 = TABLES[3];
        long[] t4 = TABLES[4], t5 = TABLES[5], t6 = TABLES[6], t7 = TABLES[7];
        int end8 = off + (len & ~7);
        for (; off < end8; off += 8) {
            c ^= (long) LONGS.get(b, off); // eight bytes, little-endian, in one load
            c = t7[(int) (c & 0xff)] ^ t6[(int) ((c >>> 8) & 0xff)] ^ t5[(int) ((c >>> 16) & 0xff)] ^ t4[(int) ((c >>> 24) & 0xff)]
                    ^ t3[(int) ((c >>> 32) & 0xff)] ^ t2[(int) ((c >>> 40) & 0xff)] ^ t1[(int) ((c >>> 48) & 0xff)] ^ t0[(int) (c >>> 56)];
        }
        for (int end = end8 + (len & 7); off < end; off++) {
            c = t0[(int) ((c ^ b[off]) & 0xff)] ^ (c >>> 8);
        }
        crc = c;
    }

    /** The CRC of the bytes so far (final XOR applied). */
    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }

    /**
     * The CRC of the concatenation A B from {@code crcA} = CRC(A), {@code crcB} = CRC(B) and the length
     * of B (zlib's crc32_combine over GF(2) for this polynomial): parts checked one by one, in any
     * order, give the whole object's CRC without reading it again.
     */
    public static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        long[] even = new long[64];
        long[] odd = new long[64];
        odd[0] = POLY; // the operator for one zero bit
        long row = 1;
        for (int n = 1; n < 64; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crcA;
        long length = lengthB;
        do {
            square(even, odd); // the first square is one zero byte
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>>= 1;
        }
        while (length != 0);
        return crc ^ crcB;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < 64; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }

    /** The value as OSS prints it: unsigned decimal. */
    public static String toUnsignedString(long value) {
        return Long.toUnsignedString(value);
    }
}
