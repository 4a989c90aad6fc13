package io.lading.storage.multipart;

import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectWrite;
import io.lading.storage.StorageException;
import io.lading.storage.StorageException.Reason;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A streaming write for stores with multipart uploads (S3, OSS).
 *
 * <p>Memory rule: an open write holds at most {@link #BUFFER_SIZE} bytes (64 KiB) on the heap. When
 * that buffer fills, it is appended to a temporary part file in {@code java.io.tmpdir}, which holds
 * at most one part; a full part is uploaded on the writer thread as soon as a byte of the next part
 * arrives, then the file is truncated and reused. So 256 open writes cost 16 MiB of heap and at most
 * 256 parts of disk. An object that ends within the first part is one PUT (from memory when it ends
 * within the buffer); only a bigger one starts a multipart upload, completed by {@link #commit()}.
 *
 * <p>Any failure aborts the upload once (abort failures are suppressed into the first error) and is
 * rethrown; {@link #close()} without commit aborts.
 */
public final class MultipartObjectWrite implements ObjectWrite {
    public static final int BUFFER_SIZE = 64 << 10;

    private enum State { OPEN, COMMITTED, ABORTED }

    private final Location location;
    private final MultipartUpload upload;
    private final long partSize;
    private final Path tempDir;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final OutputStream output = new Output();
    private final List<String> partETags = new ArrayList<>();
    private int buffered;
    private Path partFile;
    private FileChannel partChannel;
    private long partBytes;
    private String uploadId;
    private long written;
    private State state = State.OPEN;

    public MultipartObjectWrite(Location location, MultipartUpload upload, long partSize, Path tempDir) {
        this.location = requireNonNull(location, "location is null");
        this.upload = requireNonNull(upload, "upload is null");
        this.tempDir = requireNonNull(tempDir, "tempDir is null");
        if (partSize < PartSizing.MIN_PART_SIZE || partSize > PartSizing.MAX_PART_SIZE) {
            throw new IllegalArgumentException("part size out of range [5 MiB, 5 GiB]: " + partSize);
        }
        this.partSize = partSize;
    }

    /**
     * A write whose parts fit an object of up to {@code maxSizeHint} bytes, staged in
     * {@code java.io.tmpdir}. A key ending in '/' is a folder, never an object.
     */
    public static MultipartObjectWrite of(Location location, MultipartUpload upload, long maxSizeHint) {
        if (location.isFolder()) {
            throw new StorageException(Reason.OTHER, "cannot write " + location + ": the key ends with '/'");
        }
        return new MultipartObjectWrite(location, upload, PartSizing.partSize(maxSizeHint),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Override
    public long partSize() {
        return partSize;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public long bytesWritten() {
        return written;
    }

    private void write(byte[] b, int off, int len) throws IOException {
        if (state != State.OPEN) {
            throw new IOException("write to " + location + " is already " + (state == State.COMMITTED ? "committed" : "aborted"));
        }
        try {
            while (len > 0) {
                if (partBytes + buffered == partSize) {
                    // a byte of the next part has arrived, so this object needs a multipart upload
                    spill();
                    uploadPart();
                }
                int n = (int) Math.min(len, Math.min(buffer.length - buffered, partSize - partBytes - buffered));
                System.arraycopy(b, off, buffer, buffered, n);
                buffered += n;
                off += n;
                len -= n;
                written += n;
                if (buffered == buffer.length) {
                    spill();
                }
            }
        }
        catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Appends the memory buffer to the part file. */
    private void spill() {
        if (buffered == 0) {
            return;
        }
        try {
            if (partChannel == null) {
                partFile = Files.createTempFile(tempDir, "lading-part-", ".tmp");
                partChannel = FileChannel.open(partFile, StandardOpenOption.WRITE);
            }
            ByteBuffer src = ByteBuffer.wrap(buffer, 0, buffered);
            while (src.hasRemaining()) {
                partChannel.write(src);
            }
        }
        catch (IOException e) {
            throw new StorageException(Reason.IO, false, "cannot stage a part of " + location + " in " + tempDir
                    + ": " + e.getMessage(), e);
        }
        partBytes += buffered;
        buffered = 0;
    }

    private void uploadPart() {
        if (uploadId == null) {
            uploadId = upload.start();
        }
        if (partETags.size() == PartSizing.MAX_PARTS) {
            throw new StorageException(Reason.OTHER, false, "object " + location + " is larger than "
                    + PartSizing.MAX_PARTS + " parts of " + partSize + " bytes; give a larger maximum size", null);
        }
        partETags.add(upload.uploadPart(uploadId, partETags.size() + 1, partFile, partBytes));
        try {
            partChannel.truncate(0);
            partChannel.position(0);
        }
        catch (IOException e) {
            throw new StorageException(Reason.IO, false, "cannot reuse the part file of " + location + ": " + e.getMessage(), e);
        }
        partBytes = 0;
    }

    @Override
    public ObjectInfo commit() {
        return commit(Map.of());
    }

    @Override
    public ObjectInfo commit(Map<String, String> metadata) {
        metadata = ObjectDetails.checkMetadata(metadata);
        if (state != State.OPEN) {
            throw new IllegalStateException("write to " + location + " is already " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            String etag;
            if (uploadId == null && partChannel == null) {
                etag = upload.putObject(buffer, buffered, metadata);
            }
            else if (uploadId == null) {
                spill();
                etag = upload.putObject(partFile, partBytes, metadata);
            }
            else {
                spill();
                if (partBytes > 0) {
                    uploadPart();
                }
                etag = upload.complete(uploadId, List.copyOf(partETags));
            }
            state = State.COMMITTED;
            releasePartFile();
            if (uploadId != null && !metadata.isEmpty()) {
                // the upload's metadata was fixed when it started, before the caller knew it; if this
                // copy fails, the object stays published without it and the failure says so
                upload.replaceMetadata(metadata);
            }
            return new ObjectInfo(location, written, etag, null);
        }
        catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** Aborts and returns {@code e} with any cleanup failure suppressed into it. */
    private RuntimeException failed(RuntimeException e) {
        try {
            abort();
        }
        catch (RuntimeException suppressed) {
            if (suppressed != e) {
                e.addSuppressed(suppressed);
            }
        }
        return e;
    }

    @Override
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        buffered = 0;
        RuntimeException failure = null;
        try {
            releasePartFile();
        }
        catch (RuntimeException e) {
            failure = e;
        }
        if (uploadId != null) {
            try {
                upload.abort(uploadId);
            }
            catch (RuntimeException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void releasePartFile() {
        if (partChannel == null) {
            return;
        }
        try {
            partChannel.close();
            Files.deleteIfExists(partFile);
        }
        catch (IOException e) {
            throw new StorageException(Reason.IO, false, "cannot remove the part file " + partFile + " of " + location, e);
        }
        finally {
            partChannel = null;
        }
    }

    @Override
    public void close() {
        abort();
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            if (state == State.OPEN && buffered < buffer.length - 1 && partBytes + buffered < partSize - 1) {
                buffer[buffered++] = (byte) b; // the common case: no spill, no part boundary
                written++;
                return;
            }
            MultipartObjectWrite.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            MultipartObjectWrite.this.write(b, off, len);
        }

        @Override
        public void close() {
            // closing the stream must not publish anything: commit() does
        }
    }
}
