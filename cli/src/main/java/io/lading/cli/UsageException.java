package io.lading.cli;

/** A command line that parses but does not make sense (options that exclude each other, ...): exit 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
