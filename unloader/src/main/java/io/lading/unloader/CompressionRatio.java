package io.lading.unloader;

import java.util.concurrent.atomic.LongAdder;

/** Raw bytes the writers have compressed and what came out: the ratio the dealer plans file sizes with. */
final class CompressionRatio {
    private final LongAdder raw = new LongAdder();
    private final LongAdder compressed = new LongAdder();

    void add(long rawBytes, long compressedBytes) {
        raw.add(rawBytes);
        compressed.add(compressedBytes);
    }

    /** Compressed bytes per raw byte; 1 until both have been seen. */
    double value() {
        long r = raw.sum();
        long c = compressed.sum();
        return r > 0 && c > 0 ? (double) c / r : 1.0;
    }
}
