package io.lading.storage.s3;

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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Amazon S3 and S3-compatible servers through the AWS SDK v2 sync client. Retries (throttling,
 * 5xx, connection resets) are the SDK's standard strategy with bounded attempts and exponential
 * backoff, logged by {@link RetryLogging}; nothing here loops. A read cut or stalled mid-object
 * (no byte for the read timeout) resumes in {@link ResumingInputStream}.
 */
public final class S3ObjectStore implements ObjectStore {
    static final int MAX_ATTEMPTS = 5;
    /** The largest object one CopyObject may copy. */
    static final long COPY_OBJECT_LIMIT = 5L << 30;
    /** UploadPartCopy parts: few requests, far below S3's 5 GiB limit. */
    static final long COPY_PART_SIZE = 512L << 20;
    private static final String DEFAULT_REGION = "us-east-1";

    private final S3Client client;
    private final String endpoint;
    private final long copyObjectLimit;
    private final long copyPartSize;

    /** {@code endpoint} only names the store in messages. */
    S3ObjectStore(S3Client client, String endpoint) {
        this(client, endpoint, COPY_OBJECT_LIMIT, COPY_PART_SIZE);
    }

    /** With smaller copy limits, so that tests reach UploadPartCopy without 5 GiB objects. */
    S3ObjectStore(S3Client client, String endpoint, long copyObjectLimit, long copyPartSize) {
        this.client = requireNonNull(client, "client is null");
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.copyObjectLimit = copyObjectLimit;
        this.copyPartSize = copyPartSize;
    }

    /**
     * A store for the options; {@code credentials} null means the SDK's default chain
     * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, profiles, instance roles).
     */
    public static S3ObjectStore open(StoreOptions options, StoreCredentials credentials) {
        return new S3ObjectStore(newClient(options, credentials), describeEndpoint(options));
    }

