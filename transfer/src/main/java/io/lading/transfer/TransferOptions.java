package io.lading.transfer;

/**
 * How a transfer runs: {@code parallel} objects at a time; {@code overwrite} replaces destination
 * objects whose content differs (without it they stop the transfer before anything is written);
 * {@code attempts} per object when a read, a write or a checksum fails.
 */
public record TransferOptions(int parallel, boolean overwrite, int attempts) {
    public static final int DEFAULT_ATTEMPTS = 3;

    public TransferOptions {
        if (parallel < 1 || parallel > 256) {
            throw new IllegalArgumentException("parallel must be between 1 and 256: " + parallel);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }
}
