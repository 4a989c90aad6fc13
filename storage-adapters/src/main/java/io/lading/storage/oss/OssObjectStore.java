package io.lading.storage.oss;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.CopyObjectResult;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.UploadPartCopyRequest;
import io.lading.common.LadingException;
import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.PartUploads;
import io.lading.storage.PendingWrite;
import io.lading.storage.ResumingInputStream;
import io.lading.storage.ResumingInputStream.Body;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;
import io.lading.storage.StoreCredentials;
import io.lading.storage.StoreOptions;
import io.lading.storage.multipart.MultipartObjectWrite;
import io.lading.storage.multipart.RemoteStores;
import io.lading.storage.multipart.PartSizing;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Alibaba Cloud OSS through the Aliyun OSS SDK. Retries are the SDK's, bounded by
 * {@code maxErrorRetry} and classified and logged by {@link LoggingRetryStrategy}. A read cut or
 * stalled mid-object (no byte for the read timeout) resumes in {@link ResumingInputStream}.
 */
public final class OssObjectStore implements ObjectStore {
    static final int MAX_RETRIES = 4;
    /** OSS recommends UploadPartCopy above 1 GiB (CopyObject's own limit). */
    static final long COPY_OBJECT_LIMIT = 1L << 30;
    static final long COPY_PART_SIZE = 256L << 20;

    private final OSS client;
    private final String endpoint;
    private final long copyObjectLimit;
    private final long copyPartSize;

    OssObjectStore(OSS client, String endpoint) {
        this(client, endpoint, COPY_OBJECT_LIMIT, COPY_PART_SIZE);
    }

    /** With smaller copy limits, so that tests reach UploadPartCopy without 1 GiB objects. */
    OssObjectStore(OSS client, String endpoint, long copyObjectLimit, long copyPartSize) {
        this.client = requireNonNull(client, "client is null");
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.copyObjectLimit = copyObjectLimit;
        this.copyPartSize = copyPartSize;
    }

    /**
     * A store for the options. The endpoint is {@code --endpoint}/{@code ?endpoint=}, or
     * {@code https://oss-<region>.aliyuncs.com} from the region. {@code credentials} null means
     * OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET / OSS_SESSION_TOKEN from the environment, else the Java
     * system properties oss.accessKeyId / oss.accessKeySecret / oss.sessionToken.
     */
    public static OssObjectStore open(StoreOptions options, StoreCredentials credentials) {
        return open(options, credentials, COPY_OBJECT_LIMIT, COPY_PART_SIZE);
    }

