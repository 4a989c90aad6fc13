package io.lading.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lading.cli.RedshiftUnloadFiles.Codec;
import io.lading.cli.RedshiftUnloadFiles.Form;
import io.lading.storage.testing.S3ProxyServer;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redshift UNLOAD output loaded as it is (issue 12, "Redshift in"): files written in Redshift's
 * documented format with their manifest, each text form and compression, loaded through the command
 * line and compared with the source rows by SQL; and the same folder transferred to S3 and loaded there.
 */
class RedshiftInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("id", "s", "n");
    /** Values Redshift's text forms must carry: delimiter, backslashes, LF, CR, quotes, empty vs NULL, unicode. */
    private static final List<String[]> ROWS = List.of(
            new String[] {"1", "plain", "1.50"},
            new String[] {"2", "pipe|inside", null},
            new String[] {"3", "back\\slash \\N \\. C:\\new \\x41", "3.25"},
            new String[] {"4", "new\nline", "4.00"},
            new String[] {"5", "carriage\rreturn and\r\ncrlf", "5.00"},
            new String[] {"6", "quote \"double\" and 'single'", "6.00"},
            new String[] {"7", "", "7.00"},
            new String[] {"8", null, "8.00"},
            new String[] {"9", "tab\there żółw 🐢", "-9.99"},
            new String[] {"10", "ends with backslash\\", "10.00"},
            new String[] {"11", "\"", "11.00"},
            new String[] {"12", "\\", null},
            new String[] {"13", "|", "13.00"});

    private static PgFixture pg;
    private static String schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pg = new PgFixture("ld_rsin_");
        schema = pg.schema;
        pg.execute("create table " + schema + ".src (id int, s text, n numeric(12,2))");
        try (PreparedStatement insert = pg.connection.prepareStatement("insert into " + schema + ".src values (?::int, ?, ?::numeric)")) {
            for (String[] row : ROWS) {
                for (int i = 0; i < row.length; i++) {
                    insert.setString(i + 1, row[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
        if (!pg.connection.getAutoCommit()) {
            pg.connection.commit();
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        pg.close();
    }

    /** One UNLOAD form: how it is written, how it is loaded, which source rows it can carry and how they read back. */
    private record Case(String name, Form form, Codec codec, String nullAs, List<String> loadOptions, String where, String expected) {
    }

    private static final String EXACT = "select id, s, n from %s.src";
    /** NULL AS '' (Redshift's default): an empty string comes back as NULL, in Redshift's own COPY too. */
    private static final String EMPTY_IS_NULL = "select id, nullif(s, ''), n from %s.src";
    private static final String NO_DELIMITER_OR_NEWLINE = "s is null or s !~ '[|\\r\\n]'";
    private static final String NO_DOUBLE_QUOTE = "s is null or s !~ '\"'";

    private static List<Case> cases() {
        return List.of(
                new Case("escape_null", Form.TEXT_ESCAPE, Codec.BZIP2, "\\N", List.of("--format", "text", "--delimiter", "|"), null, EXACT),
                new Case("escape", Form.TEXT_ESCAPE, Codec.ZSTD, "", List.of("--format", "text", "--delimiter", "|", "--null", ""),
                        null, EMPTY_IS_NULL),
                new Case("plain", Form.TEXT, Codec.GZIP, "", List.of("--format", "text", "--delimiter", "|", "--null", "", "--escape", "OFF"),
                        NO_DELIMITER_OR_NEWLINE, EMPTY_IS_NULL),
                new Case("addquotes", Form.ADDQUOTES, Codec.BZIP2, "", List.of("--format", "csv", "--delimiter", "|"), NO_DOUBLE_QUOTE, EXACT),
                new Case("addquotes_escape", Form.ADDQUOTES_ESCAPE, Codec.NONE, "",
                        List.of("--format", "text", "--delimiter", "|", "--null", "", "--remove-quotes"), null, EMPTY_IS_NULL),
                new Case("addquotes_escape_null", Form.ADDQUOTES_ESCAPE, Codec.ZSTD, "\\N",
                        List.of("--format", "text", "--delimiter", "|", "--remove-quotes"), null, EXACT),
                new Case("csv", Form.CSV, Codec.ZSTD, "", List.of("--format", "csv"), null, EXACT),
                new Case("csv_header", Form.CSV_HEADER, Codec.BZIP2, "", List.of("--format", "csv", "--header"), null, EXACT));
    }

    private static List<String[]> rows(String where) throws Exception {
        if (where == null) {
            return ROWS;
        }
        List<String[]> kept = new ArrayList<>();
        for (String[] row : ROWS) {
            if (pg.count("select count(*) from " + schema + ".src where id = " + row[0] + " and (" + where + ")") == 1) {
                kept.add(row);
            }
        }
        return kept;
    }

    /** Rows of {@code a} not in {@code b} and the other way round (EXCEPT ALL both ways). */
    private static long difference(String a, String b) throws Exception {
        return pg.count("select count(*) from ((" + a + " except all " + b + ") union all (" + b + " except all " + a + ")) d");
    }

    private static CliRun load(String table, String from, List<String> options) throws Exception {
        pg.execute("drop table if exists " + schema + "." + table);
        pg.execute("create table " + schema + "." + table + " (like " + schema + ".src)");
        List<String> args = new ArrayList<>(List.of("load", "--target", PgFixture.URL, "--table", schema + "." + table, "--from", from,
                "--ledger-schema", schema, "--parallel", "2"));
        args.addAll(options);
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void everyTextFormAndCompressionLoadsExactly() throws Exception {
        for (Case c : cases()) {
            Path folder = dir.resolve(c.name());
            List<String[]> rows = rows(c.where());
            RedshiftUnloadFiles.write(folder, "file://" + folder + "/", "t_", c.form(), c.codec(), c.nullAs(), NAMES, rows, 3);
            // the UNLOAD prefix selects the files; its manifest (t_manifest) is found and followed
            CliRun run = load("rs_" + c.name(), "file://" + folder + "/t_", c.loadOptions());
            assertEquals(0, run.exit(), c.name() + ": " + run.err());
            String expected = String.format(c.expected(), schema) + (c.where() == null ? "" : " where " + c.where());
            assertEquals(rows.size(), pg.count("select count(*) from " + schema + ".rs_" + c.name()), c.name());
            assertEquals(0, difference(expected, "select id, s, n from " + schema + ".rs_" + c.name()), c.name());
            assertEquals(3, pg.count("select count(*) from " + schema + ".lading_load_ledger where object_uri like 'file://"
                    + folder + "/t_000%_part_00%'"), c.name() + ": three files, by the manifest");
        }
    }

    @Test
    void parquetUnloadLoadsByItsManifest() throws Exception {
        Path folder = dir.resolve("pq");
        Files.createDirectories(folder);
        pg.parquetOut(schema + ".src", folder.resolve("t_0000_part_00.parquet"));
        long size = Files.size(folder.resolve("t_0000_part_00.parquet"));
        Files.writeString(folder.resolve("t_manifest"), "{\"entries\":[{\"url\":\"file://" + folder + "/t_0000_part_00.parquet\","
                + "\"meta\":{\"content_length\":" + size + ",\"record_count\":" + ROWS.size() + "}}],"
                + "\"schema\":{\"elements\":[{\"name\":\"id\",\"type\":{\"base\":\"integer\"}},"
                + "{\"name\":\"s\",\"type\":{\"base\":\"character varying\",\"max_length\":256}},"
                + "{\"name\":\"n\",\"type\":{\"base\":\"numeric\",\"precision\":12,\"scale\":2}}]},"
                + "\"meta\":{\"content_length\":" + size + ",\"record_count\":" + ROWS.size() + "}}");
        CliRun run = load("rs_parquet", "file://" + folder + "/t_manifest", List.of());
        assertEquals(0, run.exit(), run.err());
        assertEquals(0, difference(String.format(EXACT, schema), "select id, s, n from " + schema + ".rs_parquet"));
    }

    @Test
    void aRedshiftUnloadTransferredToS3LoadsThere() throws Exception {
        Path folder = dir.resolve("unload");
        RedshiftUnloadFiles.write(folder, "file://" + folder + "/", "orders_", Form.TEXT_ESCAPE, Codec.BZIP2, "\\N", NAMES, ROWS, 2);
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("rs-in");
            System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
            String to = "s3://rs-in/in/?" + s3.locationQuery();
            CliRun transfer = CliRun.run("transfer", "file://" + folder + "/orders_", to, "--json");
            assertEquals(0, transfer.exit(), transfer.err());
            JsonNode summary = JSON.readTree(transfer.out());
            assertEquals(2, summary.get("objects").asLong());
            assertEquals(ROWS.size(), summary.get("rows").asLong());
            assertEquals("s3://rs-in/in/orders_manifest", summary.get("manifest").asText(), "Redshift's manifest keeps its name");

            String prefix = "s3://rs-in/in/orders_?" + s3.locationQuery();
            CliRun ls = CliRun.run("ls", prefix);
            assertEquals(0, ls.exit(), ls.err());
            List<String> listed = Arrays.stream(ls.out().split("\n")).map(l -> l.substring(0, l.indexOf('\t'))).toList();
            assertEquals(List.of("s3://rs-in/in/orders_0000_part_00.bz2", "s3://rs-in/in/orders_0001_part_00.bz2"), listed,
                    "the manifest's files, not the manifest itself");

            // sizes, clean bzip2 streams and VERBOSE record counts, without a database
            CliRun verify = CliRun.run("verify", "--files", "s3://rs-in/in/orders_manifest?" + s3.locationQuery(),
                    "--format", "text", "--delimiter", "|");
            assertEquals(0, verify.exit(), verify.out() + verify.err());

            CliRun run = load("rs_from_s3", prefix, List.of("--format", "text", "--delimiter", "|"));
            assertEquals(0, run.exit(), run.err());
            assertEquals(0, difference(String.format(EXACT, schema), "select id, s, n from " + schema + ".rs_from_s3"));
        }
    }

    @Test
    void aRedshiftNameNeedsFormatAndDamageIsOneLine() throws Exception {
        Path folder = dir.resolve("noformat");
        RedshiftUnloadFiles.write(folder, "file://" + folder + "/", "t_", Form.TEXT_ESCAPE, Codec.GZIP, "\\N", NAMES, ROWS, 1);
        CliRun run = load("rs_noformat", "file://" + folder + "/t_", List.of());
        assertEquals(1, run.exit());
        assertEquals("lading: error: cannot tell the format of file://" + folder + "/t_0000_part_00.gz from its name"
                + " (.csv, .txt, .parquet, optionally .gz, .bz2 or .zst); pass --format text|csv|parquet\n", run.err());

        Path cut = dir.resolve("cut");
        Files.createDirectories(cut);
        byte[] whole = RedshiftUnloadFiles.compress(Codec.BZIP2, "1|x|1\n".repeat(50_000).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(cut.resolve("t_0000_part_00.bz2"), Arrays.copyOf(whole, whole.length / 3));
        CliRun damaged = load("rs_cut", "file://" + cut + "/", List.of("--format", "text", "--delimiter", "|"));
        assertEquals(1, damaged.exit());
        assertTrue(damaged.err().startsWith("lading: error: "), damaged.err());
        assertTrue(damaged.err().contains("corrupt bzip2 in file://" + cut + "/t_0000_part_00.bz2 at compressed byte offset "
                + whole.length / 3 + ": the object ends inside compressed data (truncated?)"), damaged.err());
        assertEquals(0, pg.count("select count(*) from " + schema + ".rs_cut"));

        CliRun csvQuotes = load("rs_bad", "file://" + folder + "/t_", List.of("--format", "csv", "--remove-quotes"));
        assertEquals(1, csvQuotes.exit());
        assertEquals("lading: error: --remove-quotes is for TEXT files (UNLOAD ... ADDQUOTES ESCAPE); CSV removes its quotes itself\n",
                csvQuotes.err());
        // a warehouse's external table reads the files itself: nothing can drop the quotes on the way
        CliRun external = CliRun.run("ddl", "--dialect", "adbpg", "--readable", "--table", "x", "--columns", "a int",
                "--from", "oss://b/t_?endpoint=https://oss-cn-hangzhou.aliyuncs.com", "--format", "text", "--remove-quotes");
        assertEquals(2, external.exit(), external.err());
        assertTrue(external.err().endsWith("\nlading: --remove-quotes is read by lading load in copy mode only (Lading drops the quotes"
                + " on the way to COPY; an external table reads the files itself)\nTry 'lading ddl --help' for more information.\n"),
                external.err());
    }
}
