package io.lading.unloader;

import io.lading.storage.testing.OssProxyServer;
import io.lading.storage.testing.TestStoreServer;

/** The unload through the native OSS client, against S3Proxy behind the OSS test proxy. */
class UnloadOssTest extends AbstractUnloadStoreTest {
    @Override
    protected TestStoreServer startServer() {
        return OssProxyServer.start();
    }
}
