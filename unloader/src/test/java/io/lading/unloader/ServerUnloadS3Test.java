package io.lading.unloader;

import io.lading.storage.testing.S3ProxyServer;
import io.lading.storage.testing.TestStoreServer;

/** The server-side unload's moves on an S3 server (in-process S3Proxy): CopyObject, delete, manifest last. */
class ServerUnloadS3Test extends AbstractServerUnloadTest {
    @Override
    protected TestStoreServer startServer() {
        return S3ProxyServer.start();
    }
}
