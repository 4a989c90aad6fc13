package io.lading.storage;

import io.lading.common.LadingException;

import static java.util.Objects.requireNonNull;

/**
 * Every failure of a store, translated once at the adapter boundary from the SDK's own exceptions.
 * The message names the location (never a credential); {@link #retryable()} says whether the
 * adapter's bounded retry may try the call again.
 */
public class StorageException extends LadingException {
    public enum Reason {
        NOT_FOUND,
        NO_SUCH_BUCKET,
        ACCESS_DENIED,
        BAD_ENDPOINT,
        ALREADY_EXISTS,
        /** A conditional read found another version of the object (its ETag no longer matches). */
        CHANGED,
        THROTTLED,
        SERVER_ERROR,
        IO,
        OTHER
    }

    private final Reason reason;
    private final boolean retryable;

    public StorageException(Reason reason, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.reason = requireNonNull(reason, "reason is null");
        this.retryable = retryable;
    }

    public StorageException(Reason reason, String message) {
        this(reason, false, message, null);
    }

    public Reason reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }
}
