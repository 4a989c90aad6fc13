package io.lading.storage.oss;

import io.lading.storage.AbstractObjectStoreContractTest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.StoreCredentials;
import io.lading.storage.StoreOptions;
import io.lading.storage.testing.OssProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The contract on the OSS store (Aliyun SDK) against S3Proxy behind the namespace-stripping proxy. */
final class OssObjectStoreContractTest extends AbstractObjectStoreContractTest {
    private static OssProxyServer server;
    private static ObjectStore store;

    @BeforeAll
    static void startServer() {
        server = OssProxyServer.start();
        store = server.openStore();
    }

    @AfterAll
    static void stopServer() {
        store.close();
        server.close();
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Override
    protected Location createBucket(String name) {
        server.createBucket(name);
        return OssProxyServer.location(name, "");
    }

    @Override
    protected List<String> leftovers(Location bucket) {
        return server.pendingUploads(bucket.bucket(), "");
    }

    /** The test server cannot check OSS signatures, so wrong credentials are not covered here. */
    @Override
    protected boolean supportsSignatures() {
        return false;
    }

    @Override
    protected boolean hasEndpoint() {
        return true;
    }

    @Override
    protected boolean usesMultipartUploads() {
        return true;
    }

    @Override
    protected ObjectStore openWith(StoreCredentials credentials) {
        return ObjectStores.open(OssProxyServer.location("any", ""), server.storeOptions(), credentials);
    }

    @Override
    protected ObjectStore openAt(String endpoint) {
        return ObjectStores.open(OssProxyServer.location("any", ""), new StoreOptions(endpoint, null, null), server.credentials());
    }

    @Test
    void ossNeedsAnEndpointOrRegion() {
        Location file = Location.parse("oss://data/x.csv");
        Exception e = assertThrows(io.lading.common.LadingException.class, () -> ObjectStores.open(file, StoreOptions.NONE, server.credentials()));
        assertEquals("an oss:// location needs an endpoint: --endpoint or ?endpoint= (e.g. https://oss-cn-hangzhou.aliyuncs.com),"
                + " or --region cn-hangzhou", e.getMessage());
    }
}
