package io.lading.unloader;

import io.lading.format.Column;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.storage.Location;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.ServerUnloadStatements;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.Credentials;
import io.lading.warehouse.ddl.Direction;
import io.lading.warehouse.ddl.Distribution;
import io.lading.warehouse.ddl.ExternalTableDialect;
import io.lading.warehouse.ddl.ExternalTableSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.OptionalInt;

import static io.lading.warehouse.ddl.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every statement a server-side unload runs, per dialect, against golden files (secrets masked):
 * the session setting, the writable external table over the staging prefix, the counts and the
 * INSERT in one REPEATABLE READ transaction, the drop; and the catalog queries of the plan.
 */
class ServerUnloadStatementsTest {
    private static final TableName ORDERS = TableName.parse("sales.\"Orders\"");
    private static final TableSchema SCHEMA = new TableSchema(List.of(new Column("id", "bigint"), new Column("Placed At", "timestamp with time zone"),
            new Column("amount", "double precision")));
    private static final ConnectionSpec SOURCE = ConnectionSpec.parse("postgresql://gpadmin@mdw:5432/dw");

    private static ServerUnloadPlan plan(String dialect, String to, String query, Distribution distribution) {
        Location where = Location.parse(to);
        UnloadRequest request = new UnloadRequest.Builder(SOURCE, query == null ? ORDERS : null, query, where).build();
        ExternalTableSpec template = ExternalTableSpec.builder(ORDERS, SCHEMA, request.to())
                .direction(Direction.WRITABLE)
                .format(FileFormat.CSV)
                .compression(request.compression())
                .credentials(Credentials.keys("AKIDEXAMPLE", "secret/EXAMPLE", null))
                .options(dialect.equals("greenplum") ? java.util.Map.of("config", "/home/gpadmin/s3/s3.conf") : java.util.Map.of())
                .build();
        ExternalTableOutput output = new ExternalTableOutput(ExternalTableDialect.forName(dialect), template).forSource(SCHEMA, distribution);
        String run = "20261201T041700000";
        return new ServerUnloadPlan(request, SCHEMA, output, 4, distribution, "test", List.of(), new TableName("sales", "lading_ext_Orders_00ff00ff00ff00ff"),
                StagingArea.forDestination(request.to(), run), new FileNames(request.to(), run, 4, request.format(), request.compression()), List.of());
    }

    private static String statements(List<String> statements) {
        StringBuilder s = new StringBuilder();
        statements.forEach(st -> s.append(st).append(";\n"));
        return s.toString();
    }

    @ParameterizedTest
    @CsvSource({"greenplum, s3://bucket/exports/orders/", "adbpg, oss://bucket/exports/orders/?endpoint=oss-cn-hangzhou-internal.aliyuncs.com", "adbpg7, oss://bucket/exports/orders/?endpoint=oss-cn-hangzhou-internal.aliyuncs.com"})
    void tableWithItsOwnDistribution(String dialect, String to) {
        ServerUnloadPlan plan = plan(dialect, to, null, Distribution.by(List.of("id")));
        assertGolden("server-unload-" + dialect + ".sql", statements(plan.statements(false)));
        assertFalse(String.join("\n", plan.statements(false)).contains("secret/EXAMPLE"), "secrets masked");
    }

    @Test
    void queryDistributedRandomly() {
        ServerUnloadPlan plan = plan("greenplum", "s3://bucket/exports/orders/", "select id, amount from sales.\"Orders\" where amount > 0",
                Distribution.RANDOMLY);
        assertFalse(plan.countsPerFile(), "a query has no per-segment counts");
        assertGolden("server-unload-greenplum-query.sql", statements(plan.statements(false)));
    }

    @Test
    void catalogQueries() {
        assertGolden("server-unload-catalog.sql", statements(List.of(ServerUnloadStatements.HAS_DISTKEY,
                ServerUnloadStatements.distributionKey(ORDERS, true), ServerUnloadStatements.distributionKey(ORDERS, false),
                ServerUnloadStatements.rowsPerSegment(ORDERS))));
    }

    @ParameterizedTest
    @CsvSource({
            "exports/orders/, exports/.lading-staging-R/orders/",
            "orders/, .lading-staging-R/orders/",
            "a/b/c/, a/b/.lading-staging-R/c/"})
    void stagingIsBesideTheFolderWhereNoSelectionOfItReaches(String folder, String staging) {
        Location to = Location.parse("s3://bucket/" + folder);
        Location at = StagingArea.forDestination(to, "R").prefix();
        assertEquals(staging, at.key());
        String trimmed = folder.substring(0, folder.length() - 1);
        assertFalse(at.key().startsWith(folder), "prefix=" + folder);
        assertFalse(at.key().startsWith(trimmed), "prefix=" + trimmed);
    }

    @ParameterizedTest
    @CsvSource({"01fc83bac.csv.gz, 0", "12deadbeef.csv.gz, 12", "30000000a.txt, 3", "w/01fc83bac.csv.gz, -1", "0fc83bac.csv.gz, -1"})
    void gpcloudNamesGiveTheSegment(String name, int position) {
        assertEquals(position < 0 ? OptionalInt.empty() : OptionalInt.of(position), SegmentNaming.GPCLOUD.position(name));
    }

    @ParameterizedTest
    @CsvSource({"w_oss_849406067319303, 0", "w_oss_849406067320373.1, 1", "w_oss_849406067320373.13, 13", "w_oss_x, -1"})
    void ossExtNamesGiveThePosition(String name, int position) {
        assertEquals(position < 0 ? OptionalInt.empty() : OptionalInt.of(position), SegmentNaming.OSS_EXT.position(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"adbpg", "adbpg7"})
    void onlyGpcloudGivesPerFileCounts(String dialect) {
        assertFalse(plan(dialect, "oss://bucket/exports/orders/?endpoint=oss-cn-hangzhou-internal.aliyuncs.com", null, Distribution.by(List.of("id"))).countsPerFile());
        assertTrue(plan("greenplum", "s3://bucket/exports/orders/", null, Distribution.by(List.of("id"))).countsPerFile());
    }
}
