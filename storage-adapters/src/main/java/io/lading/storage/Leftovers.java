package io.lading.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What killed runs left under a prefix: {@link ObjectStore#pendingWrites pending writes} started
 * (local: last written) longer than an age ago. A live write of another run is younger than any
 * sensible age, so removing the older ones never breaks a run that is still going; an age of zero
 * removes everything pending.
 */
public final class Leftovers {
    private Leftovers() {
    }

    /** The pending writes under {@code prefix} older than {@code olderThan}, oldest first. */
    public static List<PendingWrite> find(ObjectStore store, Location prefix, Duration olderThan) {
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan is negative: " + olderThan);
        }
        Instant cutoff = Instant.now().minus(olderThan);
        return store.pendingWrites(prefix).stream().filter(w -> !w.started().isAfter(cutoff)).toList();
    }

    /** Aborts each of {@code leftovers}; returns how many. */
    public static int remove(ObjectStore store, List<PendingWrite> leftovers) {
        for (PendingWrite write : leftovers) {
            store.abort(write);
        }
        return leftovers.size();
    }

    /** {@code 1 leftover of killed runs}, {@code 3 leftovers of killed runs}: how messages count them. */
    public static String count(int leftovers) {
        return leftovers + (leftovers == 1 ? " leftover" : " leftovers") + " of killed runs";
    }

    /** {@link #find} and {@link #remove}: how many leftovers were removed. */
    public static int clean(ObjectStore store, Location prefix, Duration olderThan) {
        return remove(store, find(store, prefix, olderThan));
    }
}
