package io.lading.storage.testing;

import io.lading.storage.Location;
import io.lading.storage.PartUploads;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Forwards every call to a real store's {@link PartUploads}: spies override the calls they fail, count or corrupt. */
public class ForwardingPartUploads implements PartUploads {
    protected final PartUploads delegate;

    public ForwardingPartUploads(PartUploads delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public String putObject(Location target, byte[] data, int length, Map<String, String> metadata) {
        return delegate.putObject(target, data, length, metadata);
    }

    @Override
    public String putObject(Location target, Body body, long length, Map<String, String> metadata) {
        return delegate.putObject(target, body, length, metadata);
    }

    @Override
    public String start(Location target, Map<String, String> metadata) {
        return delegate.start(target, metadata);
    }

    @Override
    public Part uploadPart(Location target, String uploadId, int number, byte[] data, int length) {
        return delegate.uploadPart(target, uploadId, number, data, length);
    }

    @Override
    public String complete(Location target, String uploadId, List<Part> parts) {
        return delegate.complete(target, uploadId, parts);
    }

    @Override
    public void abort(Location target, String uploadId) {
        delegate.abort(target, uploadId);
    }

    @Override
    public List<Part> listParts(Location target, String uploadId) {
        return delegate.listParts(target, uploadId);
    }

    @Override
    public List<String> openUploads(Location target) {
        return delegate.openUploads(target);
    }
}