    static S3Client newClient(StoreOptions options, StoreCredentials credentials) {
        requireNonNull(options, "options is null");
        AwsCredentialsProvider provider;
        if (credentials == null) {
            provider = DefaultCredentialsProvider.builder().build();
        }
        else if (credentials.sessionToken() != null) {
            provider = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
        }
        else {
            provider = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    credentials.accessKeyId(), credentials.secretAccessKey()));
        }
        var builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(128)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(options.readTimeoutOrDefault()))
                .region(Region.of(options.region() == null || options.region().isBlank() ? DEFAULT_REGION : options.region()))
                .forcePathStyle(Boolean.TRUE.equals(options.pathStyle()))
                .credentialsProvider(provider)
                .putAuthScheme(new UnsignedPayloadOverHttp())
                // S3-compatible servers do not all speak the SDK's newer default checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS)
                                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(10)))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(20)))
                                .build())
                        .addExecutionInterceptor(new RetryLogging(MAX_ATTEMPTS)));
        if (options.endpoint() != null && !options.endpoint().isBlank()) {
            builder.endpointOverride(endpointUri(options.endpoint()));
        }
        return builder.build();
    }

    static URI endpointUri(String endpoint) {
        String text = endpoint.contains("://") ? endpoint : "https://" + endpoint;
        try {
            URI uri = URI.create(text);
            if (uri.getHost() == null || uri.getUserInfo() != null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        }
        catch (IllegalArgumentException e) {
            throw new LadingException("invalid endpoint '" + redact(endpoint) + "': expected http(s)://host[:port]");
        }
    }

    private static String describeEndpoint(StoreOptions options) {
        if (options.endpoint() == null || options.endpoint().isBlank()) {
            return "AWS S3 (" + (options.region() == null ? DEFAULT_REGION : options.region()) + ")";
        }
        return redact(options.endpoint());
    }

    private static String redact(String endpoint) {
        return endpoint.replaceAll("(://)[^/@?]*@", "$1****@");
    }

    StorageException translate(Location location, SdkException e) {
        return S3Exceptions.translate(location, endpoint, e);
    }

    @Override
    public List<ObjectInfo> list(Location prefix, boolean delimited) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(prefix.bucket()).prefix(prefix.key());
        if (delimited) {
            request.delimiter("/");
        }
        List<ObjectInfo> result = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(request.build()).contents()) {
                if (!object.key().endsWith("/")) {
                    result.add(new ObjectInfo(prefix.withKey(object.key()), object.size(), RemoteStores.unquote(object.eTag()), object.lastModified()));
                }
            }
        }
        catch (SdkException e) {
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
            HeadObjectResponse head = client.headObject(b -> b.bucket(location.bucket()).key(location.key()));
            ObjectInfo info = new ObjectInfo(location, head.contentLength(), RemoteStores.unquote(head.eTag()), head.lastModified());
            return Optional.of(new ObjectDetails(info, head.metadata(), null));
        }
        catch (SdkException e) {
            StorageException failure = translate(location, e);
            if (failure.reason() == Reason.NOT_FOUND) {
                // HEAD has no body to say whether the key or the bucket is missing
                requireBucket(location);
                return Optional.empty();
            }
            throw failure;
        }
    }

    private void requireBucket(Location location) {
        try {
            client.headBucket(b -> b.bucket(location.bucket()));
        }
        catch (NoSuchBucketException e) {
            throw translate(location, e);
        }
        catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                throw translate(location, NoSuchBucketException.builder().message("NoSuchBucket").statusCode(404).cause(e).build());
            }
            throw translate(location, e);
        }
        catch (SdkException e) {
            throw translate(location, e);
        }
    }

    @Override
    public InputStream open(Location location, long offset, long length) {
        return RemoteStores.open(this, location, offset, length, (from, to, ifMatch) -> get(location, from, to, ifMatch));
    }

    /** One GET, for {@link ResumingInputStream}. */
    Body get(Location location, long from, long to, String ifMatch) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(location.bucket()).key(location.key()).ifMatch(ifMatch);
        if (from > 0 || to >= 0) {
            request.range("bytes=" + from + "-" + (to < 0 ? "" : String.valueOf(to - 1)));
        }
        try {
            ResponseInputStream<GetObjectResponse> body = client.getObject(request.build());
            Long length = body.response().contentLength();
            return new Body(body, length == null ? -1 : length, body.response().eTag(), body::abort);
        }
        catch (AwsServiceException e) {
            if (e.statusCode() == 416) {
                return Body.empty(); // the range starts at or after the end: the object exists
            }
            throw translate(location, e);
        }
        catch (SdkException e) {
            throw translate(location, e);
        }
    }

    @Override
    public ObjectWrite create(Location location) {
        return create(location, PartSizing.DEFAULT_MAX_SIZE);
    }

    @Override
    public ObjectWrite create(Location location, long maxSizeHint) {
        return MultipartObjectWrite.of(location, new S3Upload(this, client, location), maxSizeHint);
    }

    @Override
    public ObjectInfo copy(Location source, Location target, Map<String, String> metadata) {
        return RemoteStores.copy(this, source, target, metadata, copyObjectLimit, this::copyObject, this::copyInParts);
    }

    private ObjectInfo copyObject(Location source, Location target, long size, Map<String, String> replace) {
        try {
            CopyObjectResult result = client.copyObject(b -> {
                b.sourceBucket(source.bucket()).sourceKey(source.key()).destinationBucket(target.bucket()).destinationKey(target.key());
                if (replace != null) {
                    b.metadataDirective(MetadataDirective.REPLACE).metadata(replace);
                }
            }).copyObjectResult();
            return new ObjectInfo(target, size, RemoteStores.unquote(result.eTag()), result.lastModified());
        }
        catch (SdkException e) {
            throw translate(target, e);
        }
    }

    /** A multipart upload of UploadPartCopy parts; aborted when any part fails. */
    private ObjectInfo copyInParts(Location source, Location target, long size, Map<String, String> metadata) {
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).metadata(metadata)).uploadId();
        }
        catch (SdkException e) {
            throw translate(target, e);
        }
        long partSize = Math.max(copyPartSize, PartSizing.partSize(size));
        String etag = RemoteStores.copyInParts(new S3Upload(this, client, target), uploadId, size, partSize, (id, partNumber, offset, length) -> {
            try {
                return client.uploadPartCopy(b -> b.sourceBucket(source.bucket()).sourceKey(source.key())
                        .destinationBucket(target.bucket()).destinationKey(target.key()).uploadId(id).partNumber(partNumber)
                        .copySourceRange("bytes=" + offset + "-" + (offset + length - 1))).copyPartResult().eTag();
            }
            catch (SdkException e) {
                throw translate(target, e);
            }
        });
        return new ObjectInfo(target, size, etag, null);
    }

    @Override
    public Optional<PartUploads> partUploads() {
        return Optional.of(new S3PartUploads(this, client));
    }

    @Override
    public List<PendingWrite> pendingWrites(Location prefix) {
        List<PendingWrite> result = new ArrayList<>();
        try {
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key())).uploads()) {
                if (PendingWrite.isRunFile(upload.key())) {
                    result.add(new PendingWrite(prefix.withKey(upload.key()), upload.uploadId(), upload.initiated()));
                }
            }
        }
        catch (SdkException e) {
            throw translate(prefix, e);
        }
        result.sort(Comparator.comparing(PendingWrite::started));
        return result;
    }

    @Override
    public void abort(PendingWrite write) {
        new S3Upload(this, client, write.location()).abort(write.id());
    }

    @Override
    public void delete(Collection<Location> locations) {
        for (List<Location> batch : RemoteStores.deleteBatches(locations)) {
            String bucket = batch.get(0).bucket();
            List<ObjectIdentifier> ids = batch.stream().map(l -> ObjectIdentifier.builder().key(l.key()).build()).toList();
            DeleteObjectsResponse response;
            try {
                response = client.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
            }
            catch (SdkException e) {
                throw translate(batch.get(0), e);
            }
            for (S3Error error : response.errors()) {
                if (!"NoSuchKey".equals(error.code())) {
                    throw new StorageException(Reason.OTHER, false, "cannot delete " + batch.get(0).withKey(error.key())
                            + " (" + error.code() + ")", null);
                }
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

}
