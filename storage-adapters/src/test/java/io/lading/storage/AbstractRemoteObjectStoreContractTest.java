package io.lading.storage;

import io.lading.storage.StorageException.Reason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract of a store reached through an endpoint (S3, OSS): a wrong endpoint is one clear error. */
public abstract class AbstractRemoteObjectStoreContractTest extends AbstractObjectStoreContractTest {
    @Test
    public void unreachableEndpointIsABadEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        Location file = newBucket().withKey("data/x.csv");
        try (ObjectStore unreachable = server().openStoreAt("http://127.0.0.1:" + port)) {
            StorageException e = assertThrows(StorageException.class, () -> unreachable.list(file, false));
            assertEquals(Reason.BAD_ENDPOINT, e.reason(), e.getMessage());
            assertEquals("cannot reach the " + file.scheme() + " endpoint http://127.0.0.1:" + port + " for " + file + ":"
                    + " connection refused; check --endpoint or ?endpoint= and that the server is running", e.getMessage());
        }
    }

    @Test
    public void unknownHostIsABadEndpoint() {
        Location file = newBucket().withKey("data/x.csv");
        try (ObjectStore unreachable = server().openStoreAt("http://no-such-host.invalid:9000")) {
            StorageException e = assertThrows(StorageException.class, () -> unreachable.stat(file));
            assertEquals(Reason.BAD_ENDPOINT, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("unknown host"), e.getMessage());
        }
    }
}
