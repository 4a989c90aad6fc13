package io.lading.storage;

import static java.util.Objects.requireNonNull;

/**
 * Explicit credentials for embedding and tests ({@link ObjectStores#open(Location, StoreOptions, StoreCredentials)}).
 * The command line never takes credentials: it uses the environment or the SDK's profile chain.
 * {@link #toString()} masks everything but the first characters of the access key id.
 */
public record StoreCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    public StoreCredentials {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
    }

    public StoreCredentials(String accessKeyId, String secretAccessKey) {
        this(accessKeyId, secretAccessKey, null);
    }

    @Override
    public String toString() {
        String shown = accessKeyId.length() <= 4 ? "" : accessKeyId.substring(0, 4);
        return "StoreCredentials[accessKeyId=" + shown + "****, secretAccessKey=****"
                + (sessionToken == null ? "" : ", sessionToken=****") + "]";
    }
}
