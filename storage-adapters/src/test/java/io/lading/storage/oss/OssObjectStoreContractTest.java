package io.lading.storage.oss;

import io.lading.storage.AbstractRemoteObjectStoreContractTest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.StoreCredentials;
import io.lading.storage.StoreOptions;
import io.lading.storage.testing.OssProxyServer;
import io.lading.storage.testing.TestStoreServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The contract on the OSS store (Aliyun SDK) against S3Proxy behind the namespace-stripping proxy. */
final class OssObjectStoreContractTest extends AbstractRemoteObjectStoreContractTest {
    private ObjectStore copyingInParts;

    @Override
    protected TestStoreServer startServer() {
        return OssProxyServer.start();
    }

    /**
     * The test server cannot show it: its JDK HTTP server sends {@code X-oss-meta-...} and the Aliyun
     * SDK matches {@code x-oss-meta-} case-sensitively. Real OSS sends lower case.
     */
    @Override
    protected boolean returnsUserMetadata() {
        return false;
    }

    @Override
    protected ObjectStore storeCopyingInParts() {
        if (copyingInParts == null) {
            copyingInParts = OssObjectStore.open(server().storeOptions(), server().credentials(), 6 << 20, 5 << 20);
        }
        return copyingInParts;
    }

    @AfterAll
    void closeCopyingInParts() {
        if (copyingInParts != null) {
            copyingInParts.close();
        }
    }

    /** The test server cannot check OSS signatures. */
    @Override
    protected boolean supportsSignatures() {
        return false;
    }

    @Test
    void ossNeedsAnEndpointOrRegion() {
        Location file = Location.parse("oss://data/x.csv");
        Exception e = assertThrows(io.lading.common.LadingException.class, () -> ObjectStores.open(file, StoreOptions.NONE, new StoreCredentials("any", "any")));
        assertEquals("an oss:// location needs an endpoint: --endpoint or ?endpoint= (e.g. https://oss-cn-hangzhou.aliyuncs.com),"
                + " or --region cn-hangzhou", e.getMessage());
    }
}
