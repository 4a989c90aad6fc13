package io.lading.storage.s3;

import io.lading.storage.AbstractRemoteObjectStoreContractTest;
import io.lading.storage.ObjectStore;
import io.lading.storage.testing.S3ProxyServer;
import io.lading.storage.testing.TestStoreServer;
import org.junit.jupiter.api.AfterAll;

/** The contract on the S3 store against an in-process S3Proxy that checks signatures. */
final class S3ObjectStoreContractTest extends AbstractRemoteObjectStoreContractTest {
    private ObjectStore copyingInParts;

    @Override
    protected TestStoreServer startServer() {
        return S3ProxyServer.start();
    }

    @Override
    protected ObjectStore storeCopyingInParts() {
        if (copyingInParts == null) {
            copyingInParts = new S3ObjectStore(S3ObjectStore.newClient(server().storeOptions(), server().credentials()),
                    "s3proxy", 6 << 20, 5 << 20);
        }
        return copyingInParts;
    }

    @AfterAll
    void closeCopyingInParts() {
        if (copyingInParts != null) {
            copyingInParts.close();
        }
    }
}
