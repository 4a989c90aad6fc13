package io.lading.storage.testing;

import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.StoreCredentials;
import io.lading.storage.StoreOptions;

import java.util.List;

/**
 * Where a test keeps its buckets: an in-process S3 server ({@link S3ProxyServer}), an OSS server
 * ({@link OssProxyServer}) or a local folder standing in for one, so that one abstract test runs
 * against each.
 */
public interface TestStoreServer extends AutoCloseable {
    /** Creates a bucket (idempotent). */
    void createBucket(String bucket);

    /** {@code scheme://bucket/key} here, without options: pair it with {@link #openStore()}. */
    Location at(String bucket, String key);

    /** What reaches this server: endpoint, region, path style. */
    StoreOptions storeOptions();

    /** Credentials this server accepts. */
    StoreCredentials credentials();

    /** A new store on this server with its own credentials; the caller closes it. */
    default ObjectStore openStore() {
        return openStore(credentials());
    }

    /** A new store on this server with other credentials; the caller closes it. */
    default ObjectStore openStore(StoreCredentials credentials) {
        return ObjectStores.open(at("any", ""), storeOptions(), credentials);
    }

    /** A new store of this kind at another endpoint, with this server's credentials. */
    default ObjectStore openStoreAt(String endpoint) {
        return ObjectStores.open(at("any", ""), new StoreOptions(endpoint, null, storeOptions().pathStyle()), credentials());
    }

    /**
     * What unfinished writes left under {@code prefix} of {@code bucket} that no listing shows:
     * the keys of pending multipart uploads, or a folder's temporary files and emptied folders.
     */
    List<String> pendingUploads(String bucket, String prefix);

    @Override
    void close();
}
