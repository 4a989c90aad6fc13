package io.lading.unloader;

import io.lading.storage.testing.S3ProxyServer;
import io.lading.storage.testing.TestStoreServer;

/** A Redshift unload adopted on an S3 server (in-process S3Proxy): CopyObject, delete, manifest last. */
class RedshiftUnloadS3Test extends AbstractRedshiftUnloadTest {
    @Override
    protected TestStoreServer startServer() {
        return S3ProxyServer.start();
    }
}
