package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.local.LocalObjectStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The unload to a local folder: temporary siblings moved into place on commit. */
class UnloadLocalTest extends AbstractUnloadStoreTest {
    @TempDir
    static Path root;

    @BeforeAll
    void createBucket() throws IOException {
        Files.createDirectories(root.resolve(BUCKET));
    }

    @Override
    protected ObjectStore openStore() {
        return new LocalObjectStore(root);
    }

    @Override
    protected Location location(String bucket, String key) {
        return Location.parse("file:///" + bucket + "/" + key);
    }

    @Override
    protected List<String> leftovers(Location folder) {
        Path dir = root.resolve(folder.bucket()).resolve(folder.key());
        try {
            return Unloads.filesUnder(dir).stream().map(p -> root.relativize(p).toString()).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
