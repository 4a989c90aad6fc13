package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.TableSchema;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.PgErrors;
import io.lading.warehouse.ServerInfo;
import io.lading.warehouse.ServerUnloadStatements;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.Distribution;
import io.lading.warehouse.ddl.ExternalTableDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Server-side unload ({@code --mode external}): the segments write, Lading publishes. In one
 * session: {@code SET extra_float_digits = 3}, create the writable external table over a staging
 * prefix, then in one REPEATABLE READ transaction count the rows per segment and run the one
 * {@code INSERT INTO ext SELECT}; the external table is dropped whatever happens. Then
 * {@link UnloadTransaction} moves each staging object to its final name by server-side copy, in
 * key order, and writes the manifest last; the staging objects are removed at the end, and on any
 * failure or {@link #cancel}.
 */
public final class ServerUnload extends StagedUnload {
    private static final Logger log = LoggerFactory.getLogger(ServerUnload.class);

    private final ServerUnloadPlan plan;

    public ServerUnload(ServerUnloadPlan plan, ObjectStore store) {
        super(store, requireNonNull(plan, "plan is null").request(), plan.schema(), plan.staging(), plan.names());
        this.plan = plan;
    }

    /**
     * Plans on the source: it must be Greenplum or AnalyticDB; S is its own segment count; the
     * writable table takes the source table's distribution policy unless {@code randomly} or the
     * source is a query.
     */
    public static ServerUnloadPlan plan(UnloadRequest request, ExternalTableOutput output, boolean randomly) {
        try (Connection connection = request.source().connect()) {
            ServerInfo server = ServerInfo.detect(connection);
            if (server.kind() == ServerInfo.Kind.REDSHIFT) {
                throw new LadingException("--mode external through a writable external table needs a Greenplum or AnalyticDB source: "
                        + request.source() + " is Redshift; drop --dialect: Lading then runs Redshift's own UNLOAD and adopts its files");
            }
            if (!server.kind().isMpp()) {
                throw new LadingException("--mode external needs a Greenplum or AnalyticDB source: " + request.source() + " is "
                        + server.kind().displayName() + ", whose segments cannot write to a bucket; unload it with --mode copy");
            }
            TableSchema schema = request.table() != null ? Catalog.columnsOf(connection, request.table())
                    : Catalog.columnsOfQuery(connection, request.query());
            int segments = ServerInfo.segmentCount(connection);
            Distribution distribution = Distribution.RANDOMLY;
            String reason;
            List<Long> counts = List.of();
            if (request.table() == null) {
                reason = "the source is a query: balanced files at the cost of a redistribution";
            }
            else if (randomly) {
                reason = "asked for: balanced files at the cost of a redistribution";
            }
            else {
                List<String> key = distributionKey(connection, request.table());
                distribution = key.isEmpty() ? Distribution.RANDOMLY : Distribution.by(key);
                reason = key.isEmpty() ? request.table() + " is distributed randomly (or replicated)"
                        : "the source's own policy: each segment writes the rows it holds, nothing crosses the interconnect";
            }
            if (request.table() != null) {
                counts = rowsPerSegment(connection, output.rowsPerSegment(request.table()), segments);
            }
            String runId = StagedUnload.runId();
            return new ServerUnloadPlan(request, schema, output.forSource(schema, distribution), segments, distribution, reason, counts,
                    ExternalTableDialect.temporaryName(request.table() != null ? request.table() : new TableName("public", "query")),
                    StagingArea.forDestination(request.to(), runId),
                    new FileNames(request.to(), runId, segments, request.format(), request.compression()), List.of());
        }
        catch (SQLException e) {
            throw new LadingException("planning the server-side unload of " + request.subject() + " failed: " + PgErrors.firstLine(e.getMessage()), e);
        }
    }

    private static List<String> distributionKey(Connection connection, TableName table) throws SQLException {
        try (Statement st = connection.createStatement()) {
            boolean distkey;
            try (ResultSet rs = st.executeQuery(ServerUnloadStatements.HAS_DISTKEY)) {
                rs.next();
                distkey = rs.getLong(1) > 0;
            }
            List<String> key = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(ServerUnloadStatements.distributionKey(table, distkey))) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
            return key;
        }
    }

    /** Rows per segment 0..S-1 (a segment without rows has none). */
    static List<Long> rowsPerSegment(Connection connection, String sql, int segments) throws SQLException {
        Long[] counts = new Long[segments];
        java.util.Arrays.fill(counts, 0L);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                int segment = rs.getInt(1);
                if (segment < 0 || segment >= segments) {
                    throw new LadingException("segment " + segment + " is outside 0.." + (segments - 1) + "; did the cluster grow while planning?");
                }
                counts[segment] = rs.getLong(2);
            }
        }
        return List.of(counts);
    }

    @Override
    Staged stage() throws SQLException {
        Inserted inserted = insert();
        failure.check();
        return new Staged(stagedFiles(inserted), plan.countsPerFile() ? -1 : inserted.rows());
    }

    private record Inserted(long rows, List<Long> rowsPerSegment) {
    }

    /** The session: exact floats, create, count and INSERT in one snapshot, commit; drop whatever happens. */
    private Inserted insert() throws SQLException {
        TableName ext = plan.externalTable();
        Location staging = plan.staging().prefix();
        try (Connection connection = plan.request().source().connect()) {
            connection.setAutoCommit(true);
            failure.watch(connection);
            Throwable failed = null;
            try (Statement st = connection.createStatement()) {
                st.execute(ServerUnloadStatements.EXACT_FLOATS);
                for (String sql : plan.output().create(ext, staging, true)) {
                    st.execute(sql);
                }
                failure.check();
                st.execute(ServerUnloadStatements.BEGIN);
                List<Long> counts = plan.countsPerFile()
                        ? rowsPerSegment(connection, plan.output().rowsPerSegment(plan.request().table()), plan.segments())
                        : List.of();
                long inserted = st.executeUpdate(plan.insert());
                st.execute("COMMIT");
                rows.set(inserted);
                plan.output().written(connection, ext, staging);
                log.info("the segments wrote {} rows of {} under {}", inserted, plan.request().subject(), staging);
                return new Inserted(inserted, counts);
            }
            catch (SQLException e) {
                failed = new LadingException("INSERT into the writable external table " + ext + " failed: "
                        + PgErrors.firstLine(e.getMessage()), e);
                throw (LadingException) failed;
            }
            catch (RuntimeException | Error e) {
                failed = e;
                throw e;
            }
            finally {
                failure.forget(connection);
                drop(connection, ext, failed);
            }
        }
    }

    /** Drops the external table, after ending a transaction a failure left open; a drop failure is attached or reported. */
    private void drop(Connection connection, TableName ext, Throwable failed) {
        List<String> statements = new ArrayList<>();
        if (failed != null) {
            statements.add("ROLLBACK");
        }
        statements.addAll(plan.output().drop(ext));
        for (String sql : statements) {
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            }
            catch (SQLException e) {
                if (failed != null) {
                    failed.addSuppressed(e);
                }
                else {
                    log.warn("could not drop the external table {}: {}; drop it by hand", ext, PgErrors.firstLine(e.getMessage()));
                }
            }
        }
    }

    /**
     * The staging objects in Lading's layout: position {@code p} is generation {@code p / S}, file
     * {@code p mod S}. With per-file counts each file holds its segment's rows and their sum must be
     * the INSERT's count: anything else is not published.
     */
    private List<StagedFile> stagedFiles(Inserted inserted) {
        Map<Integer, StagedFile> byPosition = new TreeMap<>();
        for (ObjectInfo object : plan.staging().list(store)) {
            String name = plan.staging().nameOf(object);
            if (name.isEmpty() || name.endsWith("/")) {
                continue; // a folder marker
            }
            OptionalInt position = plan.output().naming().position(name);
            if (position.isEmpty()) {
                throw new LadingException("unexpected object " + object.location() + " in the staging folder: not named as "
                        + plan.output().naming() + " names what a segment writes");
            }
            int p = position.getAsInt();
            int generation = p / plan.segments();
            int file = p % plan.segments();
            long fileRows = plan.countsPerFile() ? inserted.rowsPerSegment().get(file) : -1;
            StagedFile previous = byPosition.put(p, new StagedFile(store, object.location(), plan.names().location(generation, file), generation, fileRows));
            if (previous != null) {
                throw new LadingException("two objects of segment " + file + " in " + plan.staging().prefix() + ": " + previous.staged()
                        + " and " + object.location() + "; gpcloud writes one per segment per INSERT");
            }
        }
        if (plan.countsPerFile()) {
            long counted = inserted.rowsPerSegment().stream().mapToLong(Long::longValue).sum();
            for (int segment = 0; segment < plan.segments(); segment++) {
                if (inserted.rowsPerSegment().get(segment) > 0 && !byPosition.containsKey(segment)) {
                    throw new LadingException("segment " + segment + " holds " + inserted.rowsPerSegment().get(segment)
                            + " rows but wrote no object under " + plan.staging().prefix());
                }
            }
            if (counted != inserted.rows()) {
                throw new LadingException("the segments hold " + counted + " rows but the INSERT wrote " + inserted.rows());
            }
        }
        if (byPosition.isEmpty() && inserted.rows() > 0) {
            throw new LadingException("the INSERT wrote " + inserted.rows() + " rows but nothing is under " + plan.staging().prefix());
        }
        return Collections.unmodifiableList(new ArrayList<>(byPosition.values()));
    }
}