    static OssObjectStore open(StoreOptions options, StoreCredentials credentials, long copyObjectLimit, long copyPartSize) {
        requireNonNull(options, "options is null");
        String endpoint = endpoint(options);
        if (credentials == null) {
            String id = setting("OSS_ACCESS_KEY_ID", "oss.accessKeyId");
            String secret = setting("OSS_ACCESS_KEY_SECRET", "oss.accessKeySecret");
            if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
                throw new StorageException(Reason.ACCESS_DENIED, "no OSS credentials for " + endpoint
                        + ": set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (and OSS_SESSION_TOKEN for STS tokens)");
            }
            String token = setting("OSS_SESSION_TOKEN", "oss.sessionToken");
            credentials = new StoreCredentials(id, secret, token == null || token.isBlank() ? null : token);
        }
        ClientBuilderConfiguration config = new ClientBuilderConfiguration();
        config.setMaxErrorRetry(MAX_RETRIES);
        config.setRetryStrategy(new LoggingRetryStrategy(MAX_RETRIES));
        config.setConnectionTimeout(10_000);
        config.setSocketTimeout((int) Math.min(Integer.MAX_VALUE, options.readTimeoutOrDefault().toMillis()));
        config.setMaxConnections(128);
        config.setSLDEnabled(Boolean.TRUE.equals(options.pathStyle()));
        OSS client = new OSSClientBuilder().build(endpoint,
                new DefaultCredentialProvider(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()),
                config);
        return new OssObjectStore(client, endpoint, copyObjectLimit, copyPartSize);
    }

    /** The environment variable, else the Java system property (as the AWS SDK reads {@code aws.accessKeyId}). */
    private static String setting(String variable, String property) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? System.getProperty(property) : value;
    }

    private static String endpoint(StoreOptions options) {
        String endpoint = options.endpoint();
        if (endpoint == null || endpoint.isBlank()) {
            String region = options.region();
            if (region == null || region.isBlank()) {
                throw new LadingException("an oss:// location needs an endpoint: --endpoint or ?endpoint="
                        + " (e.g. https://oss-cn-hangzhou.aliyuncs.com), or --region cn-hangzhou");
            }
            return "https://" + (region.startsWith("oss-") ? region : "oss-" + region) + ".aliyuncs.com";
        }
        String text = endpoint.contains("://") ? endpoint : "https://" + endpoint;
        try {
            URI uri = URI.create(text);
            if (uri.getHost() == null || uri.getUserInfo() != null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
        }
        catch (IllegalArgumentException e) {
            throw new LadingException("invalid endpoint '" + endpoint.replaceAll("(://)[^/@?]*@", "$1****@")
                    + "': expected http(s)://host[:port]");
        }
        return text;
    }

    StorageException translate(Location location, RuntimeException e) {
        return OssExceptions.translate(location, endpoint, e);
    }

    @Override
    public List<ObjectInfo> list(Location prefix, boolean delimited) {
        List<ObjectInfo> result = new ArrayList<>();
        String token = null;
        try {
            do {
                ListObjectsV2Request request = new ListObjectsV2Request(prefix.bucket())
                        .withPrefix(prefix.key())
                        .withMaxKeys(1000)
                        .withContinuationToken(token);
                if (delimited) {
                    request.setDelimiter("/");
                }
                ListObjectsV2Result page = client.listObjectsV2(request);
                for (OSSObjectSummary object : page.getObjectSummaries()) {
                    if (!object.getKey().endsWith("/")) {
                        result.add(new ObjectInfo(prefix.withKey(object.getKey()), object.getSize(),
                                RemoteStores.unquote(object.getETag()), object.getLastModified() == null ? null : object.getLastModified().toInstant()));
                    }
                }
                token = page.isTruncated() ? page.getNextContinuationToken() : null;
            }
            while (token != null);
        }
        catch (RuntimeException e) {
            throw translate(prefix, e);
        }
        result.sort(Comparator.comparing(ObjectInfo::key));
        return result;
    }

    @Override
    public Optional<ObjectInfo> stat(Location location) {
        return details(location).map(ObjectDetails::info);
    }

    @Override
    public Optional<ObjectDetails> details(Location location) {
        if (location.isFolder()) {
            requireBucket(location);
            return Optional.empty();
        }
        try {
            ObjectMetadata meta = client.getObjectMetadata(location.bucket(), location.key());
            ObjectInfo info = new ObjectInfo(location, meta.getContentLength(), RemoteStores.unquote(meta.getETag()),
                    meta.getLastModified() == null ? null : meta.getLastModified().toInstant());
            return Optional.of(new ObjectDetails(info, meta.getUserMetadata(), meta.getServerCRC()));
        }
        catch (RuntimeException e) {
            StorageException failure = translate(location, e);
            if (failure.reason() == Reason.NOT_FOUND) {
                requireBucket(location); // HEAD has no body to say whether the key or the bucket is missing
                return Optional.empty();
            }
            throw failure;
        }
    }

    private void requireBucket(Location location) {
        boolean exists;
        try {
            exists = client.doesBucketExist(location.bucket());
        }
        catch (RuntimeException e) {
            throw translate(location, e);
        }
        if (!exists) {
            throw new StorageException(Reason.NO_SUCH_BUCKET, false,
                    "bucket '" + location.bucket() + "' does not exist (location " + location + ", endpoint " + endpoint + ")", null);
        }
    }

    @Override
    public InputStream open(Location location, long offset, long length) {
        return RemoteStores.open(this, location, offset, length, (from, to, ifMatch) -> get(location, from, to, ifMatch));
    }

    /** One GET, for {@link ResumingInputStream}. */
    Body get(Location location, long from, long to, String ifMatch) {
        GetObjectRequest request = new GetObjectRequest(location.bucket(), location.key());
        if (from > 0 || to >= 0) {
            request.setRange(from, to < 0 ? -1 : to - 1);
        }
        if (ifMatch != null) {
            request.setMatchingETagConstraints(List.of(ifMatch));
        }
        try {
            OSSObject object = client.getObject(request);
            ObjectMetadata meta = object.getObjectMetadata();
            return new Body(object.getObjectContent(), meta.getContentLength(), meta.getETag(), object::forcedClose);
        }
        catch (OSSException e) {
            if ("InvalidRange".equals(e.getErrorCode())) {
                return Body.empty(); // the range starts at or after the end: the object exists
            }
            throw translate(location, e);
        }
        catch (RuntimeException e) {
            throw translate(location, e);
        }
    }

    @Override
    public ObjectWrite create(Location location) {
        return create(location, PartSizing.DEFAULT_MAX_SIZE);
    }

    @Override
    public ObjectWrite create(Location location, long maxSizeHint) {
        return MultipartObjectWrite.of(location, new OssUpload(this, client, location), maxSizeHint);
    }

    @Override
    public ObjectInfo copy(Location source, Location target, Map<String, String> metadata) {
        return RemoteStores.copy(this, source, target, metadata, copyObjectLimit, this::copyObject, this::copyInParts);
    }

    private ObjectInfo copyObject(Location source, Location target, long size, Map<String, String> replace) {
        CopyObjectRequest request = new CopyObjectRequest(source.bucket(), source.key(), target.bucket(), target.key());
        if (replace != null) {
            request.setNewObjectMetadata(userMetadata(replace));
        }
        try {
            CopyObjectResult result = client.copyObject(request);
            return new ObjectInfo(target, size, RemoteStores.unquote(result.getETag()),
                    result.getLastModified() == null ? null : result.getLastModified().toInstant());
        }
        catch (RuntimeException e) {
            throw translate(target, e);
        }
    }

    private static ObjectMetadata userMetadata(Map<String, String> metadata) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setUserMetadata(metadata);
        return meta;
    }

    /** A multipart upload of UploadPartCopy parts; aborted when any part fails. */
    private ObjectInfo copyInParts(Location source, Location target, long size, Map<String, String> metadata) {
        String uploadId;
        try {
            uploadId = client.initiateMultipartUpload(new InitiateMultipartUploadRequest(target.bucket(), target.key(),
                    userMetadata(metadata))).getUploadId();
        }
        catch (RuntimeException e) {
            throw translate(target, e);
        }
        long partSize = Math.max(copyPartSize, PartSizing.partSize(size));
        String etag = RemoteStores.copyInParts(new OssUpload(this, client, target), uploadId, size, partSize, (id, partNumber, offset, length) -> {
            try {
                return client.uploadPartCopy(new UploadPartCopyRequest(source.bucket(), source.key(), target.bucket(), target.key(),
                        id, partNumber, offset, length)).getETag();
            }
            catch (RuntimeException e) {
                throw translate(target, e);
            }
        });
        return new ObjectInfo(target, size, etag, null);
    }

    @Override
    public Optional<PartUploads> partUploads() {
        return Optional.of(new OssPartUploads(this, client));
    }

    @Override
    public List<PendingWrite> pendingWrites(Location prefix) {
        List<PendingWrite> result = new ArrayList<>();
        try {
            for (MultipartUpload upload : multipartUploads(prefix)) {
                if (PendingWrite.isRunFile(upload.getKey())) {
                    result.add(new PendingWrite(prefix.withKey(upload.getKey()), upload.getUploadId(), upload.getInitiated().toInstant()));
                }
            }
        }
        catch (RuntimeException e) {
            throw translate(prefix, e);
        }
        result.sort(Comparator.comparing(PendingWrite::started));
        return result;
    }

    /**
     * Every open multipart upload whose key starts with {@code prefix}'s key, all pages; an SDK
     * failure is thrown as it is, for the caller to translate against the location it names.
     */
    List<MultipartUpload> multipartUploads(Location prefix) {
        List<MultipartUpload> uploads = new ArrayList<>();
        ListMultipartUploadsRequest request = new ListMultipartUploadsRequest(prefix.bucket());
        request.setPrefix(prefix.key());
        request.setMaxUploads(1000);
        MultipartUploadListing page;
        do {
            page = client.listMultipartUploads(request);
            uploads.addAll(page.getMultipartUploads());
            request.setKeyMarker(page.getNextKeyMarker());
            request.setUploadIdMarker(page.getNextUploadIdMarker());
        }
        while (page.isTruncated());
        return uploads;
    }

    @Override
    public void abort(PendingWrite write) {
        new OssUpload(this, client, write.location()).abort(write.id());
    }

    @Override
    public void delete(Collection<Location> locations) {
        for (List<Location> batch : RemoteStores.deleteBatches(locations)) {
            String bucket = batch.get(0).bucket();
            DeleteObjectsRequest request = new DeleteObjectsRequest(bucket)
                    .withKeys(batch.stream().map(Location::key).toList());
            request.setQuiet(true);
            try {
                DeleteObjectsResult ignored = client.deleteObjects(request);
            }
            catch (RuntimeException e) {
                throw translate(batch.get(0), e);
            }
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }

}
