package io.lading.warehouse.ddl;

import io.lading.warehouse.RejectLimit;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.warehouse.TableName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lading.warehouse.ddl.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The builders' output for each dialect, against golden files; the CLI tests cover the documentation's examples. */
class ExternalTableDialectTest {
    static final TableSchema COLUMNS = ColumnList.parse("id int8, \"Amount\" numeric(12,2), note text, at timestamp with time zone");
    static final Credentials KEYS = Credentials.keys("AKID", "S3CR3T", null);

    static ExternalTableSpec.Builder oss(String table, String location) {
        return ExternalTableSpec.builder(TableName.parse(table), COLUMNS, Location.parse(location)).credentials(KEYS);
    }

    static String render(List<String> statements) {
        StringBuilder out = new StringBuilder();
        statements.forEach(s -> out.append(s).append(";\n"));
        return out.toString();
    }

    @Test
    void adbpgQuotesHostileNamesAndPrefixes() {
        ExternalTableSpec spec = oss("\"we\"\"ird\".\"a\"\"b\"", "oss://bkt/it's/a\"b/?endpoint=https://oss-cn-beijing.aliyuncs.com")
                .format(FileFormat.TEXT)
                .text(new TextOptions(FileFormat.TEXT, "|", "NULL'\\", null, "\\", true, List.of(), "latin1", "CRLF"))
                .fillMissingFields(true)
                .rejectLimit(RejectLimit.parse("10%"))
                .logErrors(true)
                .option("async", "FALSE")
                .option("oss_speed_time", "30")
                .build();
        ExternalTableDialect d = ExternalTableDialect.forName("adbpg");
        assertGolden("adbpg-hostile-readable.sql", render(d.createStatements(spec, Secrets.REVEAL)));
        assertEquals(List.of("DROP EXTERNAL TABLE IF EXISTS \"we\"\"ird\".\"a\"\"b\""), d.dropStatements(spec));
    }

    @Test
    void adbpgWritableWithEveryExportOption() {
        ExternalTableSpec spec = oss("public.orders_out", "oss://bkt/exp/orders_?endpoint=oss-cn-hangzhou.aliyuncs.com")
                .direction(Direction.WRITABLE)
                .text(new TextOptions(FileFormat.CSV, ",", "\\N", "\"", "\\", false, List.of("note"), null, null))
                .compression(Compression.GZIP)
                .distribution(Distribution.RANDOMLY)
                .option("compressionlevel", "9")
                .option("oss_flush_block_size", "64")
                .option("oss_file_max_size", "4000")
                .option("num_parallel_worker", "8")
                .option("oss_connect_timeout", "20")
                .build();
        assertGolden("adbpg-writable-options.sql", render(ExternalTableDialect.forName("adbpg").createStatements(spec, Secrets.MASK)));
    }

    @Test
    void adbpg7KeepsKeysInTheUserMapping() {
        ExternalTableSpec spec = oss("staging.\"Orders\"", "oss://bkt/in/orders/?endpoint=oss-cn-hangzhou-internal.aliyuncs.com")
                .selection(SelectionRule.DIR)
                .text(new TextOptions(FileFormat.CSV, ";", "", "\"", null, true, List.of(), "UTF8", null))
                .compression(Compression.GZIP)
                .rejectLimit(RejectLimit.parse("100"))
                .logErrors(true)
                .option("user", "loader")
                .build();
        ExternalTableDialect d = ExternalTableDialect.forName("adbpg7");
        List<String> create = d.createStatements(spec, Secrets.REVEAL);
        assertEquals(3, create.size());
        assertFalse(create.get(2).contains("AKID") || create.get(2).contains("S3CR3T"), "keys must not be in the foreign table");
        assertTrue(create.get(1).contains("'S3CR3T'"));
        assertGolden("adbpg7-readable.sql", render(create));
        assertGolden("adbpg7-drop.sql", render(d.dropStatements(spec)));
    }

    @Test
    void adbpg7Parquet() {
        ExternalTableSpec spec = oss("lake", "oss://bkt/lake/?endpoint=oss-cn-hangzhou-internal.aliyuncs.com")
                .selection(SelectionRule.DIR).format(FileFormat.PARQUET).option("server", "lake_srv").build();
        assertGolden("adbpg7-parquet.sql", render(ExternalTableDialect.forName("adbpg7").createStatements(spec, Secrets.MASK)));
    }

    @Test
    void greenplumAgainstAnS3CompatibleServer() {
        ExternalTableSpec spec = ExternalTableSpec.builder(TableName.parse("gp_in"), COLUMNS,
                        Location.parse("s3://bkt/unload/orders/part-?endpoint=http://10.0.0.5:9000"))
                .credentials(Credentials.keys("minio", "minio123", "tok"))
                .format(FileFormat.TEXT)
                .rejectLimit(RejectLimit.parse("50 rows"))
                .logErrors(true)
                .option("config", "/home/gpadmin/s3.conf")
                .option("threadnum", "6")
                .option("chunksize", "16777216")
                .build();
        ExternalTableDialect d = ExternalTableDialect.forName("greenplum");
        assertGolden("greenplum-readable-compatible.sql", render(d.createStatements(spec, Secrets.MASK)));
        assertGolden("greenplum-compatible-s3.conf", GreenplumDialect.s3Config(spec, Secrets.REVEAL));
        assertEquals(List.of("DROP EXTERNAL TABLE IF EXISTS \"gp_in\""), d.dropStatements(spec));
    }

