package io.lading.storage.s3;

import io.lading.storage.Location;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;
import io.lading.storage.multipart.RemoteStores;
import io.lading.storage.multipart.MultipartUpload;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The S3 calls of one object's write. */
final class S3Upload implements MultipartUpload {
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3ObjectStore store;
    private final S3Client client;
    private final Location location;

    S3Upload(S3ObjectStore store, S3Client client, Location location) {
        this.store = store;
        this.client = client;
        this.location = location;
    }

    @Override
    public String putObject(byte[] data, int length, Map<String, String> metadata) {
        return put(RequestBody.fromBytes(Arrays.copyOf(data, length)), metadata);
    }

    @Override
    public String putObject(Path file, long length, Map<String, String> metadata) {
        return put(fromFile(file, length), metadata);
    }

    private String put(RequestBody body, Map<String, String> metadata) {
        try {
            return RemoteStores.unquote(client.putObject(b -> b.bucket(location.bucket()).key(location.key()).metadata(metadata), body).eTag());
        }
        catch (SdkException e) {
            throw store.translate(location, e);
        }
    }

    @Override
    public String start() {
        try {
            return client.createMultipartUpload(b -> b.bucket(location.bucket()).key(location.key()).contentType(CONTENT_TYPE)).uploadId();
        }
        catch (SdkException e) {
            throw store.translate(location, e);
        }
    }

    @Override
    public String uploadPart(String uploadId, int partNumber, Path file, long length) {
        try {
            return client.uploadPart(b -> b.bucket(location.bucket()).key(location.key()).uploadId(uploadId)
                    .partNumber(partNumber).contentLength(length), fromFile(file, length)).eTag();
        }
        catch (SdkException e) {
            throw store.translate(location, e);
        }
    }

    @Override
    public String complete(String uploadId, List<String> partETags) {
        List<CompletedPart> parts = new ArrayList<>(partETags.size());
        for (int i = 0; i < partETags.size(); i++) {
            parts.add(CompletedPart.builder().partNumber(i + 1).eTag(partETags.get(i)).build());
        }
        try {
            return RemoteStores.unquote(client.completeMultipartUpload(b -> b.bucket(location.bucket()).key(location.key())
                    .uploadId(uploadId).multipartUpload(m -> m.parts(parts))).eTag());
        }
        catch (SdkException e) {
            throw store.translate(location, e);
        }
    }

    @Override
    public void replaceMetadata(Map<String, String> metadata) {
        store.copy(location, location, metadata);
    }

    @Override
    public void abort(String uploadId) {
        try {
            client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(location.key()).uploadId(uploadId));
        }
        catch (SdkException e) {
            StorageException failure = store.translate(location, e);
            if (failure.reason() == Reason.NOT_FOUND) {
                return; // already gone
            }
            throw new StorageException(failure.reason(), failure.retryable(),
                    "could not abort the multipart upload of " + location + ": " + failure.getMessage(), e);
        }
    }

    /** A re-readable body (the SDK may retry) over the first {@code length} bytes of the part file. */
    private static RequestBody fromFile(Path file, long length) {
        return RequestBody.fromContentProvider(() -> {
            try {
                return Files.newInputStream(file);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, length, CONTENT_TYPE);
    }
}
