package io.lading.unloader;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Hands each chunk to the file of the current generation that has been dealt the fewest bytes,
 * so files differ by at most one chunk. Once every file of the generation has a chunk, all N
 * files move to the next generation together when the next chunk could take the largest one past
 * the file size limit: the estimate is the raw bytes dealt times the compression ratio the writers
 * see, so chunks still queued count too; a writer that actually reaches the limit forces the roll.
 * Readers deal from many threads; each deal is one step under the dealer's lock.
 */
final class Dealer {
    /** Takes a dealt chunk; may block (a bounded queue), holding up every reader meanwhile. */
    @FunctionalInterface
    interface Hand {
        void take(int generation, int file, Chunk chunk) throws InterruptedException;
    }

    private final int files;
    private final long maxFileSize;
    private final CompressionRatio ratio;
    private final Hand hand;
    private final long[] rawDealt;
    private int filled;
    private int generation;
    private volatile int rollRequested = -1;

    Dealer(int files, long maxFileSize, CompressionRatio ratio, Hand hand) {
        if (files < 1) {
            throw new IllegalArgumentException("files must be positive: " + files);
        }
        this.files = files;
        this.maxFileSize = maxFileSize;
        this.ratio = requireNonNull(ratio, "ratio is null");
        this.hand = requireNonNull(hand, "hand is null");
        this.rawDealt = new long[files];
    }

    synchronized int generation() {
        return generation;
    }

    /** A file of {@code generation} has reached the limit: roll at the next deal. */
    void requestRoll(int generation) {
        rollRequested = generation;
    }

    synchronized void deal(Chunk chunk) throws InterruptedException {
        if (filled == files && (rollRequested == generation || mayOverflow(chunk.length()))) {
            generation++;
            Arrays.fill(rawDealt, 0);
            filled = 0;
        }
        int file = 0;
        for (int i = 1; i < files; i++) {
            if (rawDealt[i] < rawDealt[file]) {
                file = i;
            }
        }
        if (rawDealt[file] == 0) {
            filled++;
        }
        rawDealt[file] += Math.max(1, chunk.length());
        hand.take(generation, file, chunk);
    }

    private boolean mayOverflow(int next) {
        long largest = 0;
        for (long r : rawDealt) {
            largest = Math.max(largest, r);
        }
        return (largest + next) * ratio.value() >= maxFileSize;
    }
}
