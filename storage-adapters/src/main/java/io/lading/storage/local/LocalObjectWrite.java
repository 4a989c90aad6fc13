package io.lading.storage.local;

import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectWrite;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Temporary sibling, then an atomic move on commit; anything else deletes the temporary file. */
final class LocalObjectWrite implements ObjectWrite {
    private final Location location;
    private final Path temp;
    private final Path target;
    private final Path bucket;
    private final OutputStream file;
    private final OutputStream output;
    private long written;
    private boolean done;

    LocalObjectWrite(Location location, Path bucket, Path temp, Path target) throws IOException {
        this.location = location;
        this.bucket = bucket;
        this.temp = temp;
        this.target = target;
        this.file = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        this.output = new FilterOutputStream(file) {
            @Override
            public void write(int b) throws IOException {
                checkOpen();
                file.write(b);
                written++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                checkOpen();
                file.write(b, off, len);
                written += len;
            }

            @Override
            public void close() throws IOException {
                file.flush(); // closing the stream must not publish anything
            }
        };
    }

    private void checkOpen() throws IOException {
        if (done) {
            throw new IOException("write to " + location + " is already committed or aborted");
        }
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    @Override
    public ObjectInfo commit() {
        return commit(Map.of());
    }

    @Override
    public ObjectInfo commit(Map<String, String> metadata) {
        metadata = ObjectDetails.checkMetadata(metadata);
        if (done) {
            throw new IllegalStateException("write to " + location + " is already committed or aborted");
        }
        try {
            file.close();
            UserAttributes.write(temp, metadata);
            publish(temp, target);
            done = true;
            return new ObjectInfo(location, Files.size(target), null, Files.getLastModifiedTime(target).toInstant());
        }
        catch (IOException e) {
            StorageException failure = LocalObjectStore.translate(location, e);
            try {
                abort();
            }
            catch (RuntimeException suppressed) {
                failure.addSuppressed(suppressed);
            }
            throw failure;
        }
    }

    /** Moves the finished temporary file over the target, atomically where the file system can. */
    static void publish(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            file.close();
        }
        catch (IOException ignored) {
            // the file is deleted next; a failed close cannot publish anything
        }
        try {
            Files.deleteIfExists(temp);
            LocalObjectStore.removeEmptyParents(bucket, temp.getParent());
        }
        catch (IOException e) {
            throw new StorageException(Reason.IO, false, "could not remove temporary file of " + location + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        abort();
    }
}
