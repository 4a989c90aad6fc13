package io.lading.storage;

import io.lading.storage.StorageException.Reason;
import io.lading.storage.testing.FaultProxy;
import io.lading.storage.testing.FaultProxy.Direction;
import io.lading.storage.testing.FaultProxy.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads and writes of a remote store through a {@link FaultProxy} that cuts or stalls connections:
 * what comes back is exactly what was written, or the read fails naming the object. Subclasses
 * supply the server and stores on either side of the proxy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractResumingReadTest {
    protected static final String BUCKET = "resume";
    private static final int MIB = 1 << 20;
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

    private URI server;
    private ObjectStore direct;

    /** Starts the server with an empty {@link #BUCKET} and returns its endpoint: what the proxy forwards to. */
    protected abstract URI startServer();

    protected abstract void stopServer();

    /** A new store that reaches the server at {@code endpoint}; the caller closes it. */
    protected abstract ObjectStore openStore(URI endpoint, Duration readTimeout);

    /** {@code key} in {@link #BUCKET}. */
    protected abstract Location location(String key);

    @BeforeAll
    final void start() {
        server = startServer();
        direct = openStore(server, null);
    }

    @AfterAll
    final void stop() {
        direct.close();
        stopServer();
    }

    /** A store that reaches the server directly, shared by the class's tests. */
    protected final ObjectStore direct() {
        return direct;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static void write(ObjectStore store, Location location, byte[] data) throws IOException {
        try (ObjectWrite write = store.create(location)) {
            write.output().write(data);
            write.commit();
        }
    }

    private static byte[] read(ObjectStore store, Location location, long offset, long length) throws IOException {
        try (InputStream in = store.open(location, offset, length)) {
            return in.readAllBytes();
        }
    }

    @Test
    public void readsCutTowardsTheClientResumeToExactlyTheObject() throws IOException {
        Location object = location("resume/cut.bin");
        byte[] data = bytes(6 * MIB + 123, 1);
        write(direct(), object, data);
        try (FaultProxy proxy = FaultProxy.start(server, Fault.CUT, Direction.TO_CLIENT, 2, MIB);
                ObjectStore store = openStore(proxy.endpoint(), null)) {
            assertArrayEquals(data, read(store, object, 0, -1));
            assertTrue(proxy.faults() > 0, "no connection was cut");
        }
    }

    @Test
    public void aRangeResumesWithinItsBoundsEvenWhenEveryConnectionIsCut() throws IOException {
        Location object = location("resume/range.bin");
        byte[] data = bytes(5 * MIB, 2);
        write(direct(), object, data);
        // every GET is cut after 512 KiB: each resume makes progress, so the read gets through
        try (FaultProxy proxy = FaultProxy.start(server, Fault.CUT, Direction.TO_CLIENT, 1, 512 * 1024);
                ObjectStore store = openStore(proxy.endpoint(), null)) {
            assertArrayEquals(Arrays.copyOfRange(data, MIB + 7, 4 * MIB + 7), read(store, object, MIB + 7, 3 * MIB));
            assertArrayEquals(Arrays.copyOfRange(data, 3 * MIB, data.length), read(store, object, 3 * MIB, -1));
            assertTrue(proxy.faults() >= 6, "faults: " + proxy.faults());
        }
    }

    @Test
    public void aStalledReadResumesAfterTheReadTimeout() throws IOException {
        Location object = location("resume/stall.bin");
        byte[] data = bytes(3 * MIB, 3);
        write(direct(), object, data);
        try (FaultProxy proxy = FaultProxy.start(server, Fault.STALL, Direction.TO_CLIENT, 2, MIB);
                ObjectStore store = openStore(proxy.endpoint(), SHORT_TIMEOUT)) {
            assertArrayEquals(data, read(store, object, 0, -1));
            assertArrayEquals(data, read(store, object, 0, -1));
            assertTrue(proxy.faults() > 0, "no connection stalled");
        }
    }

    @Test
    public void anObjectReplacedDuringAReadFailsNamingIt() throws IOException {
        Location object = location("resume/changed.bin");
        write(direct(), object, bytes(3 * MIB, 4));
        try (FaultProxy proxy = FaultProxy.start(server, Fault.STALL, Direction.TO_CLIENT, 1, MIB);
                ObjectStore store = openStore(proxy.endpoint(), SHORT_TIMEOUT);
                InputStream in = store.open(object)) {
            in.readNBytes(64 * 1024);
            write(direct(), object, bytes(3 * MIB, 5));
            StorageException e = assertThrows(StorageException.class, in::readAllBytes);
            assertEquals(Reason.CHANGED, e.reason());
            assertTrue(e.getMessage().startsWith("object " + object + " changed while being read ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("); read it again"), e.getMessage());
        }
    }

    @Test
    public void writesCutTowardsTheServerAreRetried() throws IOException {
        Location object = location("resume/written.bin");
        byte[] data = bytes(12 * MIB + 5, 6);
        try (FaultProxy proxy = FaultProxy.start(server, Fault.CUT, Direction.TO_SERVER, 2, MIB);
                ObjectStore store = openStore(proxy.endpoint(), null)) {
            write(store, object, data);
            assertTrue(proxy.faults() > 0, "no connection was cut");
        }
        assertArrayEquals(data, read(direct(), object, 0, -1));
    }
}
