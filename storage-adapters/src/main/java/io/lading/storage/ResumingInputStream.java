package io.lading.storage;

import io.lading.storage.StorageException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * An object's bytes that survive a cut or stalled connection. When reading the body fails, or it
 * ends before the length the store announced, the rest is fetched by a new ranged GET from the
 * first byte not yet returned, on condition that the object still has the ETag of the first GET
 * (If-Match): the reader gets exactly the bytes of one version of the object or an error, never a
 * splice of two. A stall is a failure too: the store's client gives up a socket read after its read
 * timeout. Bounded: at most {@link #MAX_ATTEMPTS} GETs in a row without a byte of progress, with
 * exponential backoff between them, each retry logged once.
 */
public final class ResumingInputStream extends InputStream {
    public static final int MAX_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ResumingInputStream.class);

    /** One GET of an object, as a store's SDK makes it. */
    @FunctionalInterface
    public interface RangeGet {
        /**
         * The object's bytes from {@code from} up to {@code to} exclusive ({@code to < 0}: to the end),
         * only if its ETag is still {@code ifMatch} (null: whatever it is). A range that starts at or
         * after the end is {@link Body#empty()}. Failures are translated {@link StorageException}s; an
         * ETag that no longer matches is {@link Reason#CHANGED}.
         */
        Body get(long from, long to, String ifMatch);
    }

    /**
     * What a GET returned: the body, its length in bytes (negative when the store did not say), the
     * object's ETag as the store sent it (null when it sent none), and how to drop the connection
     * without reading the rest of the body.
     */
    public record Body(InputStream stream, long length, String etag, Closeable abort) {
        public Body {
            requireNonNull(stream, "stream is null");
            requireNonNull(abort, "abort is null");
        }

        /** No bytes: what a range that starts at or after the end gets. */
        public static Body empty() {
            return new Body(InputStream.nullInputStream(), 0, null, () -> { });
        }
    }

    private final Location location;
    private final RangeGet get;
    private final String etag;
    private final long end;
    private Body body;
    private long position;
    private int attempt = 1; // of the GET now being read, counted since the last byte of progress
    private final byte[] one = new byte[1];
    private volatile boolean closed;

    private ResumingInputStream(Location location, RangeGet get, Body first, long offset) {
        this.location = location;
        this.get = get;
        this.etag = first.etag();
        this.body = first;
        this.position = offset;
        this.end = offset + first.length();
    }

    /**
     * Reads {@code length} bytes of {@code location} from {@code offset} ({@code length < 0}: to the
     * end), resuming through {@code get}. The first GET's failure is thrown as it is. A body of
     * unknown length, or without an ETag, is returned as the store gave it: there is nothing to
     * resume against safely.
     */
    public static InputStream open(Location location, long offset, long length, RangeGet get) {
        requireNonNull(location, "location is null");
        requireNonNull(get, "get is null");
        Body first = get.get(offset, length < 0 ? -1 : offset + length, null);
        if (first.length() < 0 || first.etag() == null) {
            return first.stream();
        }
        return new ResumingInputStream(location, get, first, offset);
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (position < end) {
            IOException failure;
            try {
                int n = body.stream().read(b, off, (int) Math.min(len, end - position));
                if (n > 0) {
                    position += n;
                    attempt = 1;
                    return n;
                }
                failure = new IOException("the connection ended early");
            }
            catch (IOException e) {
                failure = e;
            }
            resume(failure);
        }
        return -1;
    }

    /** Replaces the failed body with a GET of the rest, or throws when that is not to be tried again. */
    private void resume(IOException failure) throws IOException {
        abortQuietly(body, failure);
        if (closed || Thread.currentThread().isInterrupted()) {
            throw failure;
        }
        Exception last = failure;
        while (true) {
            if (attempt >= MAX_ATTEMPTS) {
                throw new IOException("gave up at byte " + position + " of " + end + " after " + MAX_ATTEMPTS
                        + " attempts: " + describe(last), last);
            }
            attempt++;
            LOG.warn("retrying read of {} from byte {} of {} (attempt {} of {}) after {}", location, position, end, attempt,
                    MAX_ATTEMPTS, describe(last));
            pause(attempt);
            Body next;
            try {
                next = get.get(position, end, etag);
            }
            catch (StorageException e) {
                if (e.reason() == Reason.CHANGED) {
                    throw changed("the store refused the ETag " + etag + " it gave when the read began", e);
                }
                if (!e.retryable()) {
                    throw e;
                }
                last = e;
                continue;
            }
            if (!etag.equals(next.etag())) {
                StorageException e = changed("its ETag was " + etag + " and is now " + next.etag(), null);
                abortQuietly(next, e);
                throw e;
            }
            if (next.length() != end - position) {
                IOException e = new IOException("the store answered a read from byte " + position + " with "
                        + next.length() + " bytes, not the " + (end - position) + " left of " + end);
                abortQuietly(next, e);
                throw e;
            }
            body = next;
            return;
        }
    }

    private StorageException changed(String why, Throwable cause) {
        return new StorageException(Reason.CHANGED, false, "object " + location + " changed while being read (" + why
                + "); read it again", cause);
    }

    /** 200 ms before the first retry, doubling up to 10 s, as the SDKs' own backoff. */
    private static void pause(int attempt) throws InterruptedIOException {
        try {
            Thread.sleep(Math.min(10_000L, 200L << Math.min(attempt - 2, 10)));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to resume a read");
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Drops the connection without draining it; its own failure only joins {@code cause}. */
    private static void abortQuietly(Body failed, Exception cause) {
        try {
            failed.abort().close();
        }
        catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public int available() throws IOException {
        return closed ? 0 : (int) Math.min(body.stream().available(), end - position);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        body.stream().close();
    }
}
