package io.lading.storage;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One stored object: where it is, its size in bytes, its ETag (null where the store has none) and
 * when it was last modified (null when unknown, e.g. in what {@link ObjectWrite#commit()} returns
 * for S3 and OSS).
 */
public record ObjectInfo(Location location, long size, String etag, Instant lastModified) {
    public ObjectInfo {
        requireNonNull(location, "location is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }

    public String key() {
        return location.key();
    }
}
