package io.lading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lading.storage.testing.OssProxyServer;
import io.lading.storage.testing.S3ProxyServer;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lading transfer} through the real command line: a Lading unload to S3, transferred to OSS,
 * loaded from OSS, compared with the source table; and the transfer's one-line failures.
 */
class TransferCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PgFixture pg;
    private static S3ProxyServer s3;
    private static OssProxyServer oss;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pg = new PgFixture("ld_transfer_");
        pg.createHardRows("hard");
        s3 = S3ProxyServer.start();
        oss = OssProxyServer.start();
        s3.createBucket("tr-from");
        oss.createBucket("tr-to");
        // the CLI reads credentials from the environment or, as here, from Java system properties
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        System.setProperty("oss.accessKeyId", oss.credentials().accessKeyId());
        System.setProperty("oss.accessKeySecret", oss.credentials().secretAccessKey());
    }

    @AfterAll
    static void tearDown() throws Exception {
        System.clearProperty("oss.accessKeyId");
        System.clearProperty("oss.accessKeySecret");
        oss.close();
        s3.close();
        pg.close();
    }

    private static String s3(String key) {
        return "s3://tr-from/" + key + "?" + s3.locationQuery();
    }

    private static String oss(String key) {
        return "oss://tr-to/" + key + "?endpoint=" + oss.endpoint();
    }

    @Test
    void anUnloadTransferredFromS3ToOssLoadsBackExactly() throws Exception {
        String schema = pg.schema;
        CliRun unload = CliRun.run("unload", "--source", PgFixture.URL, "--table", schema + ".hard", "--to", s3("exports/hard/"),
                "--format", "csv", "--parallel", "2", "--segments", "2");
        assertEquals(0, unload.exit(), unload.err());

        CliRun transfer = CliRun.run("transfer", s3("exports/hard/"), oss("in/hard/"), "--json", "--parallel", "3");
        assertEquals(0, transfer.exit(), transfer.err());
        JsonNode summary = JSON.readTree(transfer.out());
        assertEquals("transfer", summary.get("operation").asText());
        assertEquals(2, summary.get("objects").asLong());
        assertEquals(2, summary.get("streamed").asLong());
        assertEquals(2, summary.get("checksums_verified").asLong());
        assertEquals(pg.count("select count(*) from " + schema + ".hard"), summary.get("rows").asLong());
        assertEquals("oss://tr-to/in/hard.manifest", summary.get("manifest").asText());

        CliRun load = CliRun.run("load", "--target", PgFixture.URL, "--table", schema + ".back", "--from", oss("in/hard/"),
                "--create-table", "--ledger-schema", schema, "--parallel", "2");
        assertEquals(0, load.exit(), load.err());
        String a = "select r::text from " + schema + ".hard r";
        String b = "select r::text from " + schema + ".back r";
        assertEquals(0, pg.count("select count(*) from ((" + a + " except all " + b + ") union all (" + b + " except all " + a + ")) d"));
        assertEquals(pg.count("select count(*) from " + schema + ".hard"), pg.count("select count(*) from " + schema + ".back"));

        CliRun again = CliRun.run("transfer", s3("exports/hard/"), oss("in/hard/"), "--json");
        assertEquals(0, again.exit(), again.err());
        assertEquals(2, JSON.readTree(again.out()).get("skipped").asLong());
        assertEquals(0, JSON.readTree(again.out()).get("bytes").asLong());
    }

    private Path file(String key, String content) throws IOException {
        Path p = dir.resolve(key);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    void localToLocalIsOneStoreAndKeepsTheBytes() throws IOException {
        file("src/a.csv", "1,2\n");
        file("src/b.csv", "3,4\n");
        Files.createDirectories(dir.resolve("dst"));
        CliRun r = CliRun.run("transfer", "file://" + dir + "/src/", "file://" + dir + "/dst/copy");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("transfer file://" + dir + "/src/ -> file://" + dir + "/dst/copy/: 0 rows, 2 files, "), r.out());
        assertArrayEquals("3,4\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("dst/copy/b.csv")));
    }

    @Test
    void aMissingMandatoryFileIsOneLineNamingIt() throws IOException {
        file("m/a.csv", "1\n");
        String gone = "file://" + dir + "/m/gone.csv";
        file("m/manifest", "{\"entries\":[{\"url\":\"file://" + dir + "/m/a.csv\",\"mandatory\":true},"
                + "{\"url\":\"" + gone + "\",\"mandatory\":true}]}");
        Files.createDirectories(dir.resolve("out"));
        CliRun r = CliRun.run("transfer", "file://" + dir + "/m/manifest", "file://" + dir + "/out/");
        assertEquals(1, r.exit());
        assertEquals("lading: error: mandatory file " + gone + " listed in manifest file://" + dir + "/m/manifest does not exist\n", r.err());
        assertFalse(Files.exists(dir.resolve("out/a.csv")), "nothing transferred");
    }

    @Test
    void differentContentAtTheDestinationNeedsOverwrite() throws IOException {
        file("s/a.csv", "new\n");
        file("d/a.csv", "old\n");
        CliRun r = CliRun.run("transfer", "file://" + dir + "/s/", "file://" + dir + "/d/");
        assertEquals(1, r.exit());
        assertEquals("lading: error: 1 destination object(s) exist with different content, e.g. file://" + dir
                + "/d/a.csv; nothing was transferred. Use --overwrite to replace them\n", r.err());
        CliRun forced = CliRun.run("transfer", "file://" + dir + "/s/", "file://" + dir + "/d/", "--overwrite");
        assertEquals(0, forced.exit(), forced.err());
        assertEquals("new\n", Files.readString(dir.resolve("d/a.csv")));
    }

    @Test
    void anUnreachableDestinationIsOneLine() throws IOException {
        file("u/a.csv", "1\n");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun r = CliRun.run("transfer", "file://" + dir + "/u/", "s3://nowhere/x/?endpoint=http://127.0.0.1:" + port + "&path_style=true");
        assertEquals(1, r.exit());
        // before it, progress log lines while the SDK retries
        List<String> errors = r.err().lines().filter(l -> l.startsWith("lading:")).toList();
        assertEquals(List.of("lading: error: cannot reach the S3 endpoint http://127.0.0.1:" + port + " for s3://nowhere/x/a.csv:"
                + " connection refused; check --endpoint or ?endpoint= and that the server is running"), errors);
    }

    @Test
    void badLocationsAreUsageErrorsAndOneFolderIsNoTransfer() throws IOException {
        CliRun r = CliRun.run("transfer", "ftp://x/y", "file:///tmp/z/");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("lading: FROM: invalid location 'ftp://x/y': unknown scheme 'ftp'"), r.err());
        file("same/a.csv", "1\n");
        CliRun sameObjects = CliRun.run("transfer", "file://" + dir + "/same/", "file://" + dir + "/same");
        assertEquals(1, sameObjects.exit());
        assertEquals("lading: error: FROM and TO are the same objects (file://" + dir + "/same/a.csv); give TO another folder\n",
                sameObjects.err());
    }
}
