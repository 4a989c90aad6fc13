package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Where the segments of a server-side unload write before Lading moves the objects to their final
 * names: {@code <parent>/.lading-staging-<run>/<folder>/} for the destination
 * {@code <parent>/<folder>/}. No selection of the destination matches it: not {@code dir=} of the
 * folder or of its parent (it is two levels below the parent), not {@code prefix=} of the folder
 * with or without its trailing '/' ({@code exports/orders} does not start
 * {@code exports/.lading-staging-...}); only a prefix of the parent ({@code exports/}), which
 * selects every folder beside it anyway. It stays under the parent, so credentials scoped to the
 * parent reach it. Objects are found by listing the staging prefix, recursively.
 */
record StagingArea(Location folder) {
    StagingArea {
        requireNonNull(folder, "folder is null");
    }

    static StagingArea forDestination(Location to, String runId) {
        String key = to.asFolder().key();
        String trimmed = key.substring(0, key.length() - 1);
        int slash = trimmed.lastIndexOf('/');
        String parent = trimmed.substring(0, slash + 1);
        String name = trimmed.substring(slash + 1);
        return new StagingArea(to.withKey(parent + ".lading-staging-" + runId + "/" + name + "/"));
    }

    /** The prefix the segments write under: the external table's location (every name starts with it). */
    Location prefix() {
        return folder;
    }

    /** What the segments wrote. */
    List<ObjectInfo> list(ObjectStore store) {
        return store.list(folder, false);
    }

    /** The name of {@code object} under the staging prefix. */
    String nameOf(ObjectInfo object) {
        return object.key().substring(folder.key().length());
    }

    /** Removes every staging object; a failure is returned, for the caller to attach or report. */
    RuntimeException removeAll(ObjectStore store) {
        try {
            List<Location> all = list(store).stream().map(ObjectInfo::location).toList();
            if (!all.isEmpty()) {
                store.delete(all);
            }
            return null;
        }
        catch (RuntimeException e) {
            return e;
        }
    }
}
