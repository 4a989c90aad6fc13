package io.lading.storage.s3;

import io.lading.storage.AbstractObjectStoreContractTest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.StorageException;
import io.lading.storage.StoreCredentials;
import io.lading.storage.StoreOptions;
import io.lading.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on the S3 store against an in-process S3Proxy that checks signatures. */
final class S3ObjectStoreContractTest extends AbstractObjectStoreContractTest {
    private static S3ProxyServer server;
    private static ObjectStore store;
    private static S3Client raw;
    private static ObjectStore copyingInParts;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
        store = server.openStore();
        raw = S3ObjectStore.newClient(server.storeOptions(), server.credentials());
        copyingInParts = new S3ObjectStore(S3ObjectStore.newClient(server.storeOptions(), server.credentials()),
                "s3proxy", 6 << 20, 5 << 20);
    }

    @AfterAll
    static void stopServer() {
        raw.close();
        copyingInParts.close();
        store.close();
        server.close();
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected ObjectStore storeCopyingInParts() {
        return copyingInParts;
    }

    @Override
    protected Location createBucket(String name) {
        server.createBucket(name);
        return S3ProxyServer.location(name, "");
    }

    @Override
    protected List<String> leftovers(Location bucket) {
        return raw.listMultipartUploads(b -> b.bucket(bucket.bucket())).uploads().stream().map(MultipartUpload::key).toList();
    }

    /** Shows that {@link #leftovers} sees a pending upload, so the abort tests can fail. */
    @Test
    void leftoversSeeAPendingUpload() {
        Location bucket = newBucket();
        String id = raw.createMultipartUpload(b -> b.bucket(bucket.bucket()).key("pending")).uploadId();
        assertEquals(List.of("pending"), leftovers(bucket));
        raw.abortMultipartUpload(b -> b.bucket(bucket.bucket()).key("pending").uploadId(id));
        assertEquals(List.of(), leftovers(bucket));
    }

    @Test
    void wrongCredentialsNameTheLocationAndNoSecret() {
        Location bucket = newBucket();
        String secret = "wrong-secret-value-42";
        try (ObjectStore wrong = ObjectStores.open(bucket, server.storeOptions(), new StoreCredentials("wrong-access-key", secret))) {
            Location file = bucket.withKey("data/x.csv");
            for (Runnable call : List.<Runnable>of(() -> wrong.list(file, false), () -> wrong.stat(file),
                    () -> wrong.open(file, 0, -1))) {
                StorageException e = assertThrows(StorageException.class, call::run);
                assertEquals(StorageException.Reason.ACCESS_DENIED, e.reason(), e.getMessage());
                assertTrue(e.getMessage().startsWith("access denied to " + file + " ("), e.getMessage());
                assertFalse(e.getMessage().contains(secret), e.getMessage());
                assertFalse(e.getMessage().contains("wrong-access-key"), e.getMessage());
                assertFalse(e.retryable());
            }
        }
    }

    @Test
    void unreachableEndpointIsABadEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        StoreOptions options = new StoreOptions("http://127.0.0.1:" + port, null, true);
        Location file = Location.parse("s3://data/x.csv");
        try (ObjectStore unreachable = ObjectStores.open(file, options, server.credentials())) {
            StorageException e = assertThrows(StorageException.class, () -> unreachable.list(file, false));
            assertEquals(StorageException.Reason.BAD_ENDPOINT, e.reason(), e.getMessage());
            assertEquals("cannot reach the S3 endpoint http://127.0.0.1:" + port + " for s3://data/x.csv:"
                    + " connection refused; check --endpoint or ?endpoint= and that the server is running", e.getMessage());
        }
    }

    @Test
    void unknownHostIsABadEndpoint() {
        StoreOptions options = new StoreOptions("http://no-such-host.invalid:9000", null, true);
        Location file = Location.parse("s3://data/x.csv");
        try (ObjectStore unreachable = ObjectStores.open(file, options, server.credentials())) {
            StorageException e = assertThrows(StorageException.class, () -> unreachable.stat(file));
            assertEquals(StorageException.Reason.BAD_ENDPOINT, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("unknown host"), e.getMessage());
        }
    }

    @Test
    void smallObjectIsOnePutAndBigOneIsMultipart() throws IOException {
        Location bucket = newBucket();
        write(bucket.withKey("exactly-one-part"), bytes(5 << 20, 9));
        assertEquals(List.of(), leftovers(bucket));
        // a single PUT has a plain MD5 ETag; a multipart upload's ends with -<parts>
        assertFalse(store.stat(bucket.withKey("exactly-one-part")).orElseThrow().etag().contains("-"));
        write(bucket.withKey("two-parts"), bytes((5 << 20) + 1, 9));
        assertTrue(store.stat(bucket.withKey("two-parts")).orElseThrow().etag().endsWith("-2"),
                store.stat(bucket.withKey("two-parts")).orElseThrow().etag());
    }
}
