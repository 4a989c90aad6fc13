package io.lading.storage.s3;

import io.lading.storage.AbstractObjectStoreContractTest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.StoreCredentials;
import io.lading.storage.StoreOptions;
import io.lading.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

/** The contract on the S3 store against an in-process S3Proxy that checks signatures. */
final class S3ObjectStoreContractTest extends AbstractObjectStoreContractTest {
    private static S3ProxyServer server;
    private static ObjectStore store;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
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
        return S3ProxyServer.location(name, "");
    }

    @Override
    protected List<String> leftovers(Location bucket) {
        return server.pendingUploads(bucket.bucket(), "");
    }

    @Override
    protected boolean supportsSignatures() {
        return true;
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
        return ObjectStores.open(S3ProxyServer.location("any", ""), server.storeOptions(), credentials);
    }

    @Override
    protected ObjectStore openAt(String endpoint) {
        return ObjectStores.open(S3ProxyServer.location("any", ""), new StoreOptions(endpoint, null, true), server.credentials());
    }
}
