package io.lading.unloader;

import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.StorageException;
import io.lading.storage.testing.ForwardingObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real store with injected faults: writes fail once {@code failAfterBytes} have been written in
 * total, or the {@code failCommit}-th commit fails. Counts what was created, committed and aborted,
 * and every {@code abort()} call per location.
 */
final class FaultyStore extends ForwardingObjectStore {
    private final long failAfterBytes;
    private final int failCommit;
    private final AtomicBoolean faulted = new AtomicBoolean();
    private volatile Runnable atFirstFault = () -> { };
    private final AtomicLong written = new AtomicLong();
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger abortedUncommitted = new AtomicInteger();
    final Map<Location, AtomicInteger> aborts = new ConcurrentHashMap<>();

    FaultyStore(ObjectStore delegate, long failAfterBytes, int failCommit) {
        super(delegate);
        this.failAfterBytes = failAfterBytes;
        this.failCommit = failCommit;
    }

    /** Runs {@code hook} on the failing thread just before the first injected write fault, with every upload still open. */
    FaultyStore atFirstFault(Runnable hook) {
        this.atFirstFault = hook;
        return this;
    }

    @Override
    public ObjectWrite create(Location location) {
        return spy(location, delegate.create(location));
    }

    @Override
    public ObjectWrite create(Location location, long maxSizeHint) {
        return spy(location, delegate.create(location, maxSizeHint));
    }

    private ObjectWrite spy(Location location, ObjectWrite real) {
        created.incrementAndGet();
        return new ObjectWrite() {
            private boolean committed;
            private boolean aborted;
            private final OutputStream out = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (failAfterBytes >= 0 && written.addAndGet(len) > failAfterBytes) {
                        if (faulted.compareAndSet(false, true)) {
                            atFirstFault.run();
                        }
                        throw new IOException("injected fault: connection reset writing " + location);
                    }
                    real.output().write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    real.output().flush();
                }
            };

            @Override
            public OutputStream output() {
                return out;
            }

            @Override
            public long bytesWritten() {
                return real.bytesWritten();
            }

            @Override
            public ObjectInfo commit() {
                if (commits.incrementAndGet() == failCommit) {
                    abortUpload(); // as a store's failed commit does: not one of the caller's aborts
                    throw new StorageException(StorageException.Reason.SERVER_ERROR, "injected fault: 500 completing " + location);
                }
                ObjectInfo info = real.commit();
                committed = true;
                return info;
            }

            @Override
            public void abort() {
                aborts.computeIfAbsent(location, l -> new AtomicInteger()).incrementAndGet();
                abortUpload();
            }

            private void abortUpload() {
                if (!committed && !aborted) {
                    aborted = true;
                    abortedUncommitted.incrementAndGet();
                }
                real.abort();
            }

            @Override
            public void close() {
                if (!committed && !aborted) {
                    abort();
                }
                real.close();
            }
        };
    }
}
