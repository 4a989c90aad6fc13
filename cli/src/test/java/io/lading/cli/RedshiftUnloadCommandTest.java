package io.lading.cli;

import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.testing.S3ProxyServer;
import io.lading.unloader.testing.RedshiftStandIn;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lading unload --source <redshift>} through the command line. The "Redshift" is the test
 * PostgreSQL seen through a {@code search_path} whose first schema holds a {@code version()} that
 * answers as Redshift does, so detection runs for real; the UNLOAD itself is {@link RedshiftStandIn}'s.
 * The adopted files load back with {@code lading load} exactly.
 */
class RedshiftUnloadCommandTest {
    private static final String BUCKET = "rsun-cli";
    private static final String KEY_ID = "ASIAEXAMPLEKEYID";
    private static final String SECRET = "wJalrXUtnFEMIEXAMPLESECRET";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";
    private static PgFixture pg;
    private static S3ProxyServer s3;
    private static ObjectStore store;
    private static String redshift;

    @BeforeAll
    static void setUp() throws Exception {
        pg = new PgFixture("ld_rsun_");
        pg.createHardRows("hard");
        pg.execute("create function " + pg.schema + ".version() returns text language sql as $$select 'PostgreSQL 8.0.2 on i686-pc-linux-gnu,"
                + " compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467'$$");
        redshift = PgFixture.URL + (PgFixture.URL.contains("?") ? "&" : "?") + "options=-c%20search_path%3D" + pg.schema + "%2Cpg_catalog";
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        store = s3.openStore();
        // the store's keys: the CLI reads them from the environment or, as here, from Java system properties
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            store.close();
            s3.close();
        }
        finally {
            pg.close();
        }
    }

    private static String s3(String key) {
        return "s3://" + BUCKET + "/" + key + "?" + s3.locationQuery();
    }

    /** The command line with the stand-in cluster and the session's keys in {@code env}. */
    private static CliRun lading(Map<String, String> env, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K made = CommandLine.defaultFactory().create(cls);
                if (made instanceof UnloadCommand unload) {
                    unload.environment = env::get;
                    unload.redshift = new RedshiftStandIn(store, 3, RedshiftStandIn.Fault.NONE);
                }
                return made;
            }
        };
        return CliRun.run(Lading.newCommandLine(factory), args);
    }

    private static final Map<String, String> SESSION = Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", TOKEN);

    @Test
    void aRedshiftSourceIsUnloadedByItsOwnUnloadAndTheAdoptedFilesLoadBackExactly() throws Exception {
        CliRun unload = lading(SESSION, "unload", "--source", redshift, "--table", pg.schema + ".hard", "--to", s3("exports/hard/"), "--json");
        assertEquals(0, unload.exit(), unload.err());
        assertTrue(unload.out().startsWith("{\"operation\":\"unload\",\"subject\":\"" + pg.schema + ".hard\",\"rows\":"
                + pg.count("select count(*) from " + pg.schema + ".hard") + ",\"files\":4,"), unload.out());
        assertFalse(unload.err().contains(SECRET) || unload.err().contains(TOKEN), unload.err());

        List<String> keys = store.list(s3.at(BUCKET, "exports/"), false).stream().map(ObjectInfo::key).sorted().toList();
        assertEquals(5, keys.size(), keys.toString());
        assertEquals("exports/hard.manifest", keys.get(0));
        assertTrue(keys.subList(1, 5).stream().allMatch(k -> k.matches("exports/hard/part-\\d{8}T\\d{9}-000[01]-0000[0-2]\\.csv\\.gz")), keys.toString());

        String target = pg.schema + ".back";
        CliRun load = CliRun.run("load", "--target", PgFixture.URL, "--table", target, "--from", s3("exports/hard/"), "--create-table",
                "--ledger-schema", pg.schema, "--parallel", "2");
        assertEquals(0, load.exit(), load.err());
        assertEquals(0, pg.difference(pg.schema + ".hard", target));
        assertEquals(pg.count("select count(*) from " + pg.schema + ".hard"), pg.count("select count(*) from " + target));
    }

    @Test
    void theDryRunPrintsTheUnloadWithTheSessionsCredentialsMasked() throws Exception {
        CliRun dry = lading(SESSION, "unload", "--source", redshift, "--query", "select id, s from " + pg.schema + ".hard where s <> 'it''s'",
                "--to", s3("dry/q/"), "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("    UNLOAD ('SELECT * FROM (select id, s from " + pg.schema + ".hard where s <> ''it''''s'') AS q')\n"
                + "    TO 's3://" + BUCKET + "/dry/.lading-staging-"), dry.out());
        assertTrue(dry.out().contains("    ACCESS_KEY_ID '****' SECRET_ACCESS_KEY '****' SESSION_TOKEN '****'\n    MANIFEST VERBOSE\n"
                + "    FORMAT AS CSV\n    GZIP\n    PARALLEL ON\n    MAXFILESIZE 1024 MB"), dry.out());
        assertFalse(dry.out().contains(KEY_ID) || dry.out().contains(SECRET) || dry.out().contains(TOKEN), dry.out());
        assertEquals(List.of(), store.list(s3.at(BUCKET, "dry/"), false), "a dry run touches nothing");

        CliRun role = lading(Map.of(), "unload", "--source", redshift, "--table", pg.schema + ".hard", "--to", s3("dry/t/"), "--dry-run",
                "--format", "parquet", "--iam-role", "arn:aws:iam::123456789012:role/Unload");
        assertEquals(0, role.exit(), role.err());
        assertTrue(role.out().contains("    IAM_ROLE 'arn:aws:iam::123456789012:role/Unload'\n    MANIFEST VERBOSE\n    FORMAT AS PARQUET\n"), role.out());
    }

    @Test
    void aClientSideUnloadOfRedshiftIsRefusedInOneLine() throws Exception {
        CliRun copy = lading(SESSION, "unload", "--source", redshift, "--table", pg.schema + ".hard", "--to", s3("copy/hard/"), "--mode", "copy");
        assertError(copy, 1, "lading: error: Redshift cannot COPY TO STDOUT, so a client-side unload (--mode copy) of "
                + io.lading.warehouse.ConnectionSpec.parse(redshift) + " is impossible; drop --mode copy: Lading then runs Redshift's own"
                + " UNLOAD into the s3:// destination and adopts its files");
        assertEquals(List.of(), store.list(s3.at(BUCKET, "copy/"), false));
    }

    @Test
    void oneLineForEveryUsageMistake() throws Exception {
        String table = pg.schema + ".hard";
        assertError(lading(SESSION, "unload", "--source", redshift, "--table", table, "--to", "file:///tmp/rsun-never/x/"), 2,
                "lading: an unload from Redshift needs an s3:// destination (Redshift's UNLOAD writes to S3 only), not file:///tmp/rsun-never/x/");
        assertError(lading(SESSION, "unload", "--source", redshift, "--table", table, "--to", s3("u/x/"), "--segments", "4"), 2,
                "lading: --segments, --segments-from, --files-per-segment, --split-by, --parallel, --s3-config, --option and"
                        + " --distributed-randomly do not apply to an unload from Redshift: its slices write the files");
        assertError(lading(Map.of(), "unload", "--source", redshift, "--table", table, "--to", s3("u/x/")), 1,
                "lading: error: Redshift's UNLOAD needs credentials to write to s3://" + BUCKET + "/u/x/: set AWS_ACCESS_KEY_ID and"
                        + " AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for a session), or give --iam-role");
        assertError(lading(SESSION, "unload", "--source", redshift, "--table", table, "--to", s3("u/x/"), "--format", "parquet",
                "--compression", "zstd"), 1, "lading: error: Redshift's UNLOAD writes Parquet with snappy compression only, not zstd; drop --compression");
        assertError(lading(SESSION, "unload", "--source", redshift, "--table", table, "--to", s3("u/x/"), "--mode", "copy", "--dialect", "redshift"), 2,
                "lading: --dialect redshift needs --mode external (or no --mode): Redshift's UNLOAD writes the files");
        assertError(lading(SESSION, "unload", "--source", redshift, "--table", table, "--to", s3("u/x/"), "--mode", "external", "--dialect",
                "greenplum"), 1, "lading: error: --mode external through a writable external table needs a Greenplum or AnalyticDB source: "
                        + io.lading.warehouse.ConnectionSpec.parse(redshift) + " is Redshift; drop --dialect: Lading then runs Redshift's own UNLOAD"
                        + " and adopts its files");
        assertError(lading(SESSION, "unload", "--source", PgFixture.URL, "--table", table, "--to", s3("u/x/"), "--iam-role", "arn:x"), 2,
                "lading: --iam-role is for an unload from Redshift");
        assertError(lading(SESSION, "unload", "--source", PgFixture.URL, "--table", table, "--to", s3("u/x/"), "--dialect", "redshift"), 1,
                "lading: error: --dialect redshift needs a Redshift source: " + io.lading.warehouse.ConnectionSpec.parse(PgFixture.URL)
                        + " is PostgreSQL; drop --mode and --dialect");
        assertEquals(List.of(), store.list(s3.at(BUCKET, "u/"), false));
    }

    private static void assertError(CliRun r, int exit, String firstLine) {
        assertEquals(exit, r.exit(), r.err());
        assertEquals(firstLine, r.err().lines().findFirst().orElse(""), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
    }
}
