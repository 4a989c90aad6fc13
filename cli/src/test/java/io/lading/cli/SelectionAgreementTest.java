package io.lading.cli;

import io.lading.format.Manifest;
import io.lading.loader.FileSelection;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.ObjectWrite;
import io.lading.storage.SelectionRule;
import io.lading.storage.StoreOptions;
import io.lading.storage.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * One table of locations through {@code ls}, load's selection and {@code ddl}'s selection, on the
 * local store and on S3 (in-process S3Proxy): {@code ls} prints exactly what a load reads, and the
 * rule {@code ddl} puts in an external table, decided by the name alone, reads the same files.
 */
class SelectionAgreementTest {
    /** Each file with its content; the export is what {@code lading unload --to exports/orders/} leaves. */
    private static final List<String> FILES = List.of("exports/orders/part-0.csv", "exports/orders/part-1.csv",
            "raw/sales/a.csv", "raw/sales/b.csv", "raw/sales/deep/c.csv", "raw/sales_2024.csv");

    /** A location (relative key), an explicit --match or null, the rule ls and load apply, the files in read order, ddl's rule. */
    record Row(String key, SelectionRule match, SelectionRule rule, List<String> files, SelectionRule ddlRule) {
        @Override
        public String toString() {
            return key + (match == null ? "" : " --match " + match.optionName());
        }
    }

    private static final List<String> EXPORT_IN_MANIFEST_ORDER = List.of("exports/orders/part-1.csv", "exports/orders/part-0.csv");
    private static final List<String> EXPORT_LISTED = List.of("exports/orders/part-0.csv", "exports/orders/part-1.csv");

    static final List<Row> TABLE = List.of(
            new Row("exports/orders/", null, SelectionRule.MANIFEST, EXPORT_IN_MANIFEST_ORDER, SelectionRule.DIR),
            new Row("exports/orders", null, SelectionRule.MANIFEST, EXPORT_IN_MANIFEST_ORDER, SelectionRule.PREFIX),
            new Row("exports/orders.manifest", null, SelectionRule.MANIFEST, EXPORT_IN_MANIFEST_ORDER, SelectionRule.MANIFEST),
            new Row("exports/orders/", SelectionRule.DIR, SelectionRule.DIR, EXPORT_LISTED, SelectionRule.DIR),
            new Row("exports/orders", SelectionRule.PREFIX, SelectionRule.PREFIX, EXPORT_LISTED, SelectionRule.PREFIX),
            new Row("raw/sales/", null, SelectionRule.DIR, List.of("raw/sales/a.csv", "raw/sales/b.csv"), SelectionRule.DIR),
            new Row("raw/sales", null, SelectionRule.PREFIX,
                    List.of("raw/sales/a.csv", "raw/sales/b.csv", "raw/sales/deep/c.csv", "raw/sales_2024.csv"), SelectionRule.PREFIX),
            new Row("raw/sales/a.csv", SelectionRule.FILEPATH, SelectionRule.FILEPATH, List.of("raw/sales/a.csv"), SelectionRule.FILEPATH));

    @TempDir
    static Path local;

    private static S3ProxyServer s3;
    private static String bucket;

    @BeforeAll
    static void writeBothStores() throws IOException {
        s3 = S3ProxyServer.start();
        bucket = "sel-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
        // ls and load use the SDK's default chain; system properties are part of it and need no environment
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        for (String store : List.of("local", "s3")) {
            Location base = Location.parse(typed(store, ""));
            try (ObjectStore objects = ObjectStores.open(base, StoreOptions.NONE)) {
                for (String file : FILES) {
                    write(objects, base.withKey(base.key() + file), file + "\n");
                }
                List<Manifest.Entry> entries = new ArrayList<>();
                for (String file : EXPORT_IN_MANIFEST_ORDER) {
                    entries.add(new Manifest.Entry(base(store) + file, true, file.length() + 1, 1));
                }
                write(objects, base.withKey(base.key() + "exports/orders.manifest"), new String(new Manifest(entries, null).toJson(),
                        StandardCharsets.UTF_8));
            }
        }
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        s3.close();
    }

    private static void write(ObjectStore store, Location location, String content) throws IOException {
        try (ObjectWrite write = store.create(location)) {
            write.output().write(content.getBytes(StandardCharsets.UTF_8));
            write.commit();
        }
    }

    /** Where the table's keys live, as ls prints it. */
    private static String base(String store) {
        return store.equals("local") ? "file://" + local + "/" : "s3://" + bucket + "/";
    }

    private static String query(String store) {
        return store.equals("local") ? "" : s3.locationQuery();
    }

    /** A location as a user types it: with the S3 endpoint in the query, since ls and load take it from there. */
    private static String typed(String store, String key) {
        return base(store) + key + (store.equals("local") ? "" : "?" + query(store));
    }

    static Stream<Arguments> rows() {
        return Stream.of("local", "s3").flatMap(store -> TABLE.stream().map(row -> arguments(store, row)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rows")
    void lsLoadAndDdlAgree(String store, Row row) {
        List<String> expected = row.files().stream().map(f -> base(store) + f).toList();

        assertEquals(expected, ls(store, row.key(), row.match()), "ls");

        Location from = Location.parse(typed(store, row.key()));
        try (ObjectStore objects = ObjectStores.open(from, StoreOptions.NONE)) {
            FileSelection.Selected load = FileSelection.resolve(objects, from, row.match());
            assertEquals(row.rule(), load.rule(), "load's rule");
            assertEquals(expected, load.files().stream().map(f -> f.uri()).toList(), "load");
        }

        SelectionRule ddl = ddlRule(row.key(), row.match());
        assertEquals(row.ddlRule(), ddl, "ddl's rule");
        // the external table reads the same files, in the order the segments list them
        assertEquals(new HashSet<>(expected), new HashSet<>(ls(store, row.key(), ddl)), "ddl's files");
    }

    private static List<String> ls(String store, String key, SelectionRule match) {
        List<String> args = new ArrayList<>(List.of("ls", typed(store, key)));
        if (match != null) {
            args.addAll(List.of("--match", match.optionName()));
        }
        CliRun r = CliRun.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return r.out().lines().map(line -> line.substring(0, line.indexOf('\t'))).toList();
    }

    private static final Pattern OSS_EXT_RULE = Pattern.compile(" (prefix|dir|filepath)=");

    /**
     * The rule {@code lading ddl} writes into an AnalyticDB external table for the key. ddl never asks
     * the store, so an {@code oss://} location with the same key stands for both stores; {@code oss_ext}
     * has no manifest rule and says so when it is given one.
     */
    private static SelectionRule ddlRule(String key, SelectionRule match) {
        List<String> args = new ArrayList<>(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--columns", "a int",
                "--from", "oss://bkt/" + key, "--endpoint", "oss-cn-hangzhou.aliyuncs.com"));
        if (match != null) {
            args.addAll(List.of("--match", match.optionName()));
        }
        DdlCommandTest.Result r = DdlCommandTest.run(DdlCommandTest.ENV, args.toArray(String[]::new));
        if (r.code() == 1 && r.err().equals("lading: error: adbpg: oss_ext has no manifest selection; use --match prefix, dir or filepath\n")) {
            return SelectionRule.MANIFEST;
        }
        assertEquals(0, r.code(), r.err());
        Matcher m = OSS_EXT_RULE.matcher(r.out());
        assertTrue(m.find(), r.out());
        return SelectionRule.parse(m.group(1));
    }
}
