package io.lading.storage.oss;

import io.lading.storage.AbstractResumingReadTest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.StoreOptions;
import io.lading.storage.testing.OssProxyServer;

import java.net.URI;
import java.time.Duration;

/** Faulty connections between the OSS store and the OSS test server. */
final class OssResumingReadTest extends AbstractResumingReadTest {
    private OssProxyServer oss;

    @Override
    protected URI startServer() {
        oss = OssProxyServer.start();
        oss.createBucket(BUCKET);
        return oss.endpoint();
    }

    @Override
    protected void stopServer() {
        oss.close();
    }

    @Override
    protected ObjectStore openStore(URI endpoint, Duration readTimeout) {
        return ObjectStores.open(location(""), new StoreOptions(endpoint.toString(), null, null, readTimeout), oss.credentials());
    }

    @Override
    protected Location location(String key) {
        return OssProxyServer.location(BUCKET, key);
    }
}
