package io.lading.transfer;

import java.util.concurrent.atomic.LongAdder;

/** What a running transfer has done so far; workers add, a progress display reads. */
public final class TransferCounters {
    final LongAdder objects = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder records = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder serverSide = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder verified = new LongAdder();
    final LongAdder sizeOnly = new LongAdder();

    /** Objects finished (transferred, copied or found already there). */
    public long objects() {
        return objects.sum();
    }

    /** Bytes moved through this process (server-side copies and skipped objects count none). */
    public long bytes() {
        return bytes.sum();
    }

    /** Rows of the finished objects, as their manifest says (0 without one). */
    public long records() {
        return records.sum();
    }
}
