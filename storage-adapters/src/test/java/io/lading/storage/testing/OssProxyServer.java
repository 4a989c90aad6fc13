package io.lading.storage.testing;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lading.storage.Location;
import io.lading.storage.StoreCredentials;
import io.lading.storage.StoreOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OSS-speaking test server: an S3Proxy without authentication (the Aliyun SDK cannot sign
 * against S3Proxy) behind a loopback HTTP proxy that removes S3's XML namespace
 * ({@code xmlns="http://s3.amazonaws.com/doc/2006-03-01/"}) from XML responses, which the Aliyun
 * SDK's parser rejects for list, multipart initiate and batch delete, and that renames OSS's
 * {@code x-oss-*} request headers (copy source, user metadata) to S3's {@code x-amz-*} and S3's
 * {@code x-amz-meta-*} response headers back. Requests and responses are
 * buffered whole: fine for tests, not a production proxy.
 *
 * <pre>{@code
 * try (OssProxyServer oss = OssProxyServer.start()) {
 *     oss.createBucket("data");
 *     try (ObjectStore store = oss.openStore()) { ... oss://data/... ... }
 * }
 * }</pre>
 *
 * Any credentials work; {@link #credentials()} gives dummy ones so that no environment is needed.
 */
public final class OssProxyServer implements TestStoreServer {
    private static final String S3_NAMESPACE = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
    private static final String OSS_HEADER = "x-oss-";
    private static final String S3_HEADER = "x-amz-";
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "date", "via", "from", "warning");

    private final S3ProxyServer s3;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client;
    private final URI endpoint;
    private OSS sdk;

    private OssProxyServer(S3ProxyServer s3) throws IOException {
        this.s3 = s3;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "oss-test-proxy");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public static OssProxyServer start() {
        S3ProxyServer s3 = S3ProxyServer.startWithoutAuthentication();
        try {
            return new OssProxyServer(s3);
        }
        catch (IOException e) {
            s3.close();
            throw new UncheckedIOException(e);
        }
    }

    /** The proxy's {@code http://127.0.0.1:<port>}: the OSS endpoint. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public StoreOptions storeOptions() {
        return new StoreOptions(endpoint.toString(), null, null);
    }

    /** Dummy credentials: the server does not check them. */
    @Override
    public StoreCredentials credentials() {
        return new StoreCredentials("oss-test-access", "oss-test-secret");
    }

    @Override
    public void createBucket(String bucket) {
        s3.createBucket(bucket);
    }

    /** The multipart uploads neither completed nor aborted, as the Aliyun SDK's listMultipartUploads sees them. */
    @Override
    public synchronized List<String> pendingUploads(String bucket, String prefix) {
        if (sdk == null) {
            sdk = new OSSClientBuilder().build(endpoint.toString(), credentials().accessKeyId(), credentials().secretAccessKey());
        }
        ListMultipartUploadsRequest request = new ListMultipartUploadsRequest(bucket);
        request.setPrefix(prefix);
        return sdk.listMultipartUploads(request).getMultipartUploads().stream().map(MultipartUpload::getKey).toList();
    }

    public static Location location(String bucket, String key) {
        return Location.parse("oss://" + bucket + "/" + key);
    }

    @Override
    public Location at(String bucket, String key) {
        return location(bucket, key);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI target = URI.create(s3.endpoint() + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (!NOT_FORWARDED.contains(name)) {
                    for (String value : header.getValue()) {
                        // OSS's x-oss-copy-source, x-oss-meta-*, x-oss-metadata-directive are S3's x-amz-*
                        request.header(name.startsWith(OSS_HEADER) ? S3_HEADER + name.substring(OSS_HEADER.length()) : header.getKey(), value);
                    }
                }
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            byte[] out = response.body();
            String contentType = response.headers().firstValue("content-type").orElse("");
            if (contentType.contains("xml") && out.length > 0) {
                out = new String(out, StandardCharsets.UTF_8).replace(S3_NAMESPACE, "").getBytes(StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (name.equals(":status") || name.equals("transfer-encoding") || name.equals("connection")
                        || (name.equals("content-length") && !exchange.getRequestMethod().equals("HEAD"))) {
                    continue;
                }
                exchange.getResponseHeaders().put(name.startsWith(S3_HEADER + "meta-")
                        ? OSS_HEADER + name.substring(S3_HEADER.length()) : header.getKey(), header.getValue());
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), head || out.length == 0 ? -1 : out.length);
            if (!head && out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (sdk != null) {
                sdk.shutdown();
            }
        }
        server.stop(0);
        threads.shutdownNow();
        s3.close();
    }
}
