package io.lading.storage;

import java.time.Duration;

/**
 * How to reach a store: endpoint override, region, path-style addressing, and how long a read may
 * wait for a byte before it gives the connection up and resumes on a new one. Null fields are unset.
 * Credentials are not here: they come from the environment or the SDK's profile chain, so they can
 * never be printed with a location.
 */
public record StoreOptions(String endpoint, String region, Boolean pathStyle, Duration readTimeout) {
    public static final StoreOptions NONE = new StoreOptions(null, null, null, null);
    /** A stalled connection is given up after this long without a byte, not after minutes. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public StoreOptions {
        if (readTimeout != null && readTimeout.toMillis() < 1) { // a socket timeout of 0 would wait forever
            throw new IllegalArgumentException("readTimeout must be at least 1 ms: " + readTimeout);
        }
    }

    public StoreOptions(String endpoint, String region, Boolean pathStyle) {
        this(endpoint, region, pathStyle, null);
    }

    /** Fields set here win; unset ones come from {@code fallback} (e.g. URI options over flags). */
    public StoreOptions orElse(StoreOptions fallback) {
        return new StoreOptions(
                endpoint != null ? endpoint : fallback.endpoint,
                region != null ? region : fallback.region,
                pathStyle != null ? pathStyle : fallback.pathStyle,
                readTimeout != null ? readTimeout : fallback.readTimeout);
    }

    /** The socket read timeout the store's client uses: {@link #readTimeout()} or 30 s. */
    public Duration readTimeoutOrDefault() {
        return readTimeout != null ? readTimeout : DEFAULT_READ_TIMEOUT;
    }
}
