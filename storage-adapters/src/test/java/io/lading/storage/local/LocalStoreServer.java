package io.lading.storage.local;

import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.StoreCredentials;
import io.lading.storage.StoreOptions;
import io.lading.storage.testing.TestStoreServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A temporary folder standing in for a server: its sub-folders are the buckets of {@code file:///bucket/key}. */
public final class LocalStoreServer implements TestStoreServer {
    private final Path root;

    private LocalStoreServer(Path root) {
        this.root = root;
    }

    public static LocalStoreServer start() {
        try {
            return new LocalStoreServer(Files.createTempDirectory("lading-local-store-"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder that {@code file:///} stands for. */
    public Path root() {
        return root;
    }

    @Override
    public void createBucket(String bucket) {
        try {
            Files.createDirectories(root.resolve(bucket));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Location at(String bucket, String key) {
        return Location.parse("file:///" + bucket + "/" + key);
    }

    @Override
    public StoreOptions storeOptions() {
        return StoreOptions.NONE;
    }

    /** None: a folder checks no credentials. */
    @Override
    public StoreCredentials credentials() {
        return null;
    }

    @Override
    public ObjectStore openStore(StoreCredentials credentials) {
        return new LocalObjectStore(root);
    }

    @Override
    public ObjectStore openStoreAt(String endpoint) {
        throw new UnsupportedOperationException("a local folder has no endpoint");
    }

    /** Temporary siblings and empty folders (as {@code key/}): anything that is not a committed object. */
    @Override
    public List<String> pendingUploads(String bucket, String prefix) {
        Path dir = root.resolve(bucket);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir))
                    .filter(p -> Files.isDirectory(p) ? isEmpty(p) : p.getFileName().toString().startsWith(LocalObjectStore.TEMP_PREFIX))
                    .map(p -> dir.relativize(p) + (Files.isDirectory(p) ? "/" : ""))
                    .filter(key -> key.startsWith(prefix))
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
