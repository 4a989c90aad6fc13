package io.lading.storage.multipart;

import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ResumingInputStream;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the S3 and OSS stores do alike, whatever their SDK. */
public final class RemoteStores {
    /** Both S3's and OSS's batch delete take at most 1,000 keys of one bucket. */
    public static final int MAX_DELETE_BATCH = 1000;

    private RemoteStores() {
    }

    /**
     * {@link ObjectStore#open(Location, long, long)} of S3 and OSS: a folder key is no object, a
     * zero-length read still requires the object, any other read resumes through {@code get}.
     */
    public static InputStream open(ObjectStore store, Location location, long offset, long length,
            ResumingInputStream.RangeGet get) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        if (location.isFolder()) {
            throw new StorageException(Reason.NOT_FOUND, "object " + location + " does not exist");
        }
        if (length == 0) {
            store.stat(location).orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "object " + location + " does not exist"));
            return InputStream.nullInputStream();
        }
        return ResumingInputStream.open(location, offset, length, get);
    }

    /** The locations to delete, grouped by bucket in batches of at most 1,000; folder keys dropped. */
    public static List<List<Location>> deleteBatches(Collection<Location> locations) {
        Map<String, List<Location>> byBucket = new LinkedHashMap<>();
        for (Location location : locations) {
            if (!location.isFolder()) {
                byBucket.computeIfAbsent(location.bucket(), b -> new ArrayList<>()).add(location);
            }
        }
        List<List<Location>> batches = new ArrayList<>();
        for (List<Location> all : byBucket.values()) {
            for (int from = 0; from < all.size(); from += MAX_DELETE_BATCH) {
                batches.add(all.subList(from, Math.min(all.size(), from + MAX_DELETE_BATCH)));
            }
        }
        return batches;
    }

    /** A store's server-side copy request of an object of {@code size} bytes; throws translated exceptions. */
    @FunctionalInterface
    public interface CopyRequest {
        ObjectInfo copy(Location source, Location target, long size, Map<String, String> metadata);
    }

    /**
     * {@link io.lading.storage.ObjectStore#copy} for S3 and OSS: {@code copyObject} (one CopyObject;
     * metadata null keeps the source's) up to {@code copyObjectLimit} bytes, above it
     * {@code copyInParts} (a multipart upload of UploadPartCopy parts, always given the metadata).
     */
    public static ObjectInfo copy(ObjectStore store, Location source, Location target, Map<String, String> metadata,
            long copyObjectLimit, CopyRequest copyObject, CopyRequest copyInParts) {
        Map<String, String> replace = metadata == null ? null : ObjectDetails.checkMetadata(metadata);
        if (source.scheme() != target.scheme()) {
            throw new IllegalArgumentException("a server-side copy stays in one store: " + source + " -> " + target);
        }
        if (target.isFolder()) {
            throw new StorageException(Reason.OTHER, "cannot write " + target + ": the key ends with '/'");
        }
        ObjectDetails from = store.details(source).orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "object " + source + " does not exist"));
        long size = from.info().size();
        if (size > copyObjectLimit) {
            return copyInParts.copy(source, target, size, replace == null ? from.metadata() : replace);
        }
        if (replace == null && source.toString().equals(target.toString())) {
            return from.info(); // the stores refuse a copy onto itself that changes nothing
        }
        return copyObject.copy(source, target, size, replace);
    }

    /** Copies one part of a server-side copy: bytes {@code [offset, offset + length)} of the source; returns the part's ETag. */
    public interface PartCopy {
        String copy(String uploadId, int partNumber, long offset, long length);
    }

    /**
     * Copies an object of {@code size} bytes part by part into the started upload {@code uploadId}
     * and completes it; any failure aborts the upload (abort failures suppressed) and is rethrown.
     * Both steps throw translated exceptions.
     */
    public static String copyInParts(MultipartUpload upload, String uploadId, long size, long partSize, PartCopy part) {
        try {
            List<String> etags = new ArrayList<>();
            for (long offset = 0; offset < size; offset += partSize) {
                etags.add(part.copy(uploadId, etags.size() + 1, offset, Math.min(partSize, size - offset)));
            }
            return upload.complete(uploadId, etags);
        }
        catch (RuntimeException e) {
            try {
                upload.abort(uploadId);
            }
            catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** An ETag without the quotes the HTTP header carries. */
    public static String unquote(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }
}
