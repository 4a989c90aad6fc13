package io.lading.format.parquet;

import io.lading.common.LadingException;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

import static java.util.Objects.requireNonNull;

/**
 * A Parquet {@link InputFile} over an object store: the length comes from {@code stat}, reads
 * are ranged GETs ({@code open(location, offset, -1)}) opened lazily at the current position. A
 * short forward seek skips within the open response instead of starting a new request, since
 * Parquet reads the column chunks of a row group in order.
 */
public final class StoreInputFile implements InputFile {
    private static final long SKIP_LIMIT = 1 << 20;

    private final ObjectStore store;
    private final Location location;
    private final long length;

    public StoreInputFile(ObjectStore store, Location location, long length) {
        this.store = requireNonNull(store, "store is null");
        this.location = requireNonNull(location, "location is null");
        if (length < 0) {
            throw new IllegalArgumentException("length is negative: " + length);
        }
        this.length = length;
    }

    /** Stats the object for its length; a missing object is a clear error. */
    public static StoreInputFile of(ObjectStore store, Location location) {
        long size = store.stat(location)
                .orElseThrow(() -> new LadingException("object " + location + " does not exist"))
                .size();
        return new StoreInputFile(store, location, size);
    }

    public Location location() {
        return location;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new RangeStream();
    }

    @Override
    public String toString() {
        return location.toString();
    }

    private final class RangeStream extends SeekableInputStream {
        private InputStream in;
        private long inPos;
        private long pos;

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0 || newPos > length) {
                throw new EOFException("seek to " + newPos + " outside " + location + " of " + length + " bytes");
            }
            pos = newPos;
        }

        private InputStream positioned() throws IOException {
            if (in != null && pos != inPos) {
                if (pos > inPos && pos - inPos <= SKIP_LIMIT) {
                    in.skipNBytes(pos - inPos);
                    inPos = pos;
                }
                else {
                    in.close();
                    in = null;
                }
            }
            if (in == null) {
                in = store.open(location, pos, -1);
                inPos = pos;
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            if (pos >= length) {
                return -1;
            }
            int b = positioned().read();
            if (b >= 0) {
                pos++;
                inPos++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos >= length) {
                return -1;
            }
            int n = positioned().read(b, off, len);
            if (n > 0) {
                pos += n;
                inPos += n;
            }
            return n;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(bytes, 0, bytes.length);
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
            int done = 0;
            while (done < len) {
                int n = read(bytes, start + done, len - done);
                if (n < 0) {
                    throw new EOFException("unexpected end of " + location + " at byte " + pos + " (" + (len - done) + " bytes missing)");
                }
                done += n;
            }
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
            if (buf.hasArray()) {
                int n = read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
                if (n > 0) {
                    buf.position(buf.position() + n);
                }
                return n;
            }
            byte[] tmp = new byte[Math.min(buf.remaining(), 64 << 10)];
            int n = read(tmp, 0, tmp.length);
            if (n > 0) {
                buf.put(tmp, 0, n);
            }
            return n;
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
            if (buf.hasArray()) {
                readFully(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
                buf.position(buf.limit());
                return;
            }
            while (buf.hasRemaining()) {
                if (read(buf) < 0) {
                    throw new EOFException("unexpected end of " + location + " at byte " + pos);
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
                in = null;
            }
        }
    }
}
