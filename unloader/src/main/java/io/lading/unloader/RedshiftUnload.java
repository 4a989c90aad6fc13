package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.StoreOptions;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.PgErrors;
import io.lading.warehouse.ServerInfo;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.Credentials;
import io.lading.warehouse.ddl.Direction;
import io.lading.warehouse.ddl.ExternalTableSpec;
import io.lading.warehouse.ddl.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * An unload from Redshift, which has no {@code COPY TO STDOUT}: the cluster runs its own
 * {@code UNLOAD ... MANIFEST VERBOSE} into a staging prefix ({@link RedshiftCluster}), then Lading
 * adopts the output: every entry of Redshift's manifest must be there with its content length
 * ({@link RedshiftOutput}), then {@link UnloadTransaction} moves each object to its final name by
 * server-side copy, in key order, and writes Lading's manifest last; the staging objects are
 * removed at the end, and on any failure or {@link #cancel}.
 */
public final class RedshiftUnload extends StagedUnload {
    private static final Logger log = LoggerFactory.getLogger(RedshiftUnload.class);

    /** Redshift's MAXFILESIZE range, in MB. */
    static final long MIN_FILE_MB = 5;
    static final long MAX_FILE_MB = 6200;

    private final RedshiftUnloadPlan plan;
    private final RedshiftCluster cluster;

    public RedshiftUnload(RedshiftUnloadPlan plan, ObjectStore store, RedshiftCluster cluster) {
        super(store, requireNonNull(plan, "plan is null").request(), plan.schema(), plan.staging(), plan.names());
        this.plan = plan;
        this.cluster = requireNonNull(cluster, "cluster is null");
    }

    /**
     * Plans on the source, which must be Redshift: the columns of the table or query, the UNLOAD
     * into the staging prefix beside the destination.
     *
     * @param storeOptions the destination's region (the UNLOAD's {@code REGION}) when its location has none
     * @param credentials {@code IAM_ROLE}, or the keys Redshift writes with
     */
    public static RedshiftUnloadPlan plan(UnloadRequest request, StoreOptions storeOptions, Credentials credentials) {
        try (Connection connection = request.source().connect()) {
            ServerInfo server = ServerInfo.detect(connection);
            if (server.kind() != ServerInfo.Kind.REDSHIFT) {
                throw new LadingException("--dialect redshift needs a Redshift source: " + request.source() + " is "
                        + server.kind().displayName() + "; drop --mode and --dialect");
            }
            TableSchema schema = request.table() != null ? Catalog.columnsOf(connection, request.table())
                    : Catalog.columnsOfQuery(connection, request.query());
            RedshiftUnloadPlan plan = plan(request, schema, storeOptions, credentials, StagedUnload.runId());
            plan.unload(Secrets.MASK); // a rule of Redshift's the request breaks fails the plan
            return plan;
        }
        catch (SQLException e) {
            throw new LadingException("planning the Redshift unload of " + request.subject() + " failed: " + PgErrors.firstLine(e.getMessage()), e);
        }
    }

    /** The plan for known columns and run id. */
    static RedshiftUnloadPlan plan(UnloadRequest request, TableSchema schema, StoreOptions storeOptions, Credentials credentials, String runId) {
        StagingArea staging = StagingArea.forDestination(request.to(), runId);
        Location where = staging.prefix().withOptions(request.to().options().orElse(storeOptions));
        List<String> notes = new ArrayList<>();
        Compression compression = request.compression();
        if (request.format() == FileFormat.PARQUET) {
            if (compression != Compression.SNAPPY) {
                throw new LadingException("Redshift's UNLOAD writes Parquet with snappy compression only, not "
                        + compression.name().toLowerCase(Locale.ROOT) + "; drop --compression");
            }
            compression = null;
        }
        else if (request.gzipLevel() != 6 && compression == Compression.GZIP) {
            notes.add("--gzip-level does not apply: Redshift's GZIP has its own level");
        }
        long mb = (request.maxFileSize() + (1L << 20) - 1) >> 20;
        if (mb < MIN_FILE_MB || mb > MAX_FILE_MB) {
            throw new LadingException("--max-file-size must be between 5MB and 6200MB for Redshift's UNLOAD (MAXFILESIZE), not "
                    + request.maxFileSize() + " bytes");
        }
        ExternalTableSpec spec = ExternalTableSpec.builder(request.table() != null ? request.table() : new TableName("public", "query"), schema, where)
                .direction(Direction.WRITABLE)
                .format(request.format())
                .text(request.textOptions())
                .compression(compression)
                .credentials(credentials)
                .option("parallel", "on")
                .option("maxfilesize", Long.toString(mb))
                .build();
        return new RedshiftUnloadPlan(request, schema, spec, staging,
                new FileNames(request.to(), runId, 1, request.format(), request.compression()), notes);
    }

    @Override
    Staged stage() throws SQLException {
        unloadOnCluster();
        failure.check();
        RedshiftOutput.Adopted adopted = RedshiftOutput.adopt(store, plan);
        return new Staged(adopted.files(), adopted.recordCount());
    }

    /** The UNLOAD, on a connection a cancel reaches. */
    private void unloadOnCluster() throws SQLException {
        try (Connection connection = plan.request().source().connect()) {
            connection.setAutoCommit(true);
            failure.watch(connection);
            try {
                failure.check();
                cluster.unload(connection, plan);
                log.info("Redshift unloaded {} under {}", plan.request().subject(), plan.staging().prefix());
            }
            catch (SQLException e) {
                throw new LadingException("Redshift's UNLOAD of " + plan.request().subject() + " into " + plan.staging().prefix()
                        + " failed: " + PgErrors.firstLine(e.getMessage()), e);
            }
            finally {
                failure.forget(connection);
            }
        }
    }
}
