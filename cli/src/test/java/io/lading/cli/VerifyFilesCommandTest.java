package io.lading.cli;

import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.testing.S3ProxyServer;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lading verify --files}: real unloads of the hard data set checked, then damaged one way at a time. */
class VerifyFilesCommandTest {
    @AutoClose
    private static final PgFixture pg = new PgFixture("ld_verify_files_");

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pg.createHardRows("hard");
        pg.execute("insert into " + pg.table("hard") + " select g, 'row ' || g from generate_series(100, 3000) g");
    }

    private String unload(String name, String... options) {
        String to = "file://" + dir.resolve(name) + "/";
        List<String> args = new java.util.ArrayList<>(List.of("unload", "--source", PgFixture.URL, "--table", pg.table("hard"),
                "--to", to, "--segments", "3"));
        args.addAll(List.of(options));
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return to;
    }

    private List<Path> dataFiles(String name) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve(name))) {
            return files.sorted().toList();
        }
    }

    @Test
    void everyFormatOfAnUnloadChecksOut() {
        CliRun csv = CliRun.run("verify", "--files", unload("csv", "--header"), "--header");
        assertEquals(0, csv.exit(), csv.out() + csv.err());
        assertTrue(csv.out().contains(": ok in "), csv.out());
        assertTrue(csv.out().contains("3 files, 2,913 records"), csv.out());
        CliRun text = CliRun.run("verify", "--files", unload("text", "--format", "text"), "--json");
        assertEquals(0, text.exit(), text.out() + text.err());
        assertTrue(text.out().startsWith("{\"operation\":\"verify-files\",\"ok\":true,\"manifest\":\"file://"), text.out());
        assertTrue(text.out().contains(",\"files\":3,\"records\":2913,"), text.out());
        CliRun parquet = CliRun.run("verify", "--files", unload("parquet", "--format", "parquet"));
        assertEquals(0, parquet.exit(), parquet.out() + parquet.err());
    }

    @Test
    void aMissingHeaderOptionMiscountsAndSaysSo() {
        CliRun r = CliRun.run("verify", "--files", unload("h", "--header"));
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains(" records, the manifest says "), r.out());
    }

    @Test
    void damageIsFoundFileByFile() throws Exception {
        String to = unload("damaged");
        List<Path> files = dataFiles("damaged");
        Files.delete(files.get(0));
        byte[] gz = Files.readAllBytes(files.get(1));
        Files.write(files.get(1), java.util.Arrays.copyOf(gz, gz.length - 10));
        Files.writeString(dir.resolve("damaged/stale.csv"), "1,2\n");
        CliRun r = CliRun.run("verify", "--files", to);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("3 PROBLEMS") || r.out().contains("4 PROBLEMS"), r.out());
        assertTrue(r.out().contains(files.get(0).getFileName() + ": missing\n"), r.out());
        assertTrue(r.out().contains(files.get(1).getFileName() + ": " + String.format("%,d", gz.length - 10) + " bytes, the manifest says "), r.out());
        assertTrue(r.out().contains(files.get(1).getFileName() + ": cannot be read: "), r.out());
        assertTrue(r.out().contains("stale.csv: in the folder but not in the manifest"), r.out());
    }

    /**
     * A transfer to S3 stores each object's CRC-64 in its metadata; verify --files checks it. Then one
     * object's bytes change in place, its size and metadata kept: only the checksum can tell.
     */
    @Test
    void storedChecksumsOfATransferAreChecked() throws Exception {
        String from = unload("transferred", "--compression", "none");
        List<Path> files = dataFiles("transferred");
        try (S3ProxyServer s3 = S3ProxyServer.start(); ObjectStore store = s3.openStore()) {
            s3.createBucket("vf-to");
            System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
            String to = "s3://vf-to/in/hard/?" + s3.locationQuery();
            CliRun transfer = CliRun.run("transfer", from, to);
            assertEquals(0, transfer.exit(), transfer.err());
            CliRun ok = CliRun.run("verify", "--files", to);
            assertEquals(0, ok.exit(), ok.out() + ok.err());
            assertTrue(ok.out().contains(": ok in "), ok.out());
            assertTrue(ok.out().contains("3 files, 2,913 records, ") && ok.out().endsWith(", 3 stored checksums\n"), ok.out());

            Location object = s3.at("vf-to", "in/hard/" + files.get(1).getFileName());
            ObjectDetails before = store.details(object).orElseThrow();
            byte[] bytes = Files.readAllBytes(files.get(1));
            // one digit changed into another: still CSV, still as many records
            int at = bytes.length / 2;
            while (bytes[at] < '0' || bytes[at] > '8') {
                at++;
            }
            bytes[at]++;
            try (ObjectWrite write = store.create(object)) {
                write.output().write(bytes);
                write.commit(before.metadata());
            }
            ObjectDetails after = store.details(object).orElseThrow();
            assertEquals(before.info().size(), after.info().size());
            assertEquals(before.metadata(), after.metadata());
            String crc = before.metadata().get("lading-crc64");
            assertTrue(crc.matches("[0-9a-f]{16}"), crc);
            io.lading.transfer.Crc64 read = new io.lading.transfer.Crc64();
            read.update(bytes, 0, bytes.length);

            CliRun damaged = CliRun.run("verify", "--files", to);
            assertEquals(1, damaged.exit(), damaged.out() + damaged.err());
            assertTrue(damaged.out().contains(": 1 PROBLEMS in "), damaged.out());
            assertTrue(damaged.out().contains("s3://vf-to/in/hard/" + files.get(1).getFileName() + ": CRC-64 "
                    + String.format("%016x", read.getValue()) + ", the transfer stored " + crc + " (lading-crc64)\n"), damaged.out());
        }
        finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void noManifestCannotRunAndOptionsExclude() {
        CliRun none = CliRun.run("verify", "--files", "file://" + dir.resolve("nothing") + "/");
        assertEquals(3, none.exit());
        assertTrue(none.err().startsWith("lading: error: manifest file://"), none.err());
        assertTrue(none.err().contains("nothing.manifest does not exist"), none.err());
        assertEquals(2, CliRun.run("verify", "--files", "file:///x/", "--source", PgFixture.URL).exit());
        assertEquals(2, CliRun.run("verify", "--source", PgFixture.URL, "--table", "t", "--target", PgFixture.URL, "--header").exit());
    }
}
