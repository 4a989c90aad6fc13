package io.lading.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@code lading ddl} end to end through the real command line, with an environment the test owns. */
class DdlCommandTest {
    static final String OSS_ID = "LTAI5tOssKeyId";
    static final String OSS_SECRET = "oss-SECRET-value";
    static final String AWS_ID = "AKIAEXAMPLEKEYID";
    static final String AWS_SECRET = "aws/SECRET+value";
    static final String AWS_TOKEN = "aws-SESSION-token";
    static final Map<String, String> ENV = Map.of(
            "OSS_ACCESS_KEY_ID", OSS_ID, "OSS_ACCESS_KEY_SECRET", OSS_SECRET,
            "AWS_ACCESS_KEY_ID", AWS_ID, "AWS_SECRET_ACCESS_KEY", AWS_SECRET, "AWS_SESSION_TOKEN", AWS_TOKEN);
    static final List<String> SECRETS = List.of(OSS_ID, OSS_SECRET, AWS_ID, AWS_SECRET, AWS_TOKEN);

    static final String DOC_COLUMNS = "date text, time text, open float, high float, low float, volume int";
    static final String ENDPOINT = "oss-cn-hangzhou.aliyuncs.com";

    record Result(int code, String out, String err) {
    }

    static Result run(Map<String, String> env, String... args) {
        CommandLine cmd = Lading.newCommandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == DdlCommand.class) {
                    return cls.cast(new DdlCommand(env::get));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "ddl";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cmd.execute(all);
        return new Result(code, out.toString(), err.toString());
    }

    static Result ok(String... args) {
        Result r = run(ENV, args);
        assertEquals(0, r.code(), () -> "exit code; stderr: " + r.err());
        return r;
    }

