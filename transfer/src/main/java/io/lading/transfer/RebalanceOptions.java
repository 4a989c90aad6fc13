package io.lading.transfer;

import io.lading.format.TextOptions;

import static java.util.Objects.requireNonNull;

/**
 * How {@code lading transfer --segments S --files-per-segment K} re-chunks: into {@code segments x
 * filesPerSegment} gzip files, reading the input as {@code text} says (format, quote and escape decide
 * where a record ends; {@code header}: every input starts with a header line, which is dropped),
 * {@code parallel} inputs read at a time, records dealt in blocks of about {@code blockSize}
 * uncompressed bytes, gzip at {@code gzipLevel}; {@code overwrite} replaces what the destination holds
 * once the new files are committed.
 */
public record RebalanceOptions(int segments, int filesPerSegment, TextOptions text, int parallel, int blockSize, int gzipLevel,
        boolean overwrite) {
    /** Small enough that files come out within 64 KiB of each other, big enough that dealing costs nothing. */
    public static final int DEFAULT_BLOCK_SIZE = 64 * 1024;
    /** As many files as AnalyticDB/Greenplum clusters have segments times a few: a bound on open writes. */
    public static final int MAX_FILES = 10_000;

    public RebalanceOptions {
        requireNonNull(text, "text is null");
        if (segments < 1) {
            throw new IllegalArgumentException("--segments must be at least 1, not " + segments);
        }
        if (filesPerSegment < 1) {
            throw new IllegalArgumentException("--files-per-segment must be at least 1, not " + filesPerSegment);
        }
        if ((long) segments * filesPerSegment > MAX_FILES) {
            throw new IllegalArgumentException("--segments x --files-per-segment must be at most " + MAX_FILES + ", not "
                    + segments + " x " + filesPerSegment);
        }
        if (parallel < 1 || parallel > 256) {
            throw new IllegalArgumentException("parallel must be between 1 and 256: " + parallel);
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be positive: " + blockSize);
        }
        if (gzipLevel < 1 || gzipLevel > 9) {
            throw new IllegalArgumentException("--gzip-level must be between 1 and 9, not " + gzipLevel);
        }
    }

    /** N = S x K. */
    public int files() {
        return segments * filesPerSegment;
    }
}
