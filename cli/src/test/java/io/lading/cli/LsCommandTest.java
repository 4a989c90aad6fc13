package io.lading.cli;

import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lading ls} through the real command line, with captured output. */
class LsCommandTest {
    @TempDir
    Path dir;

    static CliRun run(String... args) {
        return CliRun.run(args);
    }

    private String file(String key, String content) throws IOException {
        Path p = dir.resolve(key);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return "file://" + p;
    }

    private String base() {
        return "file://" + dir + "/";
    }

    @Test
    void dirIsTheDefaultForATrailingSlash() throws IOException {
        String a = file("test/a.csv", "1,2\n");
        String b = file("test/b.csv", "");
        file("test/sub/c.csv", "x");
        file("testx", "x");
        CliRun r = run("ls", base() + "test/");
        assertEquals("", r.err());
        assertEquals(0, r.exit());
        assertEquals(a + "\t4\n" + b + "\t0\n", r.out());
    }

    @Test
    void prefixIsTheDefaultOtherwise() throws IOException {
        String a = file("test/filename", "12");
        String b = file("test/filenameexxx", "1");
        String c = file("test/filenameyyy/aa", "123");
        String d = file("test/filenameyyy/bb/aa", "");
        file("other/x", "x");
        CliRun r = run("ls", base() + "test/filename");
        assertEquals(0, r.exit(), r.err());
        assertEquals(a + "\t2\n" + b + "\t1\n" + c + "\t3\n" + d + "\t0\n", r.out());
    }

    @Test
    void filePathStopsAtTheFirstGap() throws IOException {
        String f = file("filename", "a");
        String f1 = file("filename.1", "bb");
        String f2 = file("filename.2", "ccc");
        file("filename.4", "dddd");
        CliRun r = run("ls", "--match", "filepath", base() + "filename");
        assertEquals(0, r.exit(), r.err());
        assertEquals(f + "\t1\n" + f1 + "\t2\n" + f2 + "\t3\n", r.out());
    }

    @Test
    void manifestListsItsFilesInOrder() throws IOException {
        String a = file("unload/a.csv.gz", "aa");
        String b = file("unload/b.csv.gz", "bbb");
        String manifest = file("unload/manifest", "{\"entries\":["
                + "{\"url\":\"" + b + "\",\"mandatory\":true},"
                + "{\"url\":\"" + base() + "unload/gone.csv.gz\",\"mandatory\":false},"
                + "{\"url\":\"" + a + "\"}]}");
        CliRun r = run("ls", "--match", "manifest", manifest);
        assertEquals(0, r.exit(), r.err());
        assertEquals(b + "\t3\n" + a + "\t2\n", r.out());
    }

    @Test
    void manifestWithAMissingMandatoryFileFails() throws IOException {
        String manifest = file("unload/manifest", "{\"entries\":[{\"url\":\"" + base() + "unload/gone.csv.gz\",\"mandatory\":true}]}");
        CliRun r = run("ls", "--match", "manifest", manifest);
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals("lading: error: mandatory file " + base() + "unload/gone.csv.gz listed in manifest " + manifest
                + " does not exist\n", r.err());
    }

    @Test
    void nothingMatchesIsAFailure() throws IOException {
        file("test/a.csv", "x");
        CliRun r = run("ls", base() + "nothing");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals("lading: error: nothing matches prefix " + base() + "nothing\n", r.err());
    }

    @Test
    void missingBucketFolderIsAFailure() {
        CliRun r = run("ls", "file:///no-such-lading-folder/x/");
        assertEquals(1, r.exit());
        assertEquals("lading: error: bucket folder /no-such-lading-folder does not exist (location file:///no-such-lading-folder/x/);"
                + " create it first\n", r.err());
    }

    @Test
    void badLocationIsAUsageError() {
        CliRun r = run("ls", "s3://AKIAXX:topsecret@bucket/key");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("lading: invalid location 's3://****@bucket/key': credentials do not belong in a location"), r.err());
        assertFalse(r.err().contains("topsecret"));
    }

    @Test
    void dirWithoutTrailingSlashIsAUsageError() {
        CliRun r = run("ls", "--match", "dir", base() + "test");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("lading: --match dir needs a LOCATION ending with '/': " + base() + "test\n"), r.err());
    }

    @Test
    void unknownRuleIsAUsageError() {
        CliRun r = run("ls", "--match", "glob", base());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--match"), r.err());
    }

    @Test
    void missingLocationIsAUsageError() {
        CliRun r = run("ls");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required parameter: 'LOCATION'"), r.err());
    }

    @Test
    void listsAnS3BucketWithEndpointFromTheLocation() throws IOException {
        try (S3ProxyServer s3 = S3ProxyServer.start(); ObjectStore store = s3.openStore()) {
            s3.createBucket("ls-test");
            for (String key : new String[] {"data/part-1", "data/part-0", "data/deeper/x"}) {
                try (ObjectWrite write = store.create(S3ProxyServer.location("ls-test", key))) {
                    write.output().write(key.getBytes(StandardCharsets.UTF_8));
                    write.commit();
                }
            }
            // the CLI uses the SDK's default chain; system properties are part of it and need no environment
            System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
            try {
                CliRun r = run("ls", "s3://ls-test/data/?" + s3.locationQuery());
                assertEquals(0, r.exit(), r.err());
                assertEquals("s3://ls-test/data/part-0\t11\ns3://ls-test/data/part-1\t11\n", r.out());

                r = run("ls", "--endpoint", s3.endpoint().toString(), "--path-style", "s3://ls-test/data/part");
                assertEquals(0, r.exit(), r.err());
                assertEquals("s3://ls-test/data/part-0\t11\ns3://ls-test/data/part-1\t11\n", r.out());

                r = run("ls", "s3://no-such-bucket/data/?" + s3.locationQuery());
                assertEquals(1, r.exit());
                assertEquals("lading: error: bucket 'no-such-bucket' does not exist (location s3://no-such-bucket/data/, endpoint "
                        + s3.endpoint() + ")\n", r.err());
            }
            finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }

    @Test
    void unreachableStoreIsAFailure() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        System.setProperty("aws.accessKeyId", "x");
        System.setProperty("aws.secretAccessKey", "y");
        try {
            CliRun r = run("ls", "--endpoint", "http://127.0.0.1:" + port, "--path-style", "s3://bucket/data/");
            assertEquals(1, r.exit());
            assertEquals("lading: error: cannot reach the S3 endpoint http://127.0.0.1:" + port + " for s3://bucket/data/:"
                    + " connection refused; check --endpoint or ?endpoint= and that the server is running\n", r.err());
        }
        finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
