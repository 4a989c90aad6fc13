package io.lading.storage.local;

import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded store: {@code file:///bucket/key} is the file {@code /bucket/key}. Writes go to a
 * hidden temporary sibling and are moved into place atomically on commit. A file system cannot
 * hold an object and a "folder" of the same name, which S3 can; that case is a clear error here.
 */
public final class LocalObjectStore implements ObjectStore {
    static final String TEMP_PREFIX = ".lading-tmp-";

    private final Path root;

    public LocalObjectStore() {
        this(Path.of("/"));
    }

    /** A store rooted elsewhere than '/', for tests. */
    public LocalObjectStore(Path root) {
        this.root = root;
    }

    /** The file of a location; a key that would climb out of its bucket folder is refused. */
    Path pathOf(Location location) {
        Path bucket = root.resolve(location.bucket()).normalize();
        Path path = bucket.resolve(location.key()).normalize();
        if (!path.startsWith(bucket) || !bucket.startsWith(root.normalize()) || bucket.equals(root.normalize())) {
            throw new StorageException(Reason.OTHER, "location " + location + " leaves its bucket folder");
        }
        return path;
    }

    private Path bucketPath(Location location) {
        pathOf(location);
        Path bucket = root.resolve(location.bucket());
        if (!Files.isDirectory(bucket)) {
            throw new StorageException(Reason.NO_SUCH_BUCKET,
                    "bucket folder " + bucket + " does not exist (location " + location + "); create it first");
        }
        return bucket;
    }

    @Override
    public List<ObjectInfo> list(Location prefix, boolean delimited) {
        Path bucket = bucketPath(prefix);
        String key = prefix.key();
        int slash = key.lastIndexOf('/');
        Path start = slash < 0 ? bucket : bucket.resolve(key.substring(0, slash));
        List<ObjectInfo> result = new ArrayList<>();
        if (!Files.isDirectory(start)) {
            return result;
        }
        try (Stream<Path> files = delimited ? Files.list(start) : Files.walk(start)) {
            files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().startsWith(TEMP_PREFIX))
                    .forEach(p -> {
                        String k = bucket.relativize(p).toString();
                        if (k.startsWith(key) && (!delimited || k.indexOf('/', key.length()) < 0)) {
                            result.add(info(prefix.withKey(k), p));
                        }
                    });
        }
        catch (IOException | UncheckedIOException e) {
            throw translate(prefix, e);
        }
        result.sort(Comparator.comparing(ObjectInfo::key));
        return result;
    }

    private static ObjectInfo info(Location location, Path path) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            return new ObjectInfo(location, attrs.size(), null, attrs.lastModifiedTime().toInstant());
        }
        catch (IOException e) {
            throw translate(location, e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(Location location) {
        bucketPath(location);
        Path path = pathOf(location);
        if (location.isFolder() || !Files.isRegularFile(path)) {
            return Optional.empty();
        }
        return Optional.of(info(location, path));
    }

    @Override
    public Optional<ObjectDetails> details(Location location) {
        return stat(location).map(info -> new ObjectDetails(info, UserAttributes.read(pathOf(location)), null));
    }

    @Override
    public InputStream open(Location location, long offset, long length) {
        bucketPath(location);
        Path path = pathOf(location);
        if (location.isFolder() || !Files.isRegularFile(path)) {
            throw new StorageException(Reason.NOT_FOUND, "object " + location + " does not exist");
        }
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            channel.position(offset);
            InputStream in = Channels.newInputStream(channel);
            return length < 0 ? in : new BoundedInputStream(in, length);
        }
        catch (IOException e) {
            throw translate(location, e);
        }
    }

    @Override
    public ObjectWrite create(Location location) {
        Path target = writablePath(location);
        try {
            return new LocalObjectWrite(location, root.resolve(location.bucket()), newTempSibling(target), target);
        }
        catch (IOException e) {
            throw translate(location, e);
        }
    }

    /** Within the file system: {@code Files.copy} to a temporary sibling, metadata, then the atomic move. */
    @Override
    public ObjectInfo copy(Location source, Location target, Map<String, String> metadata) {
        Map<String, String> replace = metadata == null ? null : ObjectDetails.checkMetadata(metadata);
        ObjectDetails from = details(source).orElseThrow(() -> new StorageException(Reason.NOT_FOUND, "object " + source + " does not exist"));
        Path path = writablePath(target);
        Path temp = null;
        try {
            temp = newTempSibling(path);
            Files.copy(pathOf(source), temp, StandardCopyOption.REPLACE_EXISTING);
            UserAttributes.write(temp, replace == null ? from.metadata() : replace);
            LocalObjectWrite.publish(temp, path);
            return info(target, path);
        }
        catch (IOException | RuntimeException e) {
            StorageException failure = e instanceof StorageException s ? s : translate(target, e);
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                }
                catch (IOException suppressed) {
                    failure.addSuppressed(suppressed);
                }
            }
            throw failure;
        }
    }

    /** The file a write of {@code location} replaces, after checking that it can be one. */
    private Path writablePath(Location location) {
        bucketPath(location);
        if (location.isFolder()) {
            throw new StorageException(Reason.OTHER, "cannot write " + location + ": the key ends with '/'");
        }
        Path target = pathOf(location);
        checkNoObjectInTheWay(location, target);
        return target;
    }

    private static Path newTempSibling(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        // Not createTempFile: its 0600 mode would stay on the published file; a unique name
        // created here gets the umask's mode like any file the user writes.
        Path temp = target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        Files.createFile(temp);
        return temp;
    }

    private void checkNoObjectInTheWay(Location location, Path target) {
        Path bucket = root.resolve(location.bucket());
        for (Path p = target.getParent(); p != null && p.startsWith(bucket) && !p.equals(bucket); p = p.getParent()) {
            if (Files.isRegularFile(p)) {
                throw new StorageException(Reason.ALREADY_EXISTS, "cannot write " + location + ": '"
                        + bucket.relativize(p) + "' is an object, and the local store cannot hold an object and a folder of the same name");
            }
        }
        if (Files.isDirectory(target)) {
            throw new StorageException(Reason.ALREADY_EXISTS, "cannot write " + location + ": a folder of that name exists,"
                    + " and the local store cannot hold an object and a folder of the same name");
        }
    }

    @Override
    public void delete(Collection<Location> locations) {
        for (Location location : locations) {
            Path path = pathOf(location);
            try {
                if (!location.isFolder() && Files.deleteIfExists(path)) {
                    removeEmptyParents(root.resolve(location.bucket()), path.getParent());
                }
            }
            catch (IOException e) {
                throw translate(location, e);
            }
        }
    }

    static void removeEmptyParents(Path bucket, Path dir) {
        for (Path p = dir; p != null && p.startsWith(bucket) && !p.equals(bucket); p = p.getParent()) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            }
            catch (IOException e) {
                return;
            }
            try {
                Files.deleteIfExists(p);
            }
            catch (IOException e) {
                return; // a concurrent writer put something there: leave it
            }
        }
    }

    static StorageException translate(Location location, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof NoSuchFileException) {
            return new StorageException(Reason.NOT_FOUND, false, "object " + location + " does not exist", e);
        }
        if (cause instanceof java.nio.file.AccessDeniedException) {
            return new StorageException(Reason.ACCESS_DENIED, false, "access denied to " + location + ": check the file permissions", e);
        }
        if (cause instanceof FileAlreadyExistsException || cause instanceof NotDirectoryException) {
            return new StorageException(Reason.ALREADY_EXISTS, false, "cannot write " + location
                    + ": an object and a folder of the same name cannot coexist in the local store", e);
        }
        return new StorageException(Reason.IO, false, "I/O error on " + location + ": " + cause.getMessage(), e);
    }

    @Override
    public void close() {
    }
}
