package io.lading.transfer;

import io.lading.storage.multipart.PartSizing;

/**
 * How a transfer runs: {@code parallel} objects at a time; {@code overwrite} replaces destination
 * objects whose content differs (without it they stop the transfer before anything is written);
 * {@code attempts} per object when a read, a write or a checksum fails; destination parts of at
 * least {@code minPartSize} bytes; objects of up to {@code singlePutLimit} bytes (at least one part)
 * streamed in one PUT, larger ones in parallel parts.
 */
public record TransferOptions(int parallel, boolean overwrite, int attempts, long minPartSize, long singlePutLimit) {
    public static final int DEFAULT_ATTEMPTS = 3;
    /**
     * Most objects in one PUT, big ones in few requests: 16 parts of 16 MiB fill the 256 MiB of part
     * buffers ({@link PartBuffers}), enough to keep 8 objects and the parts of large ones moving.
     */
    public static final long DEFAULT_MIN_PART_SIZE = 16L << 20;

    /**
     * One streamed PUT up to here: it holds no buffer, and a multipart upload costs more requests
     * (and, on servers that assemble the parts by copying, such as S3Proxy, a second write of the
     * object); parallel parts pay off above it. rclone's S3 cutoff is 200 MiB.
     */
    public static final long DEFAULT_SINGLE_PUT_LIMIT = 64L << 20;

    public TransferOptions(int parallel, boolean overwrite, int attempts) {
        this(parallel, overwrite, attempts, DEFAULT_MIN_PART_SIZE, DEFAULT_SINGLE_PUT_LIMIT);
    }

    /** Objects of more than one part of {@code minPartSize} are multipart uploads. */
    public TransferOptions(int parallel, boolean overwrite, int attempts, long minPartSize) {
        this(parallel, overwrite, attempts, minPartSize, minPartSize);
    }

    public TransferOptions {
        if (minPartSize < PartSizing.MIN_PART_SIZE || minPartSize > PartSizing.MAX_PART_SIZE) {
            throw new IllegalArgumentException("minPartSize out of range [5 MiB, 5 GiB]: " + minPartSize);
        }
        if (singlePutLimit < minPartSize || singlePutLimit > PartSizing.MAX_PART_SIZE) {
            throw new IllegalArgumentException("singlePutLimit out of range [minPartSize, 5 GiB]: " + singlePutLimit);
        }
        if (parallel < 1 || parallel > 256) {
            throw new IllegalArgumentException("parallel must be between 1 and 256: " + parallel);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }
}
