package io.lading.loader;

import io.lading.storage.ObjectInfo;

import static java.util.Objects.requireNonNull;

/** One object to load, with the row count its manifest promises ({@code -1}: no manifest count). */
public record LoadFile(ObjectInfo object, long expectedRecords) {
    public LoadFile {
        requireNonNull(object, "object is null");
    }

    public String uri() {
        return object.location().toString();
    }
}
