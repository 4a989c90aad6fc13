package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An object a server wrote under a staging prefix and its final name: publishing is the store's
 * server-side copy ({@link ObjectStore#copy}), discarding deletes the staging object. The one move
 * of every server-side unload (writable external tables, Redshift's UNLOAD).
 */
final class StagedFile implements UnloadTransaction.PendingFile {
    private final ObjectStore store;
    private final Location staged;
    private final Location target;
    private final int generation;
    private final long rows;

    /** @param rows the file's record count, or -1 when only the total is known */
    StagedFile(ObjectStore store, Location staged, Location target, int generation, long rows) {
        this.store = requireNonNull(store, "store is null");
        this.staged = requireNonNull(staged, "staged is null");
        this.target = requireNonNull(target, "target is null");
        this.generation = generation;
        this.rows = rows;
    }

    Location staged() {
        return staged;
    }

    int generation() {
        return generation;
    }

    @Override
    public Location location() {
        return target;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public ObjectInfo publish() {
        return store.copy(staged, target, null);
    }

    @Override
    public RuntimeException discard() {
        try {
            store.delete(List.of(staged));
            return null;
        }
        catch (RuntimeException e) {
            return e;
        }
    }
}
