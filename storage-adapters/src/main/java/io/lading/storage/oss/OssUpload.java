package io.lading.storage.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import io.lading.storage.Location;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;
import io.lading.storage.multipart.RemoteStores;
import io.lading.storage.multipart.MultipartUpload;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The OSS calls of one object's write. */
final class OssUpload implements MultipartUpload {
    private final OssObjectStore store;
    private final OSS client;
    private final Location location;

    OssUpload(OssObjectStore store, OSS client, Location location) {
        this.store = store;
        this.client = client;
        this.location = location;
    }

    @Override
    public String putObject(byte[] data, int length, Map<String, String> metadata) {
        return put(new ByteArrayInputStream(data, 0, length), length, metadata);
    }

    @Override
    public String putObject(Path file, long length, Map<String, String> metadata) {
        try (InputStream in = new java.io.FileInputStream(file.toFile())) { // the SDK makes a FileInputStream repeatable for retries
            return put(in, length, metadata);
        }
        catch (IOException e) {
            throw new StorageException(Reason.IO, false, "cannot read the staged part of " + location + ": " + e.getMessage(), e);
        }
    }

    private String put(InputStream in, long length, Map<String, String> metadata) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentLength(length);
        meta.setUserMetadata(metadata);
        try {
            return RemoteStores.unquote(client.putObject(location.bucket(), location.key(), in, meta).getETag());
        }
        catch (RuntimeException e) {
            throw store.translate(location, e);
        }
    }

    @Override
    public String start() {
        try {
            return client.initiateMultipartUpload(new InitiateMultipartUploadRequest(location.bucket(), location.key())).getUploadId();
        }
        catch (RuntimeException e) {
            throw store.translate(location, e);
        }
    }

    @Override
    public String uploadPart(String uploadId, int partNumber, Path file, long length) {
        File part = file.toFile();
        try (InputStream in = new java.io.FileInputStream(file.toFile())) { // the SDK makes a FileInputStream repeatable for retries
            UploadPartRequest request = new UploadPartRequest(location.bucket(), location.key(), uploadId, partNumber, in, length);
            return client.uploadPart(request).getETag();
        }
        catch (IOException e) {
            throw new StorageException(Reason.IO, false, "cannot read the staged part " + part + " of " + location + ": " + e.getMessage(), e);
        }
        catch (RuntimeException e) {
            throw store.translate(location, e);
        }
    }

    @Override
    public String complete(String uploadId, List<String> partETags) {
        List<PartETag> parts = new ArrayList<>(partETags.size());
        for (int i = 0; i < partETags.size(); i++) {
            parts.add(new PartETag(i + 1, partETags.get(i)));
        }
        try {
            return RemoteStores.unquote(client.completeMultipartUpload(
                    new CompleteMultipartUploadRequest(location.bucket(), location.key(), uploadId, parts)).getETag());
        }
        catch (RuntimeException e) {
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
            client.abortMultipartUpload(new AbortMultipartUploadRequest(location.bucket(), location.key(), uploadId));
        }
        catch (RuntimeException e) {
            StorageException failure = store.translate(location, e);
            throw new StorageException(failure.reason(), failure.retryable(),
                    "could not abort the multipart upload of " + location + ": " + failure.getMessage(), e);
        }
    }
}
