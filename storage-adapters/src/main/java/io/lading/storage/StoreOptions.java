package io.lading.storage;

/**
 * How to reach a store: endpoint override, region, path-style addressing. Null fields are unset.
 * Credentials are not here: they come from the environment or the SDK's profile chain, so they can
 * never be printed with a location.
 */
public record StoreOptions(String endpoint, String region, Boolean pathStyle) {
    public static final StoreOptions NONE = new StoreOptions(null, null, null);

    /** Fields set here win; unset ones come from {@code fallback} (e.g. URI options over flags). */
    public StoreOptions orElse(StoreOptions fallback) {
        return new StoreOptions(
                endpoint != null ? endpoint : fallback.endpoint,
                region != null ? region : fallback.region,
                pathStyle != null ? pathStyle : fallback.pathStyle);
    }
}
