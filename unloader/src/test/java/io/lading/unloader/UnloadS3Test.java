package io.lading.unloader;

import io.lading.storage.testing.S3ProxyServer;
import io.lading.storage.testing.TestStoreServer;

/** The unload against an S3 server (in-process S3Proxy checking signatures): multipart writes, commit, manifest, abort. */
class UnloadS3Test extends AbstractUnloadStoreTest {
    @Override
    protected TestStoreServer startServer() {
        return S3ProxyServer.start();
    }
}
