package io.lading.loader;

import static java.util.Objects.requireNonNull;

/**
 * A row the database refused: the object it came from, its line in that (decompressed) object,
 * counting from 1 and including a header line, the raw record as read, and the server's message.
 */
public record Reject(String objectUri, long line, String rawLine, String message) {
    public Reject {
        requireNonNull(objectUri, "objectUri is null");
        requireNonNull(message, "message is null");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1: " + line);
        }
    }

    /** One line for an error message. */
    public String describe() {
        return objectUri + " line " + line + ": " + message;
    }
}
