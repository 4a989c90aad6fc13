package io.lading.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole of what Lading needs from an object store. Keys are compared as strings: a "folder" is
 * only a key prefix ending in '/'. Every implementation passes the same contract test suite.
 *
 * <ul>
 *   <li>An empty key in {@link #list} means the whole bucket.</li>
 *   <li>Zero-byte folder markers (keys ending in '/') are never returned by {@link #list}.</li>
 *   <li>A missing object is {@link Optional#empty()} for {@link #stat}, a
 *       {@link StorageException.Reason#NOT_FOUND} for {@link #open}; a missing bucket is
 *       {@link StorageException.Reason#NO_SUCH_BUCKET} everywhere.</li>
 *   <li>Failures are {@link StorageException}s naming the location, never a credential.</li>
 * </ul>
 */
public interface ObjectStore extends AutoCloseable {
    /**
     * The objects whose key starts with {@code prefix.key()}, in lexicographic key order, every page
     * of the listing. With {@code delimited}, only the objects directly under the prefix (no deeper
     * '/' after it).
     */
    List<ObjectInfo> list(Location prefix, boolean delimited);

    /** Size and ETag of one object, or empty when it does not exist. */
    Optional<ObjectInfo> stat(Location location);

    /**
     * Reads {@code length} bytes from {@code offset}; {@code length < 0} reads to the end. The bytes
     * are those of one version of the object: S3 and OSS resume a cut or stalled read with a ranged
     * GET on condition that the ETag is unchanged ({@link ResumingInputStream}), and fail with
     * {@link StorageException.Reason#CHANGED} when it is not.
     */
    InputStream open(Location location, long offset, long length);

    default InputStream open(Location location) {
        return open(location, 0, -1);
    }

    /**
     * Starts a write; nothing is visible until {@link ObjectWrite#commit()}. A key ending in '/' is
     * refused. S3 and OSS size their parts for objects of up to about 48.8 GiB (10,000 parts of
     * 5 MiB); use {@link #create(Location, long)} for bigger ones.
     */
    ObjectWrite create(Location location);

    /**
     * Starts a write of an object of at most {@code maxSizeHint} bytes: S3 and OSS grow the part
     * size so that such an object needs no more than 10,000 parts (a write that outgrows the hint
     * fails). Stores without parts ignore the hint.
     */
    default ObjectWrite create(Location location, long maxSizeHint) {
        if (maxSizeHint <= 0) {
            throw new IllegalArgumentException("maxSizeHint must be positive: " + maxSizeHint);
        }
        return create(location);
    }

    /**
     * Size, ETag, user metadata and the store's own checksum of one object, or empty when it does not
     * exist. Stores without metadata (and wrappers that do not forward it) answer with none.
     */
    default Optional<ObjectDetails> details(Location location) {
        return stat(location).map(info -> new ObjectDetails(info, Map.of(), null));
    }

    /**
     * Copies {@code source} to {@code target} in this store, which replaces the target whole or
     * leaves it untouched (the local store: a temporary sibling and an atomic move; S3 and OSS: one
     * server-side CopyObject, or a multipart upload of UploadPartCopy parts for objects over 5 GiB
     * on S3 and 1 GiB on OSS, aborted on failure). With {@code metadata} null the target keeps the
     * source's user metadata, otherwise it gets exactly {@code metadata} (see
     * {@link ObjectDetails#checkMetadata}); copying an object onto itself with new metadata is how
     * metadata is changed. A missing source is {@link StorageException.Reason#NOT_FOUND} naming it.
     * Both locations must name this store; a copy between stores is the caller's stream.
     *
     * <p>This default streams the bytes through the client and drops the metadata: for wrappers.
     */
    default ObjectInfo copy(Location source, Location target, Map<String, String> metadata) {
        ObjectInfo info = stat(source).orElseThrow(() -> new StorageException(StorageException.Reason.NOT_FOUND,
                "object " + source + " does not exist"));
        try (InputStream in = open(source); ObjectWrite write = create(target, Math.max(1, info.size()))) {
            OutputStream out = write.output();
            in.transferTo(out);
            return write.commit();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
    }

    /**
     * The writes Lading started under {@code prefix} (keys starting with {@code prefix.key()}) and
     * never finished, oldest first: the local store's temporary files, the open multipart uploads of
     * S3 and OSS whose file name is a Lading run's ({@link PendingWrite#isRunFile}). A live write of
     * another process is listed too: the caller decides by age. Wrappers list none.
     */
    default List<PendingWrite> pendingWrites(Location prefix) {
        return List.of();
    }

    /** Removes what a pending write has stored (the temporary file, the upload's parts); one already gone is ignored. */
    default void abort(PendingWrite write) {
        throw new UnsupportedOperationException("this store lists no pending writes: " + write.location());
    }

    /**
     * The store's multipart calls for callers that upload parts from memory in parallel and resume
     * uploads (S3 and OSS); empty for stores without parts (local) and wrappers that do not forward it.
     */
    default Optional<PartUploads> partUploads() {
        return Optional.empty();
    }

    /** Deletes the objects; missing ones are ignored. */
    void delete(Collection<Location> locations);

    @Override
    void close();
}
