package io.lading.storage;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The files a run has made visible so far, and how a failure before its manifest undoes them: the
 * pending writes not yet published are discarded, the published ones deleted. One home for what an
 * unload and a rebalancing transfer undo alike; each words its own error from the {@link Rollback}.
 */
public final class Publication {
    /** A file written but maybe not yet visible. */
    public interface Pending {
        Location location();

        /** Removes what was written; never throws: a failure is returned, for the caller to attach. */
        RuntimeException discard();
    }

    /**
     * What {@link #rollback} did: {@code discarded} pending writes, {@code deleted} published files,
     * and the cleanup failures (empty: all of it worked).
     */
    public record Rollback(int discarded, int deleted, List<RuntimeException> failures) {
        public Rollback {
            failures = List.copyOf(failures);
        }
    }

    private final ObjectStore store;
    private final List<Location> published = new ArrayList<>();

    public Publication(ObjectStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** Records that {@code location} is now visible. */
    public void published(Location location) {
        published.add(requireNonNull(location, "location is null"));
    }

    /**
     * Discards every file of {@code files} not yet published and deletes those that were; never
     * throws for a cleanup failure: it is returned.
     */
    public Rollback rollback(List<? extends Pending> files) {
        List<RuntimeException> failures = new ArrayList<>();
        int discarded = 0;
        for (Pending file : files) {
            if (!published.contains(file.location())) {
                discarded++;
                RuntimeException e = file.discard();
                if (e != null) {
                    failures.add(e);
                }
            }
        }
        try {
            if (!published.isEmpty()) {
                store.delete(published);
            }
        }
        catch (RuntimeException e) {
            failures.add(e);
        }
        return new Rollback(discarded, published.size(), failures);
    }
}
