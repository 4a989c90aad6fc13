package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

/** The unload against an S3 server (in-process S3Proxy checking signatures): multipart writes, commit, manifest, abort. */
class UnloadS3Test extends AbstractUnloadStoreTest {
    private S3ProxyServer s3;

    @BeforeAll
    void start() {
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Override
    protected ObjectStore openStore() {
        return s3.openStore();
    }

    @Override
    protected Location location(String bucket, String key) {
        return S3ProxyServer.location(bucket, key);
    }

    @Override
    protected List<String> leftovers(Location folder) {
        return s3.pendingUploads(folder.bucket(), folder.key());
    }
}
