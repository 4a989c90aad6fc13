package io.lading.transfer;

import java.util.ArrayDeque;

/**
 * The heap a transfer may hold in part buffers, shared by every object and every part in flight:
 * a taker waits while the buffers alive (in use or kept for reuse) would exceed the budget. Buffers
 * of the standard part size are kept and reused (they are large: allocating one per part would
 * churn the heap); others are dropped when given back. One buffer larger than the whole budget is
 * allowed when no other is alive, so that a huge part size cannot wait forever.
 */
final class PartBuffers {
    /** With -Xmx512m (scripts/lading): half the heap for parts, the rest for the SDKs and the JVM. */
    static final long DEFAULT_BUDGET = 256L << 20;

    private final long budget;
    private final int standard;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private long alive;

    PartBuffers(long budget, long standardSize) {
        if (budget <= 0 || standardSize <= 0 || standardSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("budget " + budget + " and part size " + standardSize + " must be positive");
        }
        this.budget = budget;
        this.standard = (int) standardSize;
    }

    /** A buffer of at least {@code size} bytes (exactly the standard size when that is enough), waiting for room. */
    synchronized byte[] take(int size) throws InterruptedException {
        int length = size <= standard && size > standard / 2 ? standard : size;
        while (true) {
            if (length == standard && !free.isEmpty()) {
                return free.pop();
            }
            if (alive + length <= budget || alive == 0) {
                alive += length;
                return new byte[length];
            }
            if (!free.isEmpty()) {
                free.pop(); // a kept buffer makes room for one of another size
                alive -= standard;
                continue;
            }
            wait();
        }
    }

    synchronized void give(byte[] buffer) {
        if (buffer.length == standard) {
            free.push(buffer);
        }
        else {
            alive -= buffer.length;
        }
        notifyAll();
    }

    /** The most part buffers of the standard size that fit the budget: how many parts may be in flight. */
    int standardBuffers() {
        return (int) Math.max(1, budget / standard);
    }
}
