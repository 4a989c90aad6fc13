package io.lading.cli;

import io.lading.warehouse.RejectLimit;
import io.lading.format.Column;
import io.lading.format.TableSchema;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.ExternalTableDialect;
import io.lading.warehouse.ddl.ExternalTableSpec;
import io.lading.warehouse.ddl.Secrets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What external mode runs for a given command line: {@code lading load} options become the same
 * external-table spec {@code lading ddl} prints, under the loader's temporary name.
 */
class LoadExternalStatementsTest {
    static final TableSchema SCHEMA = new TableSchema(List.of(new Column("id", "bigint"), new Column("note", "text")));
    static final Map<String, String> ENV = Map.of("OSS_ACCESS_KEY_ID", "AKID", "OSS_ACCESS_KEY_SECRET", "SECRET",
            "AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "AWSSECRET");

    private static ExternalTableSpec spec(String... args) {
        LoadCommand command = new LoadCommand(ENV::get);
        new CommandLine(command).parseArgs(args);
        TableName table = TableName.parse(command.tables.get(0));
        Location from = Location.parse(command.froms.get(0));
        return command.externalSpec(table, SCHEMA, from, command.match != null ? command.match : SelectionRule.byName(from))
                .withName(new TableName("public", "lading_ext_orders_0123456789abcdef"));
    }

    @Test
    void adbpgReadsTheFolderWithTheRejectLimitAndLogErrors() {
        ExternalTableSpec spec = spec("--target", "postgresql://u@adb/db", "--table", "public.orders", "--dialect", "adbpg",
                "--from", "oss://bucket/exports/orders/", "--endpoint", "oss-cn-hangzhou-internal.aliyuncs.com",
                "--format", "csv", "--compression", "gzip", "--reject-limit", "10");
        assertEquals(List.of("CREATE READABLE EXTERNAL TABLE \"public\".\"lading_ext_orders_0123456789abcdef\" (\n"
                        + "    \"id\" bigint,\n    \"note\" text\n)\n"
                        + "LOCATION ('oss://oss-cn-hangzhou-internal.aliyuncs.com dir=exports/orders/ id=AKID key=SECRET bucket=bucket compressiontype=gzip')\n"
                        + "FORMAT 'CSV'\nLOG ERRORS SEGMENT REJECT LIMIT 10"),
                ExternalTableDialect.forName("adbpg").createStatements(spec, Secrets.REVEAL));
    }

    @Test
    void greenplumTextByPrefixWithItsConfig() {
        ExternalTableSpec spec = spec("--target", "postgresql://u@gp/db", "--table", "orders", "--dialect", "greenplum",
                "--from", "s3://bucket/exports/orders_", "--endpoint", "s3.us-east-1.amazonaws.com", "--s3-config", "/home/gpadmin/s3.conf",
                "--format", "text", "--delimiter", "|", "--reject-limit", "5%");
        assertEquals(List.of("CREATE READABLE EXTERNAL TABLE \"public\".\"lading_ext_orders_0123456789abcdef\" (\n"
                        + "    \"id\" bigint,\n    \"note\" text\n)\n"
                        + "LOCATION ('s3://s3.us-east-1.amazonaws.com/bucket/exports/orders_ config=/home/gpadmin/s3.conf')\n"
                        + "FORMAT 'TEXT' (DELIMITER '|')\nLOG ERRORS SEGMENT REJECT LIMIT 5 PERCENT"),
                ExternalTableDialect.forName("greenplum").createStatements(spec, Secrets.REVEAL));
    }

    @Test
    void greenplumWithoutS3ConfigLeavesConfigOut() {
        ExternalTableSpec spec = spec("--target", "postgresql://u@gp/db", "--table", "orders", "--dialect", "greenplum",
                "--from", "s3://bucket/exports/orders/", "--endpoint", "http://minio.internal:9000", "--match", "prefix", "--format", "csv");
        assertEquals(List.of("CREATE READABLE EXTERNAL TABLE \"public\".\"lading_ext_orders_0123456789abcdef\" (\n"
                        + "    \"id\" bigint,\n    \"note\" text\n)\n"
                        + "LOCATION ('s3://minio.internal:9000/bucket/exports/orders/ region=us-east-1')\n"
                        + "FORMAT 'CSV'"),
                ExternalTableDialect.forName("greenplum").createStatements(spec, Secrets.REVEAL));
    }
}
