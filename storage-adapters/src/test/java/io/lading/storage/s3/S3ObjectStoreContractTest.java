package io.lading.storage.s3;

import io.lading.storage.AbstractObjectStoreContractTest;
import io.lading.storage.testing.S3ProxyServer;
import io.lading.storage.testing.TestStoreServer;

/** The contract on the S3 store against an in-process S3Proxy that checks signatures. */
final class S3ObjectStoreContractTest extends AbstractObjectStoreContractTest {
    @Override
    protected TestStoreServer startServer() {
        return S3ProxyServer.start();
    }
}
