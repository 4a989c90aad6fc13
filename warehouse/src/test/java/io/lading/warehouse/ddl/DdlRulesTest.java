package io.lading.warehouse.ddl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.Test;
import io.lading.warehouse.RejectLimit;
import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.warehouse.TableName;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every documented rule, broken once, with the exact one-line message the user sees. */
class DdlRulesTest {
    static final String OSS = "oss://bkt/osstest/example?endpoint=oss-cn-hangzhou.aliyuncs.com";
    static final String OSS_DIR = "oss://bkt/osstest/?endpoint=oss-cn-hangzhou.aliyuncs.com";

    static ExternalTableSpec.Builder spec(String location) {
        return ExternalTableSpec.builder(TableName.parse("t"), ColumnList.parse("a int, b text"), Location.parse(location))
                .credentials(Credentials.keys("id", "key", null));
    }

    static Executable build(String dialect, String location, UnaryOperator<ExternalTableSpec.Builder> change) {
        return () -> ExternalTableDialect.forName(dialect).createStatements(change.apply(spec(location)).build(), Secrets.REVEAL);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                // selection
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.selection(SelectionRule.DIR),
                        "dir selection needs a location ending with '/': oss://bkt/osstest/example"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.selection(SelectionRule.FILEPATH).direction(Direction.WRITABLE),
                        "filepath selection is only for readable tables; use prefix or dir to write"),
                arguments("adbpg", OSS_DIR, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.selection(SelectionRule.FILEPATH),
                        "filepath selection needs a file name, not a folder: oss://bkt/osstest/"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.selection(SelectionRule.MANIFEST),
                        "adbpg: oss_ext has no manifest selection; use --match prefix, dir or filepath"),
                arguments("greenplum", "s3://bkt/p/", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.selection(SelectionRule.DIR).option("config", "/s3.conf"),
                        "greenplum: gpcloud selects by raw key prefix only; use --match prefix, not dir"),
                arguments("greenplum", "s3://bkt/p/f.csv", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.selection(SelectionRule.FILEPATH).option("config", "/s3.conf"),
                        "greenplum: gpcloud selects by raw key prefix only; use --match prefix, not filepath"),
                arguments("adbpg7", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.selection(SelectionRule.FILEPATH),
                        "adbpg7: oss_fdw selects by prefix or dir, not filepath"),
                arguments("redshift", "s3://bkt/p/", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.selection(SelectionRule.DIR),
                        "redshift: COPY and UNLOAD take a key prefix (a folder is a prefix ending with '/') or a manifest; use --match prefix or manifest"),
                // ranges
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).compression(Compression.GZIP).option("compressionlevel", "10"),
                        "adbpg: compressionlevel must be from 1 to 9, not 10"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).compression(Compression.GZIP).option("compressionlevel", "0"),
                        "adbpg: compressionlevel must be from 1 to 9, not 0"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).option("compressionlevel", "5"),
                        "adbpg: compressionlevel needs --compression gzip"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).option("oss_flush_block_size", "129"),
                        "adbpg: oss_flush_block_size must be from 1 to 128, not 129"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).option("oss_file_max_size", "7"),
                        "adbpg: oss_file_max_size must be from 8 to 4000, not 7"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).option("num_parallel_worker", "9"),
                        "adbpg: num_parallel_worker must be from 1 to 8, not 9"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).option("num_parallel_worker", "many"),
                        "adbpg: num_parallel_worker must be an integer from 1 to 8, not 'many'"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("oss_file_max_size", "100"),
                        "adbpg: oss_file_max_size is only for writable tables"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("async", "maybe"),
                        "adbpg: async must be one of false, true, not 'maybe'"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("oss_connect_timeout", "0"),
                        "adbpg: oss_connect_timeout must be from 1 to 2147483647, not 0"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("compressiontype", "gzip"),
                        "unknown --option 'compressiontype' for dialect adbpg; known: async, compressionlevel, oss_flush_block_size, oss_file_max_size, num_parallel_worker, oss_connect_timeout, oss_dns_cache_timeout, oss_speed_limit, oss_speed_time"),
                arguments("greenplum", "s3://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("config", "/s3.conf").option("threadnum", "9"),
                        "greenplum: threadnum must be from 1 to 8, not 9"),
                arguments("greenplum", "s3://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("config", "/s3.conf").option("chunksize", "1024"),
                        "greenplum: chunksize must be from 8388608 to 134217728, not 1024"),
                arguments("redshift", "s3://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).option("maxfilesize", "4"),
                        "redshift: maxfilesize must be from 5 to 6200, not 4"),
                // control characters
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.text(new TextOptions(FileFormat.CSV, "|", "", "\"", "|", false, List.of(), null, null)),
                        "--escape and --delimiter must differ (both are '|')"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.text(new TextOptions(FileFormat.TEXT, ",", "\\N", null, ",", false, List.of(), null, null)),
                        "--escape and --delimiter must differ (both are ',')"),
                // locations and values a LOCATION string cannot hold
                arguments("adbpg", "oss://bkt/a b?endpoint=e", (UnaryOperator<ExternalTableSpec.Builder>) b -> b,
                        "adbpg: prefix 'a b' contains whitespace or a control character, which a LOCATION string cannot express"),
                arguments("adbpg", "oss://bkt/a\tb?endpoint=e", (UnaryOperator<ExternalTableSpec.Builder>) b -> b,
                        "adbpg: prefix 'a\\tb' contains whitespace or a control character, which a LOCATION string cannot express"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.credentials(Credentials.keys("id", "se cret", null)),
                        "adbpg: the OSS AccessKey secret contains whitespace or a control character, which a LOCATION string cannot express"),
                arguments("greenplum", "s3://bkt/a b", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("config", "/s3.conf"),
                        "greenplum: prefix 'a b' contains whitespace or a control character, which a LOCATION string cannot express"),
                arguments("greenplum", "s3://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("config", "/my dir/s3.conf"),
                        "greenplum: config path '/my dir/s3.conf' contains whitespace or a control character, which a LOCATION string cannot express"),
                arguments("adbpg", "oss://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b,
                        "adbpg needs the OSS endpoint: --endpoint oss-cn-hangzhou.aliyuncs.com or ?endpoint= on the location"),
                arguments("adbpg", "s3://bkt/p?endpoint=e", (UnaryOperator<ExternalTableSpec.Builder>) b -> b,
                        "adbpg reads and writes OSS only; use an oss:// location, not s3://bkt/p"),
                arguments("redshift", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b,
                        "redshift reads and writes S3 only; use an s3:// location, not oss://bkt/osstest/example"),
                arguments("greenplum", "s3://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("config", " "),
                        "greenplum: --s3-config is empty; give the path of s3.conf on every segment host, or leave it out for gpcloud's"
                                + " default s3/s3.conf in each segment's data directory"),
                arguments("greenplum", "oss://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("config", "/s3.conf"),
                        "greenplum reaches OSS through its S3-compatible endpoint: give --endpoint"),
                // reject limits, error logs, distribution
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.logErrors(true),
                        "--log-errors needs --reject-limit (LOG ERRORS is part of SEGMENT REJECT LIMIT)"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).rejectLimit(RejectLimit.parse("5")),
                        "--reject-limit is only for readable tables"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.distribution(Distribution.RANDOMLY),
                        "--distributed-by/--distributed-randomly are only for writable tables"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).distribution(Distribution.by(List.of("c"))),
                        "--distributed-by column 'c' is not a column of the table"),
                arguments("greenplum", "s3://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("config", "/s3.conf").rejectLimit(RejectLimit.parse("5")).errorTable(TableName.parse("errs")),
                        "greenplum: LOG ERRORS INTO a table is gone since Greenplum 5; use --log-errors and gp_read_error_log"),
                arguments("adbpg7", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.rejectLimit(RejectLimit.parse("5%")),
                        "adbpg7: segment_reject_limit counts rows; give --reject-limit as a number of rows"),
                arguments("adbpg7", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).distribution(Distribution.RANDOMLY),
                        "adbpg7: a foreign table has no distribution; drop --distributed-by/--distributed-randomly"),
                arguments("redshift", "s3://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.rejectLimit(RejectLimit.parse("5")).logErrors(true),
                        "redshift records rejected rows in stl_load_errors by itself; drop --log-errors"),
                // format
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.format(FileFormat.PARQUET),
                        "adbpg external tables read TEXT or CSV, not Parquet"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE)
                                .text(new TextOptions(FileFormat.CSV, ",", "", "\"", null, true, List.of(), null, null)),
                        "adbpg writable external tables cannot write a header; drop --header"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.direction(Direction.WRITABLE).fillMissingFields(true),
                        "--fill-missing-fields is only for readable tables"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.forceNotNull(List.of("b")).format(FileFormat.TEXT),
                        "--force-not-null is available only in CSV format"),
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.text(new TextOptions(FileFormat.CSV, ",", "", "\"", null, false, List.of("a"), null, null)),
                        "--force-quote is only for writable tables"),
                arguments("redshift", "s3://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.text(new TextOptions(FileFormat.CSV, ",", "", "\"", "\\", false, List.of(), null, null)),
                        "redshift: CSV escapes a quote by doubling it; --escape must equal --quote"),
                // SEGMENT REJECT LIMIT rules of the Greenplum family (Redshift's MAXERROR takes any count)
                arguments("adbpg", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.rejectLimit(RejectLimit.parse("1")),
                        "--reject-limit must be at least 2 rows (a Greenplum rule), not 1"),
                arguments("greenplum", "s3://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.option("config", "/s3.conf").rejectLimit(RejectLimit.parse("0%")),
                        "--reject-limit percentage must be from 1 to 100, not 0%"),
                arguments("adbpg7", OSS, (UnaryOperator<ExternalTableSpec.Builder>) b -> b.rejectLimit(RejectLimit.parse("1")),
                        "--reject-limit must be at least 2 rows (a Greenplum rule), not 1"),
                arguments("redshift", "s3://bkt/p", (UnaryOperator<ExternalTableSpec.Builder>) b -> b.format(FileFormat.PARQUET).compression(Compression.GZIP),
                        "redshift: --compression gzip is for TEXT/CSV; Parquet files carry their own compression"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("violations")
    void ruleViolationsAreOneClearLine(String dialect, String location, UnaryOperator<ExternalTableSpec.Builder> change, String message) {
        LadingException e = assertThrows(LadingException.class, build(dialect, location, change));
        assertEquals(message, e.getMessage());
    }

    // Greenplum's minimum of 2 rows is not Redshift's: MAXERROR 1 tolerates exactly one bad row.
    @Test
    void redshiftTakesAMaxerrorOfOne() throws Throwable {
        List<String> copy = ExternalTableDialect.forName("redshift")
                .createStatements(spec("s3://bkt/p").rejectLimit(RejectLimit.parse("1")).build(), Secrets.REVEAL);
        assertTrue(copy.get(copy.size() - 1).lines().anyMatch("MAXERROR 1"::equals), copy.toString());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                arguments((Executable) () -> RejectLimit.parse("101%"), "--reject-limit percentage must be at most 100, not 101%"),
                arguments((Executable) () -> RejectLimit.parse("-1"), "--reject-limit must not be negative: -1"),
                arguments((Executable) () -> RejectLimit.parse("lots"), "invalid --reject-limit 'lots'; expected N (rows) or N% (percent)"),
                arguments((Executable) () -> ExternalTableDialect.forName("oracle"), "unknown dialect 'oracle'; use adbpg, adbpg7, greenplum or redshift"),
                arguments((Executable) () -> SelectionRule.parse("glob"), "unknown selection 'glob'; use prefix, dir, filepath or manifest"),
                arguments((Executable) () -> ColumnList.parse("a int); drop table x; --"),
                        "column 'a' has an invalid type 'int); drop table x; --'; expected a type name such as integer, numeric(12,2), text[] or \"my_type\""),
                arguments((Executable) () -> ColumnList.parse("a text default 'x'"),
                        "column 'a' has an invalid type 'text default 'x''; expected a type name such as integer, numeric(12,2), text[] or \"my_type\""),
                arguments((Executable) () -> ColumnList.parse("a int,, b int"), "--columns has an empty column definition in 'a int,, b int'"),
                arguments((Executable) () -> ColumnList.parse("a"), "--columns: column 'a' has no type; expected 'name type'"),
                arguments((Executable) () -> ColumnList.parse("\"a int"), "--columns: unterminated quoted name in '\"a int'"),
                arguments((Executable) () -> ColumnList.parseNames("--distributed-by", "a b"), "--distributed-by: invalid column name 'a b' in 'a b'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badValues")
    void badValuesAreOneClearLine(Executable call, String message) {
        assertEquals(message, assertThrows(LadingException.class, call).getMessage());
    }
}
