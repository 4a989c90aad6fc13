package io.lading.format.parquet;

import java.math.BigInteger;

import static io.lading.format.pgbinary.PgBinaryTuple.readShort;

/**
 * PostgreSQL's binary numeric ({@code numeric_send}): int16 ndigits, int16 weight, uint16 sign,
 * uint16 dscale, then ndigits base-10000 digits, most significant first; the value is
 * {@code sum(digit[i] * 10000^(weight - i))}.
 */
final class PgNumeric {
    static final int POSITIVE = 0x0000;
    static final int NEGATIVE = 0x4000;
    static final int NAN = 0xC000;
    static final int PINF = 0xD000;
    static final int NINF = 0xF000;

    private static final long[] POW10 = new long[19];
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10000);

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private PgNumeric() {
    }

    static int sign(byte[] b, int p) {
        return u16(b, p + 4);
    }

    /** The special value's name for a sign word, or null for a finite value. */
    static String special(int sign) {
        return switch (sign) {
            case NAN -> "NaN";
            case PINF -> "Infinity";
            case NINF -> "-Infinity";
            default -> null;
        };
    }

    /**
     * The unscaled value at {@code scale} as a long, or {@link Long#MIN_VALUE} when it does not fit
     * (the caller then uses {@link #unscaledBig}). Throws ArithmeticException when the value has
     * nonzero digits beyond {@code scale}.
     */
    static long unscaledLong(byte[] b, int p, int scale) {
        int ndigits = readShort(b, p);
        int weight = readShort(b, p + 2);
        int sign = u16(b, p + 4);
        long acc = 0;
        int q = p + 8;
        for (int i = 0; i < ndigits; i++, q += 2) {
            if (acc > (Long.MAX_VALUE - 9999) / 10000) {
                return Long.MIN_VALUE;
            }
            acc = acc * 10000 + u16(b, q);
        }
        int exp = 4 * (weight - ndigits + 1) + scale;
        if (ndigits == 0) {
            return 0;
        }
        if (exp >= 0) {
            if (exp >= POW10.length) {
                return Long.MIN_VALUE;
            }
            long f = POW10[exp];
            if (acc > Long.MAX_VALUE / f) {
                return Long.MIN_VALUE;
            }
            acc *= f;
        }
        else {
            if (-exp >= POW10.length) {
                return Long.MIN_VALUE;
            }
            long f = POW10[-exp];
            if (acc % f != 0) {
                throw new ArithmeticException("more fractional digits than scale " + scale);
            }
            acc /= f;
        }
        return sign == NEGATIVE ? -acc : acc;
    }

    static BigInteger unscaledBig(byte[] b, int p, int scale) {
        int ndigits = readShort(b, p);
        int weight = readShort(b, p + 2);
        int sign = u16(b, p + 4);
        BigInteger acc = BigInteger.ZERO;
        int q = p + 8;
        for (int i = 0; i < ndigits; i++, q += 2) {
            acc = acc.multiply(TEN_THOUSAND).add(BigInteger.valueOf(u16(b, q)));
        }
        if (ndigits == 0) {
            return BigInteger.ZERO;
        }
        int exp = 4 * (weight - ndigits + 1) + scale;
        if (exp >= 0) {
            acc = acc.multiply(BigInteger.TEN.pow(exp));
        }
        else {
            BigInteger[] qr = acc.divideAndRemainder(BigInteger.TEN.pow(-exp));
            if (qr[1].signum() != 0) {
                throw new ArithmeticException("more fractional digits than scale " + scale);
            }
            acc = qr[0];
        }
        return sign == NEGATIVE ? acc.negate() : acc;
    }

    /** The value as PostgreSQL would print it (for error messages). */
    static String toText(byte[] b, int p) {
        String special = special(sign(b, p));
        if (special != null) {
            return special;
        }
        int dscale = u16(b, p + 6);
        int exact = maxScale(b, p);
        return new java.math.BigDecimal(unscaledBig(b, p, exact), exact)
                .setScale(dscale, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static int maxScale(byte[] b, int p) {
        int ndigits = readShort(b, p);
        int weight = readShort(b, p + 2);
        return Math.max(0, 4 * (ndigits - weight - 1));
    }

    static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }
}
