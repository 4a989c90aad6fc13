package io.lading.storage.s3;

import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.PartUploads;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;
import io.lading.storage.multipart.RemoteStores;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link PartUploads} of S3: bodies are read from the caller's array, never copied. */
final class S3PartUploads implements PartUploads {
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3ObjectStore store;
    private final S3Client client;

    S3PartUploads(S3ObjectStore store, S3Client client) {
        this.store = store;
        this.client = client;
    }

    /** A re-readable body (the SDK may retry) over {@code data[0, length)}; {@code RequestBody.fromBytes} would copy it. */
    private static RequestBody body(byte[] data, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(data, 0, length), length, CONTENT_TYPE);
    }

    @Override
    public String putObject(Location target, byte[] data, int length, Map<String, String> metadata) {
        Map<String, String> checked = ObjectDetails.checkMetadata(metadata);
        try {
            return RemoteStores.unquote(client.putObject(b -> b.bucket(target.bucket()).key(target.key()).metadata(checked),
                    body(data, length)).eTag());
        }
        catch (SdkException e) {
            throw store.translate(target, e);
        }
    }

    @Override
    public String putObject(Location target, Body body, long length, Map<String, String> metadata) {
        Map<String, String> checked = ObjectDetails.checkMetadata(metadata);
        try {
            return RemoteStores.unquote(client.putObject(b -> b.bucket(target.bucket()).key(target.key()).metadata(checked),
                    RequestBody.fromContentProvider(body::open, length, CONTENT_TYPE)).eTag());
        }
        catch (SdkException e) {
            throw store.translate(target, e);
        }
    }

    @Override
    public String start(Location target, Map<String, String> metadata) {
        Map<String, String> checked = ObjectDetails.checkMetadata(metadata);
        try {
            return client.createMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).contentType(CONTENT_TYPE)
                    .metadata(checked)).uploadId();
        }
        catch (SdkException e) {
            throw store.translate(target, e);
        }
    }

    @Override
    public Part uploadPart(Location target, String uploadId, int number, byte[] data, int length) {
        try {
            String etag = client.uploadPart(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId)
                    .partNumber(number).contentLength((long) length), body(data, length)).eTag();
            return new Part(number, RemoteStores.unquote(etag), length, null);
        }
        catch (SdkException e) {
            throw store.translate(target, e);
        }
    }

    @Override
    public String complete(Location target, String uploadId, List<Part> parts) {
        List<CompletedPart> completed = parts.stream()
                .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
        try {
            return RemoteStores.unquote(client.completeMultipartUpload(b -> b.bucket(target.bucket()).key(target.key())
                    .uploadId(uploadId).multipartUpload(m -> m.parts(completed))).eTag());
        }
        catch (SdkException e) {
            throw store.translate(target, e);
        }
    }

    @Override
    public void abort(Location target, String uploadId) {
        new S3Upload(store, client, target).abort(uploadId);
    }

    @Override
    public List<Part> listParts(Location target, String uploadId) {
        List<Part> parts = new ArrayList<>();
        try {
            for (var part : client.listPartsPaginator(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId)).parts()) {
                parts.add(new Part(part.partNumber(), RemoteStores.unquote(part.eTag()), part.size(), null));
            }
        }
        catch (SdkException e) {
            StorageException failure = store.translate(target, e);
            throw new StorageException(failure.reason(), failure.retryable(),
                    "cannot list the parts of upload " + uploadId + " of " + target + ": " + failure.getMessage(), e);
        }
        return parts;
    }

    @Override
    public List<String> openUploads(Location target) {
        List<String> ids = new ArrayList<>();
        try {
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(b -> b.bucket(target.bucket()).prefix(target.key())).uploads()) {
                if (upload.key().equals(target.key())) {
                    ids.add(upload.uploadId());
                }
            }
        }
        catch (SdkException e) {
            throw store.translate(target, e);
        }
        return ids;
    }
}
