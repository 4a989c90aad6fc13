package io.lading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lading.format.Manifest;
import io.lading.storage.testing.S3ProxyServer;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lading transfer --segments} through the real command line: TEXT and CSV files as Redshift
 * or COPY writes them (unequal sizes, gzip and plain, the hard data set's quoted and escaped
 * newlines) re-chunked into S x K files, then loaded into PostgreSQL with {@code lading load} and
 * compared with the source rows, both ways.
 */
class TransferRebalanceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PgFixture pg;
    private static S3ProxyServer s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pg = new PgFixture("ld_rebal_");
        pg.createHardRows("hard");
        // the hard rows 30 times over, in slices g of unequal size for unequal input files
        pg.execute("create table " + pg.table("src") + " as select h.*, g from " + pg.table("hard") + " h, generate_series(1, 30) g");
        s3 = S3ProxyServer.start();
        s3.createBucket("rb-cli");
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    }

    @AfterAll
    static void tearDown() throws Exception {
        s3.close();
        pg.close();
    }

    private static String s3(String key) {
        return "s3://rb-cli/" + key + "?" + s3.locationQuery();
    }

    /** Writes the rows of src with g in each range to one file per range, as COPY writes them. */
    private List<Path> inputs(String folder, String options, String... names) throws Exception {
        int[][] ranges = {{1, 2}, {3, 20}, {21, 27}, {28, 30}};
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            Path file = dir.resolve(folder).resolve(names[i]);
            pg.copyOut("select id, s, vc, ch, i2, i8, f4, f8, n, nu, b, d, ts, tstz, tm, iv, by, u, j, jb, arr, tarr, g from "
                    + pg.table("src") + " where g between " + ranges[i][0] + " and " + ranges[i][1], options, file);
            files.add(file);
        }
        return files;
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    /** Loads TO into a new table like src and returns the rows that differ both ways (0: exactly the input). */
    private long loadAndCompare(String from, String table) throws Exception {
        pg.execute("create table " + pg.table(table) + " (like " + pg.table("src") + ")");
        CliRun load = CliRun.run("load", "--target", PgFixture.URL, "--table", pg.table(table), "--from", from,
                "--ledger-schema", pg.schema, "--parallel", "2");
        assertEquals(0, load.exit(), load.err());
        assertEquals(pg.count("select count(*) from " + pg.table("src")), pg.count("select count(*) from " + pg.table(table)));
        return pg.difference(pg.table("src"), pg.table(table));
    }

    @Test
    void csvWithHeadersFromLocalToS3ThreeSegmentsTwoFilesEachLoadsExactly() throws Exception {
        List<Path> files = inputs("csv", "format csv, header true", "0000_part_00.csv.gz", "0001_part_00.csv", "0002_part_00.csv.gz",
                "0003_part_00.csv");
        CliRun r = CliRun.run("transfer", "file://" + dir.resolve("csv") + "/", s3("in/csv/"), "--segments", "3",
                "--files-per-segment", "2", "--header", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = JSON.readTree(r.out());
        long rows = pg.count("select count(*) from " + pg.table("src"));
        assertEquals(rows, summary.get("rows").asLong());
        assertEquals(4, summary.get("objects").asLong());
        assertEquals(6, summary.get("objects_out").asLong());
        assertEquals(6, summary.get("files").asLong());
        assertEquals(6, summary.get("checksums_verified").asLong());
        long stored = 0;
        for (Path f : files) {
            stored += Files.size(f);
        }
        assertEquals(stored, summary.get("bytes").asLong());
        assertEquals("s3://rb-cli/in/csv.manifest", summary.get("manifest").asText());

        CliRun ls = CliRun.run("ls", s3("in/csv/"));
        assertEquals(0, ls.exit(), ls.err());
        List<String> names = ls.out().lines().filter(l -> l.contains("part-")).toList();
        assertEquals(6, names.size(), ls.out());
        for (int i = 0; i < 6; i++) {
            assertTrue(names.get(i).matches(".*part-\\d{8}T\\d{9}-0000-0000" + i + "\\.csv\\.gz.*"), names.get(i));
        }
        assertEquals(0, loadAndCompare(s3("in/csv/"), "back_csv"));
    }

    @Test
    void redshiftStyleTextFromS3ToLocalLoadsExactly() throws Exception {
        List<Path> files = inputs("text", "format text", "0000_part_00", "0001_part_00.gz", "0002_part_00", "0003_part_00.gz");
        for (Path f : files) {
            CliRun put = CliRun.run("transfer", "file://" + f, s3("unload/"), "--match", "filepath", "--overwrite");
            assertEquals(0, put.exit(), put.err());
        }
        Path out = dir.resolve("landing");
        CliRun noFormat = CliRun.run("transfer", s3("unload/"), "file://" + out + "/t/", "--segments", "2");
        assertEquals(2, noFormat.exit());
        assertEquals(List.of("lading: --segments needs the format of FROM's files and their names do not say it"
                + " (e.g. s3://rb-cli/unload/0000_part_00): give --format text or csv"),
                noFormat.err().lines().filter(l -> l.startsWith("lading:")).toList());

        CliRun r = CliRun.run("transfer", s3("unload/"), "file://" + out + "/t/", "--segments", "2", "--files-per-segment", "3",
                "--format", "text", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = JSON.readTree(r.out());
        assertEquals(6, summary.get("objects_out").asLong());
        assertEquals(6, summary.get("size_only").asLong());
        Manifest manifest = Manifest.parse(Files.readAllBytes(out.resolve("t.manifest")), "t.manifest");
        assertEquals(6, manifest.entries().size());
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (Manifest.Entry e : manifest.entries()) {
            assertTrue(e.url().endsWith(".txt.gz"), e.url());
            long size = gunzip(Files.readAllBytes(Path.of(e.url().substring("file://".length())))).length;
            smallest = Math.min(smallest, size);
            largest = Math.max(largest, size);
        }
        // one 64 KiB block plus a record at most between the largest and the smallest, uncompressed
        assertTrue(largest - smallest <= 64 * 1024 + 4096, smallest + " to " + largest);
        assertEquals(summary.get("rows").asLong(), manifest.totalRecords());
        assertEquals(0, loadAndCompare("file://" + out + "/t/", "back_text"));
    }

    @Test
    void aLadingUnloadWithItsManifestRebalancesCheckedAgainstItsCountsAndLoadsExactly() throws Exception {
        CliRun unload = CliRun.run("unload", "--source", PgFixture.URL, "--table", pg.table("src"), "--to", s3("exports/src/"),
                "--format", "csv", "--parallel", "2", "--segments", "2");
        assertEquals(0, unload.exit(), unload.err());
        Path out = dir.resolve("adb");
        CliRun r = CliRun.run("transfer", s3("exports/src/"), "file://" + out + "/src/", "--segments", "3", "--files-per-segment", "2",
                "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = JSON.readTree(r.out());
        assertEquals(2, summary.get("objects").asLong());
        assertEquals(6, summary.get("objects_out").asLong());
        Manifest manifest = Manifest.parse(Files.readAllBytes(out.resolve("src.manifest")), "src.manifest");
        assertEquals(pg.count("select count(*) from " + pg.table("src")), manifest.totalRecords());
        assertEquals(manifest.totalRecords(), summary.get("rows").asLong());
        assertEquals(0, loadAndCompare("file://" + out + "/src/", "back_unload"));
    }

    @Test
    void parquetIsRefusedInOneLine() throws Exception {
        Path folder = dir.resolve("pq");
        pg.parquetOut(pg.table("hard"), folder.resolve("a.parquet"));
        CliRun r = CliRun.run("transfer", "file://" + folder + "/", "file://" + dir + "/pq-out/", "--segments", "4");
        assertEquals(1, r.exit());
        assertEquals("lading: error: --segments re-chunks TEXT and CSV files only, and file://" + folder
                + "/a.parquet is Parquet; transfer Parquet files without --segments\n", r.err());
        assertFalse(Files.exists(dir.resolve("pq-out")));
    }

    @Test
    void rebalancingOptionsWithoutSegmentsAreAUsageError() throws Exception {
        PgFixture.write(dir.resolve("u/a.csv"), "1\n");
        CliRun r = CliRun.run("transfer", "file://" + dir + "/u/", "file://" + dir + "/u-out/", "--files-per-segment", "2");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("lading: --files-per-segment, --format, --gzip-level and the text options apply only with --segments"),
                r.err());
        CliRun zero = CliRun.run("transfer", "file://" + dir + "/u/", "file://" + dir + "/u-out/", "--segments", "0");
        assertEquals(2, zero.exit());
        assertTrue(zero.err().startsWith("lading: --segments must be at least 1, not 0"), zero.err());
    }
}
