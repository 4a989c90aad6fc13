package io.lading.storage;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The low-level multipart calls of S3 and OSS, for a caller that uploads parts from memory, several
 * at a time, and resumes an upload it started earlier (transfer). Unlike {@link ObjectWrite}, which
 * stages one part at a time on disk, nothing here buffers: the caller owns the bytes. Thread-safe:
 * parts of one upload may be sent from several threads. Every method throws a translated
 * {@link StorageException} naming the location; the SDK retries transient failures.
 */
public interface PartUploads {
    /** One stored part: its number (from 1), ETag as the store returned it, size, and the CRC-64 the store reported for it (OSS; else null). */
    record Part(int number, String etag, long size, Long crc64) {
        public Part {
            requireNonNull(etag, "etag is null");
            if (number < 1) {
                throw new IllegalArgumentException("part numbers start at 1: " + number);
            }
        }
    }

    /** Writes the whole object with its user metadata in one PUT from {@code data[0, length)}; returns its ETag (or null). */
    String putObject(Location target, byte[] data, int length, Map<String, String> metadata);

    /** The bytes of a streamed PUT: each call opens them from the start (the SDK opens them again to retry). */
    @FunctionalInterface
    interface Body {
        java.io.InputStream open();
    }

    /**
     * Writes the whole object with its user metadata in one PUT of exactly {@code length} bytes
     * streamed from {@code body}, without buffering it; returns its ETag (or null).
     */
    String putObject(Location target, Body body, long length, Map<String, String> metadata);

    /** Starts a multipart upload whose object will carry {@code metadata}; returns the upload id. */
    String start(Location target, Map<String, String> metadata);

    /** Uploads part {@code number} from {@code data[0, length)}; a part sent again under the same number replaces it. */
    Part uploadPart(Location target, String uploadId, int number, byte[] data, int length);

    /** Completes the upload from its parts in part order; returns the object's ETag (or null). */
    String complete(Location target, String uploadId, List<Part> parts);

    /** Aborts the upload so that no part is left stored; an upload already gone is ignored. */
    void abort(Location target, String uploadId);

    /**
     * The parts the store holds for the upload, by part number (their {@link Part#crc64()} is null:
     * the listings do not carry it); {@link StorageException.Reason#NOT_FOUND} when the store says
     * the upload is gone (S3 and OSS do; S3Proxy lists none instead: ask {@link #openUploads} first).
     */
    List<Part> listParts(Location target, String uploadId);

    /** The ids of the multipart uploads open for exactly this key, whoever started them. */
    List<String> openUploads(Location target);
}
