package io.lading.storage;

import io.lading.storage.local.LocalObjectStore;
import io.lading.storage.oss.OssObjectStore;
import io.lading.storage.s3.S3ObjectStore;

import static java.util.Objects.requireNonNull;

/** Opens the store a location names. The caller closes it. */
public final class ObjectStores {
    private ObjectStores() {
    }

    /**
     * The store for {@code location}'s scheme. Options on the location ({@code ?endpoint=...}) win
     * over {@code flags} (the command line's {@code --endpoint}, {@code --region}, {@code --path-style}).
     * Credentials come from the environment: AWS_* and the AWS profile chain for s3://,
     * OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET / OSS_SESSION_TOKEN for oss://.
     */
    public static ObjectStore open(Location location, StoreOptions flags) {
        return open(location, flags, null);
    }

    /**
     * As {@link #open(Location, StoreOptions)} with explicit credentials (null: from the
     * environment). For embedding and tests; the command line never passes credentials.
     */
    public static ObjectStore open(Location location, StoreOptions flags, StoreCredentials credentials) {
        requireNonNull(location, "location is null");
        StoreOptions options = location.options().orElse(flags == null ? StoreOptions.NONE : flags);
        return switch (location.scheme()) {
            case FILE -> new LocalObjectStore();
            case S3 -> S3ObjectStore.open(options, credentials);
            case OSS -> OssObjectStore.open(options, credentials);
        };
    }
}
