package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.testing.OssProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

/** The unload through the native OSS client, against S3Proxy behind the OSS test proxy. */
class UnloadOssTest extends AbstractUnloadStoreTest {
    private OssProxyServer oss;

    @BeforeAll
    void start() {
        oss = OssProxyServer.start();
        oss.createBucket(BUCKET);
    }

    @AfterAll
    void stop() {
        if (oss != null) {
            oss.close();
        }
    }

    @Override
    protected ObjectStore openStore() {
        return oss.openStore();
    }

    @Override
    protected Location location(String bucket, String key) {
        return OssProxyServer.location(bucket, key);
    }

    @Override
    protected List<String> leftovers(Location folder) {
        return oss.pendingUploads(folder.bucket(), folder.key());
    }
}
