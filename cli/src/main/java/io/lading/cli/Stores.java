package io.lading.cli;

import io.lading.common.LadingException;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.StoreOptions;
import io.lading.storage.local.LocalObjectStore;

/** Opens the store a location names; a location's own options win over the flags. */
final class Stores {
    private Stores() {
    }

    static ObjectStore open(Location location, StoreOptions flags) {
        if (location.scheme() == Location.Scheme.FILE) {
            return new LocalObjectStore();
        }
        throw new LadingException(location.scheme().prefix() + ":// stores are not in this build yet; use a file:/// location");
    }
}
