package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.StoreOptions;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.Credentials;
import io.lading.warehouse.ddl.Secrets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lading.warehouse.ddl.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The UNLOAD a Redshift unload runs, against golden files: CSV with GZIP, Parquet, TEXT, IAM_ROLE,
 * session credentials (masked in what is shown, real only in what is run), a query with quotes and
 * backslashes in the UNLOAD's string literal; and the rules a request must meet.
 */
class RedshiftUnloadStatementsTest {
    private static final TableName ORDERS = TableName.parse("sales.\"Orders\"");
    private static final TableSchema SCHEMA = new TableSchema(List.of(new Column("id", "bigint"), new Column("Placed At", "timestamp with time zone"),
            new Column("note", "character varying(256)")));
    private static final ConnectionSpec SOURCE = ConnectionSpec.parse("postgresql://etl@examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com:5439/dev");
    private static final Credentials SESSION = Credentials.keys("ASIAEXAMPLEKEYID", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "FwoGZXIvYXdzEXAMPLETOKEN");
    private static final Credentials ROLE = new Credentials(null, null, null, "arn:aws:iam::123456789012:role/RedshiftUnload");
    private static final String RUN = "20261201T061700000";

    private static UnloadRequest.Builder table(String to) {
        return new UnloadRequest.Builder(SOURCE, ORDERS, null, Location.parse(to));
    }

    private static RedshiftUnloadPlan plan(UnloadRequest request, Credentials credentials) {
        return RedshiftUnload.plan(request, SCHEMA, StoreOptions.NONE, credentials, RUN);
    }

    @Test
    void csvGzipWithSessionCredentialsMasked() {
        RedshiftUnloadPlan plan = plan(table("s3://bucket/exports/orders/").build(), SESSION);
        assertGolden("redshift-unload-csv-gzip.sql", plan.unload(Secrets.MASK) + ";\n");
        for (String shown : List.of(plan.unload(Secrets.MASK), plan.describe())) {
            assertFalse(shown.contains("ASIAEXAMPLEKEYID") || shown.contains("EXAMPLEKEY") || shown.contains("EXAMPLETOKEN"), shown);
        }
        String run = plan.unload(Secrets.REVEAL);
        assertTrue(run.contains("ACCESS_KEY_ID 'ASIAEXAMPLEKEYID' SECRET_ACCESS_KEY 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'"
                + " SESSION_TOKEN 'FwoGZXIvYXdzEXAMPLETOKEN'"), run);
    }

    @Test
    void parquetWithAnIamRoleAndTheDestinationsRegion() {
        RedshiftUnloadPlan plan = plan(table("s3://bucket/exports/orders/?region=us-west-2").text(null).compression(Compression.SNAPPY, 6)
                .maxFileSize(256L << 20).build(), ROLE);
        assertGolden("redshift-unload-parquet-iam-role.sql", plan.unload(Secrets.MASK) + ";\n");
        assertEquals(plan.unload(Secrets.MASK), plan.unload(Secrets.REVEAL), "an IAM role is no secret");
        assertTrue(plan.names().extension().equals(".parquet"));
    }

    @Test
    void aQueryWithQuotesAndBackslashesInTheLiteral() {
        UnloadRequest request = new UnloadRequest.Builder(SOURCE, null, "select id, note from sales.\"Orders\" where note <> 'it''s' and note not like 'a\\_%'",
                Location.parse("s3://bucket/exports/q/")).build();
        RedshiftUnloadPlan plan = plan(request, SESSION);
        assertGolden("redshift-unload-query.sql", plan.unload(Secrets.MASK) + ";\n");
    }

    @Test
    void textWithPostgresqlsDelimiterNullAndEscapesAndNoCompression() {
        RedshiftUnloadPlan plan = plan(table("s3://bucket/exports/orders/").text(TextOptions.defaults(FileFormat.TEXT))
                .compression(Compression.NONE, 6).build(), ROLE);
        assertGolden("redshift-unload-text.sql", plan.unload(Secrets.MASK) + ";\n");
        assertEquals(".txt", plan.names().extension());
    }

    @Test
    void theDryRunShowsTheStagingTheNamesAndTheStatement() {
        RedshiftUnloadPlan plan = plan(table("s3://bucket/exports/orders/").compression(Compression.GZIP, 9).build(), SESSION);
        assertGolden("redshift-unload-plan.txt", plan.describe());
    }

    @Test
    void rulesOfRedshiftsUnload() {
        assertEquals("redshift reads and writes S3 only; use an s3:// location, not oss://bucket/exports/.lading-staging-" + RUN + "/orders/",
                assertThrows(LadingException.class, () -> plan(table("oss://bucket/exports/orders/").build(), ROLE).unload(Secrets.MASK))
                        .getMessage());
        assertEquals("Redshift's UNLOAD writes Parquet with snappy compression only, not zstd; drop --compression",
                assertThrows(LadingException.class, () -> plan(table("s3://b/o/").text(null).compression(Compression.ZSTD, 6).build(), ROLE))
                        .getMessage());
        assertEquals("--max-file-size must be between 5MB and 6200MB for Redshift's UNLOAD (MAXFILESIZE), not 1048576 bytes",
                assertThrows(LadingException.class, () -> plan(table("s3://b/o/").maxFileSize(1L << 20).build(), ROLE)).getMessage());
        assertEquals("--max-file-size must be between 5MB and 6200MB for Redshift's UNLOAD (MAXFILESIZE), not 7516192768 bytes",
                assertThrows(LadingException.class, () -> plan(table("s3://b/o/").maxFileSize(7L << 30).build(), ROLE)).getMessage());
    }
}
