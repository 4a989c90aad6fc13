package io.lading.common;

/**
 * An error the user can act on: bad input, a missing table or object, a refused credential.
 * The CLI prints {@link #getMessage()} as one line (no stack trace unless {@code --verbose}) and
 * exits 1. The message must name the object, table or option at fault and say what to do, and it
 * must never contain a secret.
 */
public class LadingException extends RuntimeException {
    public LadingException(String message) {
        super(message);
    }

    public LadingException(String message, Throwable cause) {
        super(message, cause);
    }
}
