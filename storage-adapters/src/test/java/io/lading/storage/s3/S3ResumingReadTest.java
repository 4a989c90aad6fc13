package io.lading.storage.s3;

import io.lading.storage.AbstractResumingReadTest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.ObjectWrite;
import io.lading.storage.ResumingInputStream;
import io.lading.storage.ResumingInputStream.Body;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;
import io.lading.storage.StoreOptions;
import io.lading.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Faulty connections between the S3 store and an in-process S3Proxy; and the rules of
 * {@link ResumingInputStream} that no well-behaved server shows, through a spy around the store's
 * real GET.
 */
final class S3ResumingReadTest extends AbstractResumingReadTest {
    private S3ProxyServer s3;

    @Override
    protected URI startServer() {
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        return s3.endpoint();
    }

    @Override
    protected void stopServer() {
        s3.close();
    }

    @Override
    protected ObjectStore openStore(URI endpoint, Duration readTimeout) {
        return ObjectStores.open(location(""), new StoreOptions(endpoint.toString(), S3ProxyServer.REGION, true, readTimeout),
                s3.credentials());
    }

    @Override
    protected Location location(String key) {
        return S3ProxyServer.location(BUCKET, key);
    }

    private static final int MIB = 1 << 20;

    /** A body that delivers {@code limit} bytes, then fails ({@code fail}) or ends early (bulk reads only). */
    private static final class Breaking extends FilterInputStream {
        private long left;
        private final boolean fail;

        Breaking(InputStream in, long limit, boolean fail) {
            super(in);
            this.left = limit;
            this.fail = fail;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                if (fail) {
                    throw new IOException("injected cut");
                }
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= n > 0 ? n : 0;
            return n;
        }
    }

    /** {@code object} (2 MiB) read through the S3 store's GET, each body changed by {@code first} or {@code resumed}. */
    private InputStream spied(Location object, byte[] data, UnaryOperator<Body> first, UnaryOperator<Body> resumed)
            throws IOException {
        try (ObjectWrite write = direct().create(object)) {
            write.output().write(data);
            write.commit();
        }
        S3ObjectStore store = (S3ObjectStore) direct();
        return ResumingInputStream.open(object, 0, -1, (from, to, ifMatch) -> {
            Body body = store.get(object, from, to, ifMatch);
            return ifMatch == null ? first.apply(body) : resumed.apply(body);
        });
    }

    private static Body breaking(Body body, long limit, boolean fail) {
        return new Body(new Breaking(body.stream(), limit, fail), body.length(), body.etag(), body.abort());
    }

    private static byte[] data() {
        byte[] data = new byte[2 * MIB];
        new Random(9).nextBytes(data);
        return data;
    }

    @Test
    void aBodyThatEndsEarlyWithoutAnErrorIsResumedToo() throws IOException {
        byte[] data = data();
        try (InputStream in = spied(location("spy/early-end.bin"), data, b -> breaking(b, MIB, false), b -> b)) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void aReadWithoutProgressGivesUpAfterFiveAttempts() throws IOException {
        try (InputStream in = spied(location("spy/no-progress.bin"), data(), b -> breaking(b, MIB, true), b -> breaking(b, 0, true))) {
            IOException e = assertThrows(IOException.class, in::readAllBytes);
            assertEquals("gave up at byte " + MIB + " of " + 2 * MIB + " after 5 attempts: injected cut", e.getMessage());
        }
    }

    @Test
    void aServerThatIgnoresIfMatchIsCaughtByTheETag() throws IOException {
        Location object = location("spy/ignores-if-match.bin");
        try (InputStream in = spied(object, data(), b -> breaking(b, MIB, true),
                b -> new Body(b.stream(), b.length(), "\"another\"", b.abort()))) {
            StorageException e = assertThrows(StorageException.class, in::readAllBytes);
            assertEquals(Reason.CHANGED, e.reason());
            assertEquals("object " + object + " changed while being read (its ETag was " + direct().stat(object).orElseThrow().etag()
                    .transform(t -> "\"" + t + "\"") + " and is now \"another\"); read it again", e.getMessage());
        }
    }

    @Test
    void aResumedBodyOfTheWrongLengthIsRefused() throws IOException {
        try (InputStream in = spied(location("spy/wrong-length.bin"), data(), b -> breaking(b, MIB, true),
                b -> new Body(b.stream(), b.length() + 1, b.etag(), b.abort()))) {
            IOException e = assertThrows(IOException.class, in::readAllBytes);
            assertEquals("the store answered a read from byte " + MIB + " with " + (MIB + 1) + " bytes, not the " + MIB
                    + " left of " + 2 * MIB, e.getMessage());
        }
    }
}