    @Test
    void greenplumWithoutConfigLeavesItOutOfTheLocation() {
        ExternalTableSpec spec = ExternalTableSpec.builder(TableName.parse("gp_in"), COLUMNS,
                        Location.parse("s3://bkt/unload/orders/?endpoint=http://10.0.0.5:9000"))
                .credentials(Credentials.keys("minio", "minio123", null))
                .format(FileFormat.CSV)
                .build();
        assertGolden("greenplum-readable-default-config.sql", render(ExternalTableDialect.forName("greenplum").createStatements(spec, Secrets.MASK)));
        assertEquals("s3/s3.conf in every segment's data directory", GreenplumDialect.configPlace(spec));
        assertEquals("/etc/s3.conf on every segment host", GreenplumDialect.configPlace(ExternalTableSpec.builder(TableName.parse("gp_in"), COLUMNS,
                Location.parse("s3://bkt/p")).option("config", "/etc/s3.conf").build()));
    }

    @Test
    void greenplumOnAws() {
        ExternalTableSpec spec = ExternalTableSpec.builder(TableName.parse("gp_out"), COLUMNS, Location.parse("s3://bkt/exp/orders_?region=eu-west-1"))
                .credentials(KEYS)
                .direction(Direction.WRITABLE)
                .compression(Compression.NONE)
                .distribution(Distribution.by(List.of("id")))
                .option("config", "/etc/gpcloud/s3.conf")
                .build();
        assertGolden("greenplum-writable-aws.sql", render(ExternalTableDialect.forName("greenplum").createStatements(spec, Secrets.MASK)));
        assertGolden("greenplum-aws-s3.conf", GreenplumDialect.s3Config(spec, Secrets.MASK));
    }

    @Test
    void redshiftCopyAndUnload() {
        ExternalTableSpec copy = ExternalTableSpec.builder(TableName.parse("sales.\"it's\""), COLUMNS, Location.parse("s3://bkt/unload/sales/manifest?region=us-west-2"))
                .credentials(Credentials.keys("AKIA", "secret", "token"))
                .selection(SelectionRule.MANIFEST)
                .text(new TextOptions(FileFormat.TEXT, "\t", "\\N", null, "\\", false, List.of(), "utf-8", null))
                .compression(Compression.GZIP)
                .rejectLimit(RejectLimit.parse("10"))
                .fillMissingFields(true)
                .build();
        ExternalTableDialect d = ExternalTableDialect.forName("redshift");
        assertGolden("redshift-copy-text.sql", render(d.createStatements(copy, Secrets.REVEAL)));
        ExternalTableSpec unload = ExternalTableSpec.builder(TableName.parse("sales.\"it's\\here\""), COLUMNS, Location.parse("s3://bkt/unload/sales/"))
                .credentials(new Credentials(null, null, null, "arn:aws:iam::123456789012:role/Unload"))
                .direction(Direction.WRITABLE)
                .format(FileFormat.PARQUET)
                .option("maxfilesize", "512")
                .option("parallel", "ON")
                .build();
        assertGolden("redshift-unload-parquet.sql", render(d.createStatements(unload, Secrets.MASK)));
        assertEquals(List.of(), d.dropStatements(unload));
        assertThrows(UnsupportedOperationException.class, () -> d.insertSelect(TableName.parse("a"), TableName.parse("b")));
    }

    @Test
    void loaderStatements() {
        ExternalTableDialect d = ExternalTableDialect.forName("ADBPG");
        assertEquals("adbpg", d.name());
        assertEquals("INSERT INTO \"s\".\"Target\" SELECT * FROM \"s\".\"ext\"\"1\"", d.insertSelect(TableName.parse("s.\"Target\""), TableName.parse("s.\"ext\"\"1\"")));
        assertEquals("SELECT linenum, errmsg, rawdata, filename FROM gp_read_error_log('\"s\".\"it''s\"') ORDER BY filename, linenum",
                d.readErrorLog(new TableName("s", "it's")));
        assertEquals("SELECT gp_truncate_error_log('\"e\"')", d.truncateErrorLog(TableName.parse("e")));
        assertEquals(List.of("CREATE EXTENSION IF NOT EXISTS oss_ext"), d.setupStatements());
    }

    @Test
    void temporaryNamesAreUniqueAndFit() {
        TableName target = new TableName("s", "t".repeat(40) + "é".repeat(20));
        TableName a = ExternalTableDialect.temporaryName(target);
        TableName b = ExternalTableDialect.temporaryName(target);
        assertNotEquals(a, b);
        assertEquals("s", a.schema());
        assertTrue(a.name().startsWith("lading_ext_ttt"), a.name());
        assertTrue(a.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 63, a.name());
        assertTrue(a.name().matches("lading_ext_[tté]+_[0-9a-f]{16}"), a.name());
        assertEquals("lading_ext_orders_", ExternalTableDialect.temporaryName(TableName.parse("orders")).name().substring(0, 18));
    }

    @Test
    void withNameKeepsEverythingElse() {
        ExternalTableSpec spec = oss("t", "oss://bkt/p?endpoint=e").rejectLimit(RejectLimit.parse("5")).logErrors(true).build();
        ExternalTableSpec renamed = spec.withName(TableName.parse("tmp"));
        assertEquals(TableName.parse("tmp"), renamed.name());
        assertEquals(spec.rejectLimit(), renamed.rejectLimit());
        assertEquals(spec.location(), renamed.location());
    }

    @Test
    void maskedOutputHasNoSecret() {
        ExternalTableSpec spec = oss("t", "oss://bkt/p?endpoint=e").build();
        for (String dialect : List.of("adbpg", "adbpg7")) {
            String text = String.join("\n", ExternalTableDialect.forName(dialect).createStatements(spec, Secrets.MASK));
            assertFalse(text.contains("AKID") || text.contains("S3CR3T"), text);
            assertTrue(text.contains("****"), text);
        }
    }
}
