package io.lading.storage.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.MultipartUpload;
import io.lading.storage.AbstractObjectStoreContractTest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.StorageException;
import io.lading.storage.StoreOptions;
import io.lading.storage.testing.OssProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The contract on the OSS store (Aliyun SDK) against S3Proxy behind the namespace-stripping proxy.
 * Not covered here: wrong credentials, since the server cannot check OSS signatures.
 */
final class OssObjectStoreContractTest extends AbstractObjectStoreContractTest {
    private static OssProxyServer server;
    private static ObjectStore store;
    private static OSS raw;
    private static ObjectStore copyingInParts;

    @BeforeAll
    static void startServer() {
        server = OssProxyServer.start();
        store = server.openStore();
        raw = new OSSClientBuilder().build(server.endpoint().toString(), "any", "any");
        copyingInParts = OssObjectStore.open(server.storeOptions(), server.credentials(), 6 << 20, 5 << 20);
    }

    @AfterAll
    static void stopServer() {
        raw.shutdown();
        copyingInParts.close();
        store.close();
        server.close();
    }

    @Override
    protected ObjectStore store() {
        return store;
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
        return copyingInParts;
    }

    @Override
    protected Location createBucket(String name) {
        server.createBucket(name);
        return OssProxyServer.location(name, "");
    }

    @Override
    protected List<String> leftovers(Location bucket) {
        return raw.listMultipartUploads(new ListMultipartUploadsRequest(bucket.bucket())).getMultipartUploads()
                .stream().map(MultipartUpload::getKey).toList();
    }

    /** Shows that {@link #leftovers} sees a pending upload, so the abort tests can fail. */
    @Test
    void leftoversSeeAPendingUpload() {
        Location bucket = newBucket();
        String id = raw.initiateMultipartUpload(new com.aliyun.oss.model.InitiateMultipartUploadRequest(bucket.bucket(), "pending")).getUploadId();
        assertEquals(List.of("pending"), leftovers(bucket));
        raw.abortMultipartUpload(new com.aliyun.oss.model.AbortMultipartUploadRequest(bucket.bucket(), "pending", id));
        assertEquals(List.of(), leftovers(bucket));
    }

    @Test
    void unreachableEndpointIsABadEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Location file = Location.parse("oss://data/x.csv");
        try (ObjectStore unreachable = ObjectStores.open(file, new StoreOptions("http://127.0.0.1:" + port, null, null), server.credentials())) {
            StorageException e = assertThrows(StorageException.class, () -> unreachable.list(file, false));
            assertEquals(StorageException.Reason.BAD_ENDPOINT, e.reason(), e.getMessage());
            assertEquals("cannot reach the OSS endpoint http://127.0.0.1:" + port + " for oss://data/x.csv:"
                    + " connection refused; check --endpoint or ?endpoint= and that the server is running", e.getMessage());
        }
    }

    @Test
    void ossNeedsAnEndpointOrRegion() {
        Location file = Location.parse("oss://data/x.csv");
        Exception e = assertThrows(io.lading.common.LadingException.class, () -> ObjectStores.open(file, StoreOptions.NONE, server.credentials()));
        assertEquals("an oss:// location needs an endpoint: --endpoint or ?endpoint= (e.g. https://oss-cn-hangzhou.aliyuncs.com),"
                + " or --region cn-hangzhou", e.getMessage());
    }
}
