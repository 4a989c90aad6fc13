package io.lading.cli;

import io.lading.storage.Leftovers;
import io.lading.storage.testing.S3ProxyServer;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What kill -9 leaves: a {@code lading unload} in a child JVM is killed with SIGKILL once it has
 * started writing (a temporary file, an open multipart upload), then {@code lading clean} and the
 * next unload find the leftovers and remove them.
 */
class UnloadKilledProcessTest {
    @AutoClose
    static final PgFixture pg = new PgFixture("ld_unloadkill_");
    static final String TABLE = pg.schema + ".t";
    static S3ProxyServer s3;
    static String bucket;
    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        // about 40 MB of CSV: each of the two files passes S3's 5 MiB part long before the run could end
        pg.execute("create table " + TABLE + " as select g as id, repeat(md5(g::text), 4) as s from generate_series(1, 300000) g");
        s3 = S3ProxyServer.start();
        bucket = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        s3.close();
    }

    @Test
    void localTemporaryFilesOfAKilledUnloadGoWithTheNextUnload() throws Exception {
        Path out = dir.resolve("out");
        String to = "file://" + out + "/";
        killUnloadOnceWriting(to, () -> temporaryFiles(out));
        List<String> left = temporaryFiles(out);

        CliRun listed = CliRun.run("clean", to, "--older-than", "0", "--dry-run");
        assertEquals(0, listed.exit(), listed.err());
        assertTrue(listed.out().contains("(dry run) would remove: " + to + "part-"), listed.out());
        assertTrue(listed.out().endsWith(Leftovers.count(left.size()) + " under " + to
                + " would be removed (--dry-run) (unfinished writes older than 0)\n"), listed.out());
        assertEquals(left, temporaryFiles(out));

        String log = runChild(List.of("unload", "--source", PgFixture.URL, "--table", TABLE, "--to", to,
                "--files-per-segment", "2", "--leftovers-older-than", "0"));
        assertTrue(log.contains("removed " + Leftovers.count(left.size()) + " under " + to + " (unfinished writes older than 0)"), log);
        assertEquals(List.of(), temporaryFiles(out));
        assertTrue(Files.exists(dir.resolve("out.manifest")), log);
    }

    @Test
    void openUploadsOfAKilledUnloadGoWithClean() throws Exception {
        String to = "s3://" + bucket + "/out/?" + s3.locationQuery();
        killUnloadOnceWriting(to, () -> s3.pendingUploads(bucket, "out/"));
        List<String> left = s3.pendingUploads(bucket, "out/");

        CliRun young = CliRun.run("clean", to);
        assertEquals(0, young.exit(), young.err());
        assertTrue(young.out().endsWith("removed 0 leftovers of killed runs under s3://" + bucket + "/out/"
                + " (unfinished writes older than 1h)\n"), young.out());
        CliRun listed = CliRun.run("clean", to, "--older-than", "0s", "--dry-run", "--json");
        assertEquals(0, listed.exit(), listed.err());
        assertTrue(listed.out().contains("\"would_remove\":" + left.size()), listed.out());
        assertEquals(left, s3.pendingUploads(bucket, "out/"));

        CliRun cleaned = CliRun.run("clean", to, "--older-than", "0s");
        assertEquals(0, cleaned.exit(), cleaned.err());
        assertTrue(cleaned.out().contains("removed: s3://" + bucket + "/out/part-"), cleaned.out());
        assertTrue(cleaned.out().contains("removed " + Leftovers.count(left.size()) + " under s3://"), cleaned.out());
        assertEquals(List.of(), s3.pendingUploads(bucket, "out/"));
        assertEquals(List.of(), s3.pendingUploads(bucket, ""));
    }

    @Test
    void aDurationThatIsNoneIsAUsageError() {
        CliRun run = CliRun.run("clean", "file://" + dir + "/", "--older-than", "soon");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("'soon' is not a duration; use e.g. 30s, 10m, 1h, 1h30m or 7d"), run.err());
    }

    /** Starts the unload in a child JVM and kills it with SIGKILL once {@code pending} shows something. */
    private void killUnloadOnceWriting(String to, Supplier<List<String>> pending) throws Exception {
        Process child = startChild(List.of("unload", "--source", PgFixture.URL, "--table", TABLE, "--to", to,
                "--compression", "none", "--files-per-segment", "2", "--parallel", "1"));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (child.isAlive() && System.nanoTime() < deadline && pending.get().isEmpty()) {
            Thread.sleep(20);
        }
        child.destroyForcibly().waitFor();
        assertFalse(pending.get().isEmpty(), "killed while writing: " + Files.readString(dir.resolve("child.log")));
    }

    private Process startChild(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Lading.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        return builder.start();
    }

    /** Runs the command in a child JVM to its end and returns what it printed: the unload logs its cleaning there. */
    private String runChild(List<String> args) throws Exception {
        Process child = startChild(args);
        int exit = child.waitFor();
        String log = Files.readString(dir.resolve("child.log"));
        assertEquals(0, exit, log);
        return log;
    }

    private static List<String> temporaryFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".lading-tmp-")).sorted().toList();
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
