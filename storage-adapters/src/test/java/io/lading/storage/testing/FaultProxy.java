package io.lading.storage.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * A TCP proxy on 127.0.0.1 in front of a test server that injects network faults: every Nth
 * connection it accepts, from the first on (1, N+1, 2N+1, ...: clients keep connections alive, so a
 * test's first connection may be its only one), is cut (both sides closed) or stalled (kept open,
 * nothing more forwarded) once K bytes have passed in the chosen direction. The other connections
 * pass untouched.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), Fault.CUT, Direction.TO_CLIENT, 2, 1 << 20)) {
 *     ... a store whose endpoint is proxy.endpoint() ...
 *     assertTrue(proxy.faults() > 0); // the faults did happen
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
    public enum Fault {
        /** Close both sides: the reader sees the body end early. */
        CUT,
        /** Stop forwarding, keep both sides open: only a read timeout ends the wait. */
        STALL
    }

    public enum Direction {
        /** Server to client: response bodies (reads). */
        TO_CLIENT,
        /** Client to server: request bodies (writes). */
        TO_SERVER
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final Fault fault;
    private final Direction direction;
    private final int everyNth;
    private final long afterBytes;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger faults = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });

    private FaultProxy(URI target, Fault fault, Direction direction, int everyNth, long afterBytes) throws IOException {
        this.targetPort = requireNonNull(target, "target is null").getPort();
        this.fault = requireNonNull(fault, "fault is null");
        this.direction = requireNonNull(direction, "direction is null");
        if (everyNth < 1) {
            throw new IllegalArgumentException("everyNth must be at least 1: " + everyNth);
        }
        if (afterBytes < 0) {
            throw new IllegalArgumentException("afterBytes is negative: " + afterBytes);
        }
        this.everyNth = everyNth;
        this.afterBytes = afterBytes;
        this.listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    /**
     * A proxy to {@code target}'s port on 127.0.0.1 that faults connections number 1, N+1, 2N+1, ...
     * after {@code afterBytes} bytes towards {@code direction}.
     */
    public static FaultProxy start(URI target, Fault fault, Direction direction, int everyNth, long afterBytes) {
        try {
            return new FaultProxy(target, fault, direction, everyNth, afterBytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint to give a store instead of the server's. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** How many connections were faulted so far: a test shows with it that its faults happened. */
    public int faults() {
        return faults.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            }
            catch (IOException e) {
                return; // closed
            }
            boolean faulty = connections.getAndIncrement() % everyNth == 0;
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                long toServer = faulty && direction == Direction.TO_SERVER ? afterBytes : -1;
                long toClient = faulty && direction == Direction.TO_CLIENT ? afterBytes : -1;
                threads.execute(() -> pump(client, server, toServer));
                threads.execute(() -> pump(server, client, toClient));
            }
            catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Forwards {@code from} to {@code to}; with {@code limit >= 0}, faults the connection after that many bytes. */
    private void pump(Socket from, Socket to, long limit) {
        byte[] buffer = new byte[64 * 1024];
        long passed = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int forward = limit < 0 ? n : (int) Math.min(n, limit - passed);
                out.write(buffer, 0, forward);
                out.flush();
                passed += forward;
                if (limit >= 0 && passed >= limit) {
                    faults.incrementAndGet();
                    if (fault == Fault.CUT) {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                    return; // a stall: both sides stay open, this direction forwards nothing more
                }
            }
            to.shutdownOutput();
        }
        catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        }
        catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(FaultProxy::closeQuietly);
        threads.shutdownNow();
    }
}
