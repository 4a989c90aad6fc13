package io.lading.storage.testing;

import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.PartUploads;
import io.lading.storage.PendingWrite;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Forwards every call to a real store: the fault-injecting spies of the tests extend it and
 * override only the calls they fail or count, so what they do not touch behaves exactly as the
 * real store. {@link #close()} closes the real store too; a spy over a shared store overrides it.
 */
public abstract class ForwardingObjectStore implements ObjectStore {
    protected final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public List<ObjectInfo> list(Location prefix, boolean delimited) {
        return delegate.list(prefix, delimited);
    }

    @Override
    public Optional<ObjectInfo> stat(Location location) {
        return delegate.stat(location);
    }

    @Override
    public Optional<ObjectDetails> details(Location location) {
        return delegate.details(location);
    }

    @Override
    public InputStream open(Location location, long offset, long length) {
        return delegate.open(location, offset, length);
    }

    @Override
    public ObjectWrite create(Location location) {
        return delegate.create(location);
    }

    @Override
    public ObjectWrite create(Location location, long maxSizeHint) {
        return delegate.create(location, maxSizeHint);
    }

    @Override
    public ObjectInfo copy(Location source, Location target, Map<String, String> metadata) {
        return delegate.copy(source, target, metadata);
    }

    @Override
    public List<PendingWrite> pendingWrites(Location prefix) {
        return delegate.pendingWrites(prefix);
    }

    @Override
    public void abort(PendingWrite write) {
        delegate.abort(write);
    }

    @Override
    public Optional<PartUploads> partUploads() {
        return delegate.partUploads();
    }

    @Override
    public void delete(Collection<Location> locations) {
        delegate.delete(locations);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
