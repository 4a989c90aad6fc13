package io.lading.transfer;

import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.format.Manifest;
import io.lading.format.TextOptions;
import io.lading.format.text.CopyRecordSplitter;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.Selection;
import io.lading.storage.local.LocalObjectStore;
import io.lading.storage.testing.ForwardingObjectStore;
import io.lading.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

import static io.lading.transfer.TransferTest.get;
import static io.lading.transfer.TransferTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rebalancing between real stores (S3Proxy and the local store): records split as COPY splits them,
 * N = S x K one-member gzip files of nearly equal size, counts in the manifest written last, and
 * nothing visible after a failure.
 */
class RebalanceTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    /** Small blocks, so that a few kilobytes of records spread over six files and the balance is visible. */
    private static final int BLOCK = 512;
    private static final String RUN = "20261201T070000000";
    private static S3ProxyServer s3Server;
    private static ObjectStore s3;
    private static final ObjectStore local = new LocalObjectStore();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        s3Server = S3ProxyServer.start();
        s3 = s3Server.openStore();
    }

    @AfterAll
    static void stop() {
        s3.close();
        s3Server.close();
        local.close();
    }

    private static Location s3Bucket() {
        String name = "rb-s3-" + BUCKETS.incrementAndGet();
        s3Server.createBucket(name);
        return S3ProxyServer.location(name, "");
    }

    private Location localBucket() throws IOException {
        Path bucket = Files.createDirectories(dir.resolve("bucket-" + BUCKETS.incrementAndGet()));
        return Location.parse("file://" + bucket.toAbsolutePath() + "/");
    }

    /** CSV records with quoted newlines, quotes, delimiters and CRLF inside quotes, of varied length. */
    static List<String> csvRecords(int count, long seed) {
        Random random = new Random(seed);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = "x".repeat(random.nextInt(120));
            records.add(switch (i % 4) {
                case 0 -> seed + "-" + i + ",\"line one\nline two, with comma\"," + text + "\n";
                case 1 -> seed + "-" + i + ",\"say \"\"hi\"\"\r\nand bye\",\n";
                case 2 -> seed + "-" + i + ",," + text + "\n";
                default -> seed + "-" + i + ",\"\",\"" + text + "\n\n\"\n";
            });
        }
        return records;
    }

    /** TEXT records with backslash-escaped newlines, tabs and backslashes. */
    static List<String> textRecords(int count, long seed) {
        Random random = new Random(seed);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = "y".repeat(random.nextInt(100));
            records.add(switch (i % 3) {
                case 0 -> seed + "-" + i + "\tfirst\\\nsecond\\\n" + text + "\n";
                case 1 -> seed + "-" + i + "\t\\N\tback\\\\slash\\ttab\n";
                default -> seed + "-" + i + "\t" + text + "\t\\\r\\\n\n";
            });
        }
        return records;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] utf8(List<String> records) {
        return String.join("", records).getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of a gzip file that holds exactly one member (header without options, trailer checked). */
    static byte[] singleMember(byte[] file, Location name) throws DataFormatException {
        assertTrue(file.length >= 18 && (file[0] & 0xff) == 0x1f && (file[1] & 0xff) == 0x8b && file[3] == 0, name + " is gzip");
        Inflater inflater = new Inflater(true);
        inflater.setInput(file, 10, file.length - 10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            assertFalse(n == 0 && inflater.needsInput(), name + " ends inside its deflate stream");
            out.write(buffer, 0, n);
        }
        assertEquals(8, inflater.getRemaining(), name + ": after the one member only its 8-byte trailer");
        inflater.end();
        byte[] data = out.toByteArray();
        int size = (file[file.length - 4] & 0xff) | (file[file.length - 3] & 0xff) << 8 | (file[file.length - 2] & 0xff) << 16
                | (file[file.length - 1] & 0xff) << 24;
        assertEquals(data.length, size, name + " ISIZE");
        return data;
    }

    static List<String> split(byte[] data, TextOptions options) throws IOException {
        CopyRecordSplitter splitter = new CopyRecordSplitter(new ByteArrayInputStream(data), options);
        List<String> records = new ArrayList<>();
        for (byte[] r; (r = splitter.next()) != null; ) {
            records.add(new String(r, StandardCharsets.UTF_8));
        }
        return records;
    }

    static List<TransferPlan.Source> sources(ObjectStore store, List<Location> inputs, long[] counts) {
        List<TransferPlan.Source> sources = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            sources.add(new TransferPlan.Source(store.stat(inputs.get(i)).orElseThrow(), counts == null ? -1 : counts[i]));
        }
        return sources;
    }

    static RebalancePlan plan(Location from, List<TransferPlan.Source> sources, Location to, int files, String ext) {
        return RebalancePlan.of(from, sources, null, to, RUN, files,
                i -> String.format(Locale.ROOT, "part-%s-0000-%05d.%s.gz", RUN, i, ext));
    }

    static RebalanceOptions options(FileFormat format, boolean header, boolean overwrite) {
        TextOptions text = TextOptions.withDefaults(format, null, null, null, null, header, List.of(), null, null);
        return new RebalanceOptions(3, 2, text, 2, BLOCK, 6, overwrite);
    }

    /**
     * What every rebalanced destination must be: the plan's N files and nothing else in the folder,
     * each one gzip member, the manifest beside the folder listing them in order with their sizes and
     * record counts, all records of the inputs exactly once, uncompressed sizes within one block plus
     * one record of each other.
     */
    static void assertRebalanced(ObjectStore store, RebalancePlan plan, RebalanceResult result, List<String> expected,
            TextOptions text) throws Exception {
        List<ObjectInfo> listed = store.list(plan.folder(), false);
        assertEquals(plan.outputs(), listed.stream().map(ObjectInfo::location).toList());
        Manifest manifest = Manifest.parse(get(store, plan.manifest()), plan.manifest().toString());
        assertEquals(RUN, manifest.runId());
        assertEquals(plan.outputs().size(), manifest.entries().size());
        List<String> all = new ArrayList<>();
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 0; i < listed.size(); i++) {
            Manifest.Entry entry = manifest.entries().get(i);
            assertEquals(listed.get(i).location().toString(), entry.url());
            assertTrue(entry.mandatory());
            assertEquals(listed.get(i).size(), entry.contentLength());
            byte[] data = singleMember(get(store, listed.get(i).location()), listed.get(i).location());
            List<String> records = split(data, text.withoutHeader());
            assertEquals(records.size(), entry.recordCount(), "record_count of " + entry.url());
            assertTrue(records.size() > 0, entry.url() + " has records");
            all.addAll(records);
            smallest = Math.min(smallest, data.length);
            largest = Math.max(largest, data.length);
            assertEquals(data.length, result.rawBytes()[i]);
        }
        long longestRecord = expected.stream().mapToLong(r -> r.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
        assertTrue(largest - smallest <= BLOCK + longestRecord, "balanced: " + smallest + " to " + largest + " bytes");
        List<String> sortedExpected = new ArrayList<>(expected);
        sortedExpected.sort(null);
        all.sort(null);
        assertEquals(sortedExpected, all);
        assertEquals(expected.size(), result.records());
        assertEquals(expected.size(), manifest.totalRecords());
        assertEquals(plan.outputs().size(), result.outputs());
        assertEquals(manifest.totalBytes(), result.bytesWritten());
    }

    @Test
    void csvWithQuotedNewlinesFromLocalGzipAndPlainToS3() throws Exception {
        Location src = localBucket().resolve("unload/");
        List<List<String>> parts = List.of(csvRecords(7, 1), csvRecords(180, 2), csvRecords(40, 3), csvRecords(1, 4), List.of());
        List<Location> inputs = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            byte[] data = utf8(parts.get(i));
            // Redshift's names say nothing; gzip is told by its magic bytes
            Location input = src.resolve("000" + i + "_part_00");
            put(local, input, i % 2 == 0 ? gzip(data) : data);
            inputs.add(input);
            expected.addAll(parts.get(i));
        }
        // the last record of a file without its newline still ends there
        Location unterminated = src.resolve("0009_part_00");
        put(local, unterminated, "last-1,a\nlast-2,\"b\nc\"".getBytes(StandardCharsets.UTF_8));
        inputs.add(unterminated);
        expected.add("last-1,a\n");
        expected.add("last-2,\"b\nc\"\n");

        Location to = s3Bucket().withKey("in/orders/");
        RebalancePlan plan = plan(src, sources(local, inputs, null), to, 6, "csv");
        RebalanceOptions options = options(FileFormat.CSV, false, false);
        TransferCounters counters = new TransferCounters();
        RebalanceResult result = Rebalance.run(local, s3, plan, options, counters);

        assertRebalanced(s3, plan, result, expected, options.text());
        assertEquals(inputs.size(), result.inputs());
        assertEquals(inputs.stream().mapToLong(l -> local.stat(l).orElseThrow().size()).sum(), result.bytesRead());
        assertEquals(6, result.verified(), "S3Proxy's ETags are MD5s: every file checked");
        assertEquals(Selection.manifestBeside(to), result.manifestLocation());
        assertEquals(List.of(), s3Server.pendingUploads(to.bucket(), ""));
    }

    @Test
    void textWithEscapedNewlinesAndHeadersFromS3ToLocal() throws Exception {
        Location src = s3Bucket().withKey("exports/t/");
        List<Location> inputs = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int[] sizes = {300, 12, 77};
        for (int i = 0; i < sizes.length; i++) {
            List<String> records = textRecords(sizes[i], 10 + i);
            byte[] data = ("id\tnote\tother\n" + String.join("", records)).getBytes(StandardCharsets.UTF_8);
            Location input = src.resolve("part-" + i + ".txt" + (i == 1 ? "" : ".gz"));
            put(s3, input, i == 1 ? data : gzip(data));
            inputs.add(input);
            expected.addAll(records);
        }
        // an empty object: Redshift writes them for slices without rows
        Location empty = src.resolve("part-9.txt");
        put(s3, empty, new byte[0]);
        inputs.add(empty);
        Location to = localBucket().resolve("rebalanced/t");
        RebalancePlan plan = plan(src, sources(s3, inputs, new long[] {300, 12, 77, 0}), to, 6, "txt");
        RebalanceOptions options = options(FileFormat.TEXT, true, false);
        RebalanceResult result = Rebalance.run(s3, local, plan, options, new TransferCounters());

        assertRebalanced(local, plan, result, expected, options.text());
        assertTrue(expected.stream().noneMatch(r -> r.startsWith("id\t")), "the headers were dropped");
        assertEquals(0, result.verified());
        assertEquals(6, result.sizeOnly());
        assertEquals(List.of(), local.pendingWrites(plan.folder()));
    }

    @Test
    void parquetIsRefusedNamingTheFirstBeforeAnythingIsWritten() throws Exception {
        Location src = localBucket().resolve("mixed/");
        put(local, src.resolve("a"), "1,2\n".getBytes(StandardCharsets.UTF_8));
        put(local, src.resolve("b"), "PAR1 not really".getBytes(StandardCharsets.UTF_8));
        put(local, src.resolve("c"), "PAR1".getBytes(StandardCharsets.UTF_8));
        List<Location> inputs = List.of(src.resolve("a"), src.resolve("b"), src.resolve("c"));
        Location to = localBucket().resolve("out/");
        RebalancePlan plan = plan(src, sources(local, inputs, null), to, 6, "csv");
        LadingException e = assertThrows(LadingException.class,
                () -> Rebalance.run(local, local, plan, options(FileFormat.CSV, false, false), new TransferCounters()));
        assertEquals("--segments re-chunks TEXT and CSV files only, and " + src.resolve("b")
                + " is Parquet; transfer Parquet files without --segments", e.getMessage());
        assertEquals(List.of(), local.list(to, false));
        assertFalse(local.stat(plan.manifest()).isPresent());
    }

    @Test
    void aCountThatDisagreesWithTheSourceManifestFailsAndLeavesNothing() throws Exception {
        Location src = localBucket().resolve("m/");
        put(local, src.resolve("a.csv"), utf8(csvRecords(5, 1)));
        put(local, src.resolve("b.csv"), utf8(csvRecords(9, 2)));
        Location to = s3Bucket().withKey("in/m/");
        RebalancePlan plan = plan(src, sources(local, List.of(src.resolve("a.csv"), src.resolve("b.csv")), new long[] {5, 8}), to, 6, "csv");
        LadingException e = assertThrows(LadingException.class,
                () -> Rebalance.run(local, s3, plan, options(FileFormat.CSV, false, false), new TransferCounters()));
        assertEquals("transfer of " + src + " to " + to + " failed: " + src.resolve("b.csv")
                + " holds 9 records but its manifest entry says 8; nothing was published (6 writes aborted, 0 committed files removed)",
                e.getMessage());
        assertEquals(List.of(), s3.list(to, false));
        assertFalse(s3.stat(plan.manifest()).isPresent());
        assertEquals(List.of(), s3Server.pendingUploads(to.bucket(), ""));
    }

    @Test
    void aFailureWhileCommittingRemovesWhatWasCommittedAndARerunWorks() throws Exception {
        Location src = localBucket().resolve("r/");
        List<String> expected = new ArrayList<>();
        List<Location> inputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> records = csvRecords(50 * (i + 1), 20 + i);
            put(local, src.resolve("f" + i + ".csv"), utf8(records));
            inputs.add(src.resolve("f" + i + ".csv"));
            expected.addAll(records);
        }
        Location to = s3Bucket().withKey("in/r/");
        RebalancePlan plan = plan(src, sources(local, inputs, null), to, 6, "csv");
        RebalanceOptions options = options(FileFormat.CSV, false, false);
        ObjectStore failing = new TransferTest.FailingStore(s3, 2);
        LadingException e = assertThrows(LadingException.class, () -> Rebalance.run(local, failing, plan, options, new TransferCounters()));
        assertTrue(e.getMessage().startsWith("transfer of " + src + " to " + to + " failed: injected fault: the process dies before committing "
                + plan.outputs().get(2)), e.getMessage());
        assertTrue(e.getMessage().endsWith("; nothing was published (4 writes aborted, 2 committed files removed)"), e.getMessage());
        assertEquals(List.of(), s3.list(to, false));
        assertFalse(s3.stat(plan.manifest()).isPresent());
        assertEquals(List.of(), s3Server.pendingUploads(to.bucket(), ""));

        RebalanceResult again = Rebalance.run(local, s3, plan, options, new TransferCounters());
        assertRebalanced(s3, plan, again, expected, options.text());
    }

    @Test
    void aReadFailureAbortsEveryWrite() throws Exception {
        Location src = localBucket().resolve("cut/");
        put(local, src.resolve("a.csv"), utf8(csvRecords(100, 1)));
        put(local, src.resolve("b.csv"), utf8(csvRecords(100, 2)));
        ObjectStore cutting = new ForwardingObjectStore(local) {
            @Override
            public InputStream open(Location location, long offset, long length) {
                InputStream real = delegate.open(location, offset, length);
                if (length >= 0 || !location.key().endsWith("b.csv")) {
                    return real;
                }
                return new java.io.FilterInputStream(real) {
                    private long read;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (read > 1000) {
                            throw new IOException("connection reset");
                        }
                        int n = in.read(b, off, Math.min(len, 100));
                        read += Math.max(0, n);
                        return n;
                    }
                };
            }

            @Override
            public void close() {
            }
        };
        Location to = localBucket().resolve("out/");
        RebalancePlan plan = plan(src, sources(local, List.of(src.resolve("a.csv"), src.resolve("b.csv")), null), to, 6, "csv");
        LadingException e = assertThrows(LadingException.class,
                () -> Rebalance.run(cutting, local, plan, options(FileFormat.CSV, false, false), new TransferCounters()));
        assertEquals("transfer of " + src + " to " + to + " failed: cannot read " + src.resolve("b.csv")
                + ": connection reset; nothing was published (6 writes aborted, 0 committed files removed)", e.getMessage());
        assertEquals(List.of(), local.list(to, false));
        assertEquals(List.of(), local.pendingWrites(to));
        assertFalse(local.stat(plan.manifest()).isPresent());
    }

    @Test
    void aDestinationThatHoldsFilesNeedsOverwriteWhichReplacesThemAfterTheCommit() throws Exception {
        Location src = localBucket().resolve("o/");
        List<String> records = csvRecords(60, 5);
        put(local, src.resolve("a.csv"), utf8(records));
        Location to = localBucket().resolve("dest/");
        put(local, to.resolve("old.csv"), "old\n".getBytes(StandardCharsets.UTF_8));
        RebalancePlan plan = plan(src, sources(local, List.of(src.resolve("a.csv")), null), to, 6, "csv");
        LadingException e = assertThrows(LadingException.class,
                () -> Rebalance.run(local, local, plan, options(FileFormat.CSV, false, false), new TransferCounters()));
        assertEquals("destination " + to + " is not empty (1 objects, e.g. " + to.resolve("old.csv")
                + "); use --overwrite to replace them once the new files are committed, or choose another folder", e.getMessage());
        assertEquals(List.of(to.resolve("old.csv")), local.list(to, false).stream().map(ObjectInfo::location).toList());

        RebalanceResult result = Rebalance.run(local, local, plan, options(FileFormat.CSV, false, true), new TransferCounters());
        assertRebalanced(local, plan, result, records, options(FileFormat.CSV, false, false).text());
    }

    @Test
    void fromAndToOneFolderIsRefused() throws Exception {
        Location src = localBucket().resolve("same/");
        LadingException e = assertThrows(LadingException.class, () -> plan(src, List.of(), src, 6, "csv"));
        assertEquals("FROM and TO are the same folder (" + src + "); give TO another folder", e.getMessage());
    }
}
