package io.lading.storage.multipart;

/**
 * Part sizes by the rules S3 and OSS share: parts of equal size except the last, at least 5 MiB,
 * at most 10,000 parts. The part size grows with the largest object a write may produce.
 */
public final class PartSizing {
    public static final long MIN_PART_SIZE = 5L << 20;
    public static final long MAX_PART_SIZE = 5L << 30;
    public static final int MAX_PARTS = 10_000;
    /** The hint used when the caller gives none: 10,000 parts of the minimum size (about 48.8 GiB). */
    public static final long DEFAULT_MAX_SIZE = MIN_PART_SIZE * MAX_PARTS;

    private PartSizing() {
    }

    /** The smallest whole-MiB part size, at least 5 MiB, that fits {@code maxObjectSize} into 10,000 parts. */
    public static long partSize(long maxObjectSize) {
        if (maxObjectSize <= 0) {
            throw new IllegalArgumentException("maximum object size must be positive: " + maxObjectSize);
        }
        long perPart = (maxObjectSize + MAX_PARTS - 1) / MAX_PARTS;
        long mib = 1L << 20;
        long size = Math.max(MIN_PART_SIZE, (perPart + mib - 1) / mib * mib);
        if (size > MAX_PART_SIZE) {
            throw new IllegalArgumentException("maximum object size " + maxObjectSize
                    + " bytes needs parts over 5 GiB; the stores allow at most 10,000 parts of 5 GiB");
        }
        return size;
    }
}
