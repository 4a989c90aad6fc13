package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.testing.ForwardingObjectStore;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store whose {@code failCopy}-th copy fails, or whose manifest write fails: a staged unload's moves breaking. */
final class FailingCopyStore extends ForwardingObjectStore {
    private final int failCopy;
    private final boolean failManifest;
    private final AtomicInteger copies = new AtomicInteger();

    FailingCopyStore(ObjectStore delegate, int failCopy, boolean failManifest) {
        super(delegate);
        this.failCopy = failCopy;
        this.failManifest = failManifest;
    }

    @Override
    public ObjectWrite create(Location location) {
        if (failManifest && location.key().endsWith(".manifest")) {
            throw new IllegalStateException("manifest write failed");
        }
        return delegate.create(location);
    }

    @Override
    public ObjectInfo copy(Location source, Location target, Map<String, String> metadata) {
        if (copies.incrementAndGet() == failCopy) {
            throw new IllegalStateException("copy " + failCopy + " failed");
        }
        return delegate.copy(source, target, metadata);
    }

    @Override
    public void close() {
        // the test's store, closed by the test
    }
}
