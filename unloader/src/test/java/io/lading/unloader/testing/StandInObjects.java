package io.lading.unloader.testing;

import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** How the stand-ins for a server's own writers ({@link RedshiftStandIn}, the writable external table's) put what they write. */
public final class StandInObjects {
    private StandInObjects() {
    }

    /** {@code data} as one gzip member. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code bytes} to {@code location} and commits. */
    public static void put(ObjectStore store, Location location, byte[] bytes) {
        try (ObjectWrite w = store.create(location)) {
            w.output().write(bytes);
            w.commit();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
