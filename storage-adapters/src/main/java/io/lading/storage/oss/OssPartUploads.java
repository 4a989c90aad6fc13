package io.lading.storage.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PartListing;
import com.aliyun.oss.model.PartSummary;
import com.aliyun.oss.model.UploadPartRequest;
import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.PartUploads;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;
import io.lading.storage.multipart.RemoteStores;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link PartUploads} of OSS: bodies are read from the caller's array (a {@link ByteArrayInputStream},
 * which the SDK resets for a retry). The SDK computes each part's CRC-64 and compares it with the
 * {@code x-oss-hash-crc64ecma} OSS returns; the part keeps it.
 */
final class OssPartUploads implements PartUploads {
    private final OssObjectStore store;
    private final OSS client;

    OssPartUploads(OssObjectStore store, OSS client) {
        this.store = store;
        this.client = client;
    }

    private static ObjectMetadata metadata(Map<String, String> user, long length) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setUserMetadata(ObjectDetails.checkMetadata(user));
        if (length >= 0) {
            meta.setContentLength(length);
        }
        return meta;
    }

    @Override
    public String putObject(Location target, byte[] data, int length, Map<String, String> metadata) {
        try {
            return RemoteStores.unquote(client.putObject(target.bucket(), target.key(), new ByteArrayInputStream(data, 0, length),
                    metadata(metadata, length)).getETag());
        }
        catch (RuntimeException e) {
            throw store.translate(target, e);
        }
    }

    @Override
    public String putObject(Location target, Body body, long length, Map<String, String> metadata) {
        try (java.io.InputStream in = body.open()) {
            return RemoteStores.unquote(client.putObject(target.bucket(), target.key(), in, metadata(metadata, length)).getETag());
        }
        catch (java.io.IOException e) {
            throw new StorageException(Reason.IO, true, "cannot read what is written to " + target + ": " + e.getMessage(), e);
        }
        catch (RuntimeException e) {
            throw store.translate(target, e);
        }
    }

    @Override
    public String start(Location target, Map<String, String> metadata) {
        try {
            return client.initiateMultipartUpload(new InitiateMultipartUploadRequest(target.bucket(), target.key(),
                    metadata(metadata, -1))).getUploadId();
        }
        catch (RuntimeException e) {
            throw store.translate(target, e);
        }
    }

    @Override
    public Part uploadPart(Location target, String uploadId, int number, byte[] data, int length) {
        try {
            UploadPartRequest request = new UploadPartRequest(target.bucket(), target.key(), uploadId, number,
                    new ByteArrayInputStream(data, 0, length), length);
            PartETag part = client.uploadPart(request).getPartETag();
            return new Part(number, RemoteStores.unquote(part.getETag()), length, part.getPartCRC());
        }
        catch (RuntimeException e) {
            throw store.translate(target, e);
        }
    }

    @Override
    public String complete(Location target, String uploadId, List<Part> parts) {
        List<PartETag> etags = parts.stream().map(p -> new PartETag(p.number(), p.etag())).toList();
        try {
            return RemoteStores.unquote(client.completeMultipartUpload(
                    new CompleteMultipartUploadRequest(target.bucket(), target.key(), uploadId, new ArrayList<>(etags))).getETag());
        }
        catch (RuntimeException e) {
            throw store.translate(target, e);
        }
    }

    @Override
    public void abort(Location target, String uploadId) {
        new OssUpload(store, client, target).abort(uploadId);
    }

    @Override
    public List<Part> listParts(Location target, String uploadId) {
        List<Part> parts = new ArrayList<>();
        ListPartsRequest request = new ListPartsRequest(target.bucket(), target.key(), uploadId);
        request.setMaxParts(1000);
        try {
            PartListing page;
            do {
                page = client.listParts(request);
                for (PartSummary part : page.getParts()) {
                    parts.add(new Part(part.getPartNumber(), RemoteStores.unquote(part.getETag()), part.getSize(), null));
                }
                if (page.getNextPartNumberMarker() != null) {
                    request.setPartNumberMarker(page.getNextPartNumberMarker());
                }
            }
            while (page.isTruncated());
        }
        catch (RuntimeException e) {
            if (e instanceof OSSException o && OSSErrorCode.NO_SUCH_UPLOAD.equals(o.getErrorCode())) {
                throw new StorageException(Reason.NOT_FOUND, false, "upload " + uploadId + " of " + target + " does not exist", e);
            }
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
            for (MultipartUpload upload : store.multipartUploads(target)) {
                if (upload.getKey().equals(target.key())) {
                    ids.add(upload.getUploadId());
                }
            }
        }
        catch (RuntimeException e) {
            throw store.translate(target, e);
        }
        return ids;
    }
}
