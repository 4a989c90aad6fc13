package io.lading.storage.multipart;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The store-specific calls behind one {@link MultipartObjectWrite}, for one object. Every method
 * throws a translated {@link io.lading.storage.StorageException}; retries are the SDK's business.
 */
public interface MultipartUpload {
    /** Writes the whole object with its user metadata in one PUT from memory; returns its ETag (or null). */
    String putObject(byte[] data, int length, Map<String, String> metadata);

    /** Writes the whole object with its user metadata in one PUT from the first {@code length} bytes of {@code file}. */
    String putObject(Path file, long length, Map<String, String> metadata);

    /** Starts a multipart upload; returns its upload id. */
    String start();

    /** Uploads part {@code partNumber} (from 1) from the first {@code length} bytes of {@code file}; returns its ETag. */
    String uploadPart(String uploadId, int partNumber, Path file, long length);

    /** Completes the upload from the part ETags in part order; returns the object's ETag (or null). */
    String complete(String uploadId, List<String> partETags);

    /** Gives the completed object this user metadata by a server-side copy onto itself. */
    void replaceMetadata(Map<String, String> metadata);

    /** Aborts the upload so that no part is left stored. */
    void abort(String uploadId);
}
