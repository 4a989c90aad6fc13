package io.lading.storage.testing;

import io.lading.storage.Location;
import io.lading.storage.ObjectStores;
import io.lading.storage.StoreCredentials;
import io.lading.storage.StoreOptions;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.net.URI;
import java.util.List;
import java.util.Properties;

/**
 * An in-process S3 server for tests (S3Proxy 4.x, in-memory {@code transient} provider) on
 * 127.0.0.1 and a random port. Typical use:
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start()) {
 *     s3.createBucket("data");
 *     try (ObjectStore store = s3.openStore()) {
 *         Location where = S3ProxyServer.location("data", "unload/part-0.csv.gz");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * The server checks AWS signatures against {@link #ACCESS_KEY} / {@link #SECRET_KEY}; pass
 * {@link #credentials()} to {@link ObjectStores#open(Location, StoreOptions, StoreCredentials)}
 * (no environment variables needed). Code that takes store options from a command line can get
 * {@link #storeOptions()} or the {@code ?endpoint=...&path_style=true} query from
 * {@link #locationQuery()}; it then needs the credentials in the environment, which tests cannot
 * set, so prefer passing {@link #credentials()}.
 *
 * <p>Known limit: like any file-system-backed S3 server, a key and a "folder" of the same name
 * ({@code a/b} and {@code a/b/c}) cannot coexist in one bucket.
 */
public final class S3ProxyServer implements TestStoreServer {
    public static final String ACCESS_KEY = "lading-test-access";
    public static final String SECRET_KEY = "lading-test-secret-never-printed";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;
    private S3Client sdk;

    private S3ProxyServer(S3Proxy proxy, BlobStore blobStore) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts a server that requires AWS v2/v4 signatures with {@link #ACCESS_KEY} and {@link #SECRET_KEY}. */
    public static S3ProxyServer start() {
        return start(AuthenticationType.AWS_V2_OR_V4);
    }

    /** Starts a server that accepts any request unsigned (what the OSS SDK needs: it cannot sign against S3Proxy). */
    public static S3ProxyServer startWithoutAuthentication() {
        return start(AuthenticationType.NONE);
    }

    private static S3ProxyServer start(AuthenticationType authentication) {
        BlobStore blobStore = BlobStores.create("transient", new Properties());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(authentication, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
        return new S3ProxyServer(proxy, blobStore);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Endpoint, region {@code us-east-1} and path-style addressing: what {@code --endpoint ... --path-style} gives. */
    @Override
    public StoreOptions storeOptions() {
        return new StoreOptions(endpoint.toString(), REGION, true);
    }

    /** {@code endpoint=http://127.0.0.1:<port>&region=us-east-1&path_style=true}, to append to a location after '?'. */
    public String locationQuery() {
        return "endpoint=" + endpoint + "&region=" + REGION + "&path_style=true";
    }

    @Override
    public StoreCredentials credentials() {
        return new StoreCredentials(ACCESS_KEY, SECRET_KEY);
    }

    @Override
    public void createBucket(String bucket) {
        blobStore.createContainer(bucket);
    }

    /** The multipart uploads neither completed nor aborted, as the AWS SDK's ListMultipartUploads sees them. */
    @Override
    public synchronized List<String> pendingUploads(String bucket, String prefix) {
        if (sdk == null) {
            sdk = S3Client.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(REGION))
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .build();
        }
        return sdk.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).uploads().stream().map(MultipartUpload::key).toList();
    }

    @Override
    public Location at(String bucket, String key) {
        return location(bucket, key);
    }

    /** {@code s3://bucket/key} (without options: pair it with {@link #openStore()}). */
    public static Location location(String bucket, String key) {
        return Location.parse("s3://" + bucket + "/" + key);
    }

    @Override
    public void close() {
        try {
            synchronized (this) {
                if (sdk != null) {
                    sdk.close();
                }
            }
            proxy.stop();
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        }
        finally {
            blobStore.close();
        }
    }
}
