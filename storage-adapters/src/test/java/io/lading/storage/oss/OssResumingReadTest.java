package io.lading.storage.oss;

import io.lading.storage.AbstractResumingReadTest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.StoreOptions;
import io.lading.storage.testing.OssProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.time.Duration;

/** Faulty connections between the OSS store and the OSS test server. */
final class OssResumingReadTest extends AbstractResumingReadTest {
    private static OssProxyServer server;
    private static ObjectStore direct;

    @BeforeAll
    static void startServer() {
        server = OssProxyServer.start();
        server.createBucket("resume");
        direct = server.openStore();
    }

    @AfterAll
    static void stopServer() {
        direct.close();
        server.close();
    }

    @Override
    protected URI server() {
        return server.endpoint();
    }

    @Override
    protected ObjectStore openStore(URI endpoint, Duration readTimeout) {
        return ObjectStores.open(location(""), new StoreOptions(endpoint.toString(), null, null, readTimeout), server.credentials());
    }

    @Override
    protected ObjectStore direct() {
        return direct;
    }

    @Override
    protected Location location(String key) {
        return OssProxyServer.location("resume", key);
    }
}
