package io.lading.storage;

import java.time.Instant;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A write Lading started and neither committed nor aborted, as a killed process leaves it: a local
 * temporary sibling ({@code .lading-tmp-<name>-<uuid>}) or an open S3/OSS multipart upload.
 * {@code location} is the object it would have written, {@code id} the temporary file's name or the
 * upload id, {@code started} when it was last written to (local) or initiated (S3, OSS).
 */
public record PendingWrite(Location location, String id, Instant started) {
    /**
     * The file names of a Lading run, {@code part-<run id>-...} with the run id of the UTC start
     * to the millisecond: how a multipart upload is told to be Lading's (a listing of uploads
     * carries neither metadata nor tags).
     */
    public static final Pattern RUN_FILE_NAME = Pattern.compile("part-\\d{8}T\\d{9}-[^/]+");

    public PendingWrite {
        requireNonNull(location, "location is null");
        requireNonNull(id, "id is null");
        requireNonNull(started, "started is null");
    }

    /** Whether the last segment of {@code key} is the name of a file of a Lading run. */
    public static boolean isRunFile(String key) {
        return RUN_FILE_NAME.matcher(key.substring(key.lastIndexOf('/') + 1)).matches();
    }
}