    /** The golden file's text; {@code -Dlading.golden.update=true} writes {@code actual} there instead, for review. */
    static String golden(String name, String actual) {
        if (Boolean.getBoolean("lading.golden.update")) {
            try {
                Files.writeString(Path.of("src/test/resources/golden", name), actual, StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new AssertionError(e);
            }
            return actual;
        }
        return golden(name);
    }

    static String golden(String name) {
        try (InputStream in = DdlCommandTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "missing golden/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> documentationExamples() {
        return Stream.of(
                arguments("adbpg-doc-readable-prefix.sql", List.of("--readable", "--table", "ossexample", "--from", "oss://testbucket/osstest/example",
                        "--compression", "gzip", "--quote", "'", "--delimiter", "\\t", "--encoding", "utf8", "--log-errors", "--reject-limit", "5")),
                arguments("adbpg-doc-readable-dir.sql", List.of("--readable", "--table", "ossexample", "--from", "oss://testbucket/osstest/",
                        "--match", "dir", "--log-errors", "--reject-limit", "5")),
                arguments("adbpg-doc-readable-filepath.sql", List.of("--readable", "--table", "ossexample", "--from", "oss://testbucket/osstest/example.csv",
                        "--match", "filepath", "--log-errors", "--reject-limit", "5")),
                arguments("adbpg-doc-writable-prefix.sql", List.of("--writable", "--table", "output_ossexample", "--to", "oss://testbucket/osstest/exp/outfromhdb",
                        "--distributed-by", "date")),
                arguments("adbpg-doc-writable-dir.sql", List.of("--writable", "--table", "output_ossexample", "--to", "oss://testbucket/osstest/exp/",
                        "--match", "dir", "--distributed-by", "date")));
    }

    /** The AnalyticDB documentation's oss_ext examples come out of {@code lading ddl} as those statements. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("documentationExamples")
    void analyticDbDocumentationExamples(String golden, List<String> args) {
        List<String> all = new ArrayList<>(List.of("--dialect", "adbpg", "--columns", DOC_COLUMNS, "--endpoint", ENDPOINT));
        all.addAll(args);
        Result r = ok(all.toArray(String[]::new));
        assertEquals(golden(golden), r.out());
        assertEquals("", r.err());
    }

    static Stream<Arguments> otherDialects() {
        return Stream.of(
                arguments("adbpg7-cli.sql", List.of("--dialect", "adbpg7", "--readable", "--table", "staging.ossexample",
                        "--columns", DOC_COLUMNS, "--from", "oss://testbucket/osstest/?endpoint=oss-cn-hangzhou-internal.aliyuncs.com",
                        "--match", "dir", "--format", "text", "--null", "", "--header", "--compression", "gzip")),
                arguments("greenplum-cli.sql", List.of("--dialect", "greenplum", "--readable", "--table", "ossexample", "--columns", DOC_COLUMNS,
                        "--from", "s3://testbucket/osstest/example", "--endpoint", "http://127.0.0.1:9000", "--s3-config", "/home/gpadmin/s3.conf",
                        "--format", "csv", "--header", "--reject-limit", "5%", "--log-errors", "--option", "threadnum=8")),
                arguments("greenplum-default-config-cli.sql", List.of("--dialect", "greenplum", "--readable", "--table", "ossexample",
                        "--columns", DOC_COLUMNS, "--from", "s3://testbucket/osstest/example", "--endpoint", "http://127.0.0.1:9000",
                        "--format", "csv")),
                arguments("redshift-copy-cli.sql", List.of("--dialect", "redshift", "--readable", "--table", "public.sales",
                        "--columns", "id bigint, \"Amount\" numeric(12,2), note varchar(100)", "--from", "s3://bkt/unload/sales/manifest",
                        "--match", "manifest", "--iam-role", "arn:aws:iam::123456789012:role/Load", "--compression", "gzip",
                        "--header", "--reject-limit", "10", "--region", "us-west-2")),
                arguments("redshift-unload-cli.sql", List.of("--dialect", "redshift", "--writable", "--table", "public.\"it's\"",
                        "--columns", "id bigint, \"Amount\" numeric(12,2), note varchar(100)", "--to", "s3://bkt/unload/sales/",
                        "--compression", "gzip", "--option", "maxfilesize=128")),
                arguments("adbpg-setup-cli.sql", List.of("--dialect", "adbpg", "--setup", "--writable", "--table", "out", "--columns", "a int",
                        "--to", "oss://bkt/exp/?endpoint=https://oss-cn-hangzhou.aliyuncs.com", "--match", "dir", "--format", "text",
                        "--delimiter", "|", "--compression", "gzip", "--option", "oss_file_max_size=256", "--option", "num_parallel_worker=4",
                        "--distributed-randomly")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherDialects")
    void otherDialectsMatchGoldenFiles(String golden, List<String> args) {
        Result r = ok(args.toArray(String[]::new));
        assertEquals(golden(golden, r.out()), r.out());
    }

    static Stream<Arguments> everyDialect() {
        return Stream.of(
                arguments(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--columns", "a int", "--from", "oss://b/p", "--endpoint", ENDPOINT)),
                arguments(List.of("--dialect", "adbpg7", "--writable", "--table", "t", "--columns", "a int", "--to", "oss://b/p/", "--endpoint", ENDPOINT)),
                arguments(List.of("--dialect", "greenplum", "--readable", "--table", "t", "--columns", "a int", "--from", "s3://b/p", "--s3-config", "/s3.conf")),
                arguments(List.of("--dialect", "redshift", "--writable", "--table", "t", "--columns", "a int", "--to", "s3://b/p/")),
                arguments(List.of("--dialect", "redshift", "--readable", "--table", "t", "--columns", "a int", "--from", "s3://b/p/", "--match", "prefix")));
    }

    @ParameterizedTest
    @MethodSource("everyDialect")
    void secretsAreMaskedUnlessAsked(List<String> args) {
        Result masked = ok(args.toArray(String[]::new));
        for (String secret : SECRETS) {
            assertFalse(masked.out().contains(secret), () -> "secret in output: " + masked.out());
            assertFalse(masked.err().contains(secret), () -> "secret in stderr: " + masked.err());
        }
        assertTrue(masked.out().contains("****"), masked.out());

        List<String> show = new ArrayList<>(args);
        show.add("--show-secrets");
        Result shown = ok(show.toArray(String[]::new));
        boolean oss = args.contains("adbpg") || args.contains("adbpg7");
        assertTrue(shown.out().contains(oss ? OSS_SECRET : AWS_SECRET), shown.out());
        assertFalse(shown.out().contains("****"), shown.out());
    }

    @Test
    void s3ConfigFileHoldsTheRealSecretWithOwnerOnlyPermissions(@TempDir Path dir) throws IOException {
        Path conf = dir.resolve("s3.conf");
        Result r = ok("--dialect", "greenplum", "--writable", "--table", "t", "--columns", "a int", "--to", "s3://b/out/t_",
                "--endpoint", "https://minio.example.com:9000", "--s3-config", "/home/gpadmin/s3.conf", "--compression", "none",
                "--s3-config-out", conf.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
        assertEquals("""
                [default]
                accessid = "AKIAEXAMPLEKEYID"
                secret = "aws/SECRET+value"
                token = "aws-SESSION-token"
                threadnum = 4
                chunksize = 67108864
                encryption = true
                version = 2
                autocompress = false
                """, Files.readString(conf));
        for (String secret : SECRETS) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), r.out() + r.err());
        }
        assertFalse(r.out().contains("[default]"), "no preview when the file is written");
        assertEquals("lading: wrote " + conf + "; it contains the secret key: keep it private and copy it to /home/gpadmin/s3.conf on every segment host\n", r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(conf), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void missingCredentialsWarnWhenMaskedAndFailWhenNeeded(@TempDir Path dir) {
        String[] args = {"--dialect", "adbpg", "--readable", "--table", "t", "--columns", "a int", "--from", "oss://b/p", "--endpoint", ENDPOINT};
        Result masked = run(Map.of(), args);
        assertEquals(0, masked.code());
        assertEquals("lading: warning: OSS_ACCESS_KEY_ID is not set; the output shows **** in its place\n"
                + "lading: warning: OSS_ACCESS_KEY_SECRET is not set; the output shows **** in its place\n", masked.err());

        List<String> show = new ArrayList<>(Arrays.asList(args));
        show.add("--show-secrets");
        Result shown = run(Map.of("OSS_ACCESS_KEY_ID", "id"), show.toArray(String[]::new));
        assertEquals(1, shown.code());
        assertEquals("lading: error: OSS_ACCESS_KEY_SECRET is not set; --show-secrets needs the real credentials\n", shown.err());
        assertEquals("", shown.out());

        Result other = run(Map.of("MY_ID", "my-id", "MY_KEY", "my-key"), "--dialect", "adbpg7", "--readable", "--table", "t", "--columns", "a int",
                "--from", "oss://b/p", "--endpoint", ENDPOINT, "--access-key-id-env", "MY_ID", "--secret-key-env", "MY_KEY", "--show-secrets");
        assertEquals(0, other.code(), other.err());
        assertTrue(other.out().contains("OPTIONS (id 'my-id', key 'my-key')"), other.out());

        Result conf = run(Map.of(), "--dialect", "greenplum", "--readable", "--table", "t", "--columns", "a int", "--from", "s3://b/p",
                "--s3-config", "/s3.conf", "--s3-config-out", dir.resolve("s3.conf").toString());
        assertEquals(1, conf.code());
        assertEquals("lading: error: AWS_ACCESS_KEY_ID is not set; the s3.conf file needs the real credentials\n", conf.err());
        assertFalse(Files.exists(dir.resolve("s3.conf")));
    }

    @Test
    void hostileNamesAndPrefixesStayInsideTheirQuotes() {
        Result r = ok("--dialect", "adbpg", "--readable", "--table", "\"a\"\"b\"", "--columns", "\"x\"\"); drop table t; --\" int, \"Order Id\" numeric(12,2)",
                "--from", "oss://b/it's');drop/", "--endpoint", ENDPOINT, "--match", "prefix");
        assertEquals("""
                CREATE READABLE EXTERNAL TABLE "a""b" (
                    "x""); drop table t; --" int,
                    "Order Id" numeric(12,2)
                )
                LOCATION ('oss://oss-cn-hangzhou.aliyuncs.com prefix=it''s'');drop/ id=**** key=**** bucket=b')
                FORMAT 'CSV';
                """, r.out().substring(r.out().indexOf("CREATE READABLE")));
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                arguments(List.of("--dialect", "adbpg", "--readable", "--writable", "--table", "t", "--columns", "a int", "--from", "oss://b/p"),
                        "Error: --readable, --writable are mutually exclusive (specify only one)"),
                arguments(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--from", "oss://b/p"),
                        "Error: Missing required argument (specify one of these): (--columns=DEFS | (--like=[SCHEMA.]TABLE --db=DB))"),
                arguments(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--like", "x", "--from", "oss://b/p"),
                        "Error: Missing required argument(s): --db=DB"),
                arguments(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--columns", "a int", "--like", "x", "--db", "postgresql://h/d", "--from", "oss://b/p"),
                        "Error: --columns=DEFS and (--like=[SCHEMA.]TABLE --db=DB) are mutually exclusive (specify only one)"),
                arguments(List.of("--dialect", "adbpg", "--writable", "--table", "t", "--columns", "a int", "--to", "oss://b/p/", "--distributed-by", "a", "--distributed-randomly"),
                        "Error: --distributed-by=COLS, --distributed-randomly are mutually exclusive (specify only one)"),
                arguments(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--columns", "a int", "--to", "oss://b/p"),
                        "lading: --readable reads --from a location, not --to"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("usageErrors")
    void usageErrorsExitTwo(List<String> args, String firstLine) {
        Result r = run(ENV, args.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals(firstLine, r.err().lines().findFirst().orElse(""));
        assertEquals("", r.out());
    }

    static Stream<Arguments> ruleViolations() {
        return Stream.of(
                arguments(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--columns", "a int", "--from", "oss://b/p", "--endpoint", ENDPOINT, "--match", "dir"),
                        "dir selection needs a location ending with '/': oss://b/p"),
                arguments(List.of("--dialect", "adbpg", "--writable", "--table", "t", "--columns", "a int", "--to", "oss://b/p", "--endpoint", ENDPOINT, "--match", "filepath"),
                        "filepath selection is only for readable tables; use prefix or dir to write"),
                arguments(List.of("--dialect", "greenplum", "--readable", "--table", "t", "--columns", "a int", "--from", "s3://b/p/", "--s3-config", "/c", "--match", "dir"),
                        "greenplum: gpcloud selects by raw key prefix only; use --match prefix, not dir"),
                arguments(List.of("--dialect", "adbpg", "--writable", "--table", "t", "--columns", "a int", "--to", "oss://b/p", "--endpoint", ENDPOINT, "--option", "num_parallel_worker=9"),
                        "adbpg: num_parallel_worker must be from 1 to 8, not 9"),
                arguments(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--columns", "a int", "--from", "oss://b/p", "--endpoint", ENDPOINT, "--delimiter", "||"),
                        "--delimiter must be a single one-byte character, not '||'"),
                arguments(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--columns", "a int", "--from", "oss://b/p", "--endpoint", ENDPOINT, "--delimiter", "'", "--quote", "'"),
                        "--quote and --delimiter must differ (both are ''')"),
                arguments(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--columns", "a int", "--from", "oss://b/p", "--endpoint", ENDPOINT, "--delimiter", "é"),
                        "--delimiter must be a single one-byte character, not 'é'"),
                arguments(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--columns", "a int); drop table x; --", "--from", "oss://b/p", "--endpoint", ENDPOINT),
                        "column 'a' has an invalid type 'int); drop table x; --'; expected a type name such as integer, numeric(12,2), text[] or \"my_type\""),
                arguments(List.of("--dialect", "db2", "--readable", "--table", "t", "--columns", "a int", "--from", "oss://b/p"),
                        "unknown dialect 'db2'; use adbpg, adbpg7, greenplum or redshift"),
                arguments(List.of("--dialect", "adbpg", "--readable", "--table", "t", "--columns", "a int", "--from", "oss://b/p", "--endpoint", ENDPOINT, "--s3-config", "/c"),
                        "--s3-config is for the greenplum dialect"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("ruleViolations")
    void ruleViolationsExitOneWithOneLine(List<String> args, String message) {
        Result r = run(ENV, args.toArray(String[]::new));
        assertEquals(1, r.code(), r.err());
        assertEquals("lading: error: " + message + "\n", r.err());
        assertEquals("", r.out());
    }
}
