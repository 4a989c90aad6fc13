package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.FileFormat;
import io.lading.format.PgTypes;
import io.lading.format.TableSchema;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.CopyStatements;
import io.lading.warehouse.ServerInfo;
import io.lading.warehouse.Sql;
import org.postgresql.PGConnection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a request into a plan: reads the columns, the server kind and the size, and decides the
 * splits. A PostgreSQL 14+ table splits by ctid page ranges (TID Range Scan), anything with
 * {@code --split-by} by value ranges of that column, a Greenplum table by {@code gp_segment_id}
 * where the server can share a snapshot; everything else is one stream.
 */
public final class Planner {
    /** Fewer pages than this per ctid range is not worth a COPY of its own. */
    static final long MIN_PAGES_PER_SPLIT = 8;
    static final int SPLITS_PER_READER = 4;
    private static final long BLOCK_SIZE = 8192;

    private Planner() {
    }

    public static UnloadPlan plan(Connection connection, UnloadRequest request) {
        return plan(connection, request, ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS")));
    }

    static UnloadPlan plan(Connection connection, UnloadRequest request, String runId) {
        ServerInfo server = ServerInfo.detect(connection);
        if (server.kind() == ServerInfo.Kind.REDSHIFT) {
            throw new LadingException("Redshift cannot COPY TO STDOUT; unload Redshift tables with its own UNLOAD ... MANIFEST (server-side unload)");
        }
        TableSchema schema = request.table() != null
                ? Catalog.columnsOf(connection, request.table())
                : Catalog.columnsOfQuery(connection, request.query());
        List<String> notes = new ArrayList<>();
        long estimatedBytes = -1;
        long estimatedRows = -1;
        long pages = 0;
        char relkind = 0;
        if (request.table() != null) {
            Catalog.SizeEstimate estimate = Catalog.estimate(connection, request.table());
            estimatedBytes = estimate.bytes();
            estimatedRows = estimate.rows();
            relkind = relkind(connection, Catalog.oidOf(connection, request.table()));
            pages = heapPages(connection, Catalog.oidOf(connection, request.table()), relkind, estimate.bytes());
        }
        Column splitColumn = request.splitBy() == null ? null : splitColumn(schema, request);

        int wanted = request.parallel() == 1 ? 1 : request.parallel() * SPLITS_PER_READER;
        List<String> predicates;
        String strategy;
        boolean shared = server.canShareSnapshot();
        if (!shared) {
            predicates = List.of();
            strategy = "one consistent stream (" + server.kind().displayName() + " cannot import an exported snapshot)";
            notes.add("one stream only: for large " + server.kind().displayName()
                    + " tables use a server-side unload (writable external table), which lets every segment write");
            if (splitColumn != null) {
                notes.add("--split-by " + splitColumn.name() + " is ignored: splits need a shared snapshot to stay consistent");
            }
        }
        else if (splitColumn != null) {
            predicates = rangePredicates(connection, request, splitColumn, wanted);
            strategy = "value ranges of " + splitColumn.name() + " (" + splitColumn.pgType() + ")";
        }
        else if (request.table() != null && server.kind().isMpp()) {
            int sourceSegments = ServerInfo.segmentCount(connection);
            predicates = segmentPredicates(sourceSegments);
            strategy = "gp_segment_id, one split per source segment";
        }
        else if (request.table() != null && (relkind == 'r' || relkind == 'm' || relkind == 'p') && server.hasTidRangeScan()) {
            predicates = ctidPredicates(pages, (int) Math.max(1, Math.min(wanted, pages / MIN_PAGES_PER_SPLIT)));
            strategy = "ctid page ranges over " + pages + " pages (TID Range Scan)";
        }
        else {
            predicates = List.of();
            strategy = "one stream";
            if (request.query() != null) {
                notes.add("a query is read as one stream; give --split-by COLUMN (integer, date or timestamp) to read it in parallel");
            }
            else if (!server.hasTidRangeScan()) {
                notes.add("PostgreSQL before 14 has no TID Range Scan; give --split-by COLUMN to read in parallel");
            }
            else {
                notes.add(request.table() + " has no usable ctid (a view or foreign table); give --split-by COLUMN to read in parallel");
            }
        }
        List<Split> splits = new ArrayList<>();
        if (predicates.isEmpty()) {
            splits.add(new Split(0, null));
        }
        for (String p : predicates) {
            splits.add(new Split(splits.size(), p));
        }
        if (request.format() == FileFormat.PARQUET) {
            for (Column c : schema.columns()) {
                io.lading.format.parquet.ParquetTypes.planWarning(c).ifPresent(notes::add);
            }
        }
        byte[] header = request.format() != FileFormat.PARQUET && request.textOptions().header()
                ? header(connection, request, schema) : new byte[0];
        FileNames names = new FileNames(request.to(), runId, request.files(), request.format(), request.compression());
        return new UnloadPlan(request, server, schema, splits, shared, strategy, notes, header, estimatedBytes, estimatedRows, names);
    }

    private static char relkind(Connection connection, long oid) {
        try (PreparedStatement ps = connection.prepareStatement("select relkind from pg_class where oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String k = rs.getString(1);
                return k == null || k.isEmpty() ? 0 : k.charAt(0);
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the kind of relation " + oid + ": " + e.getMessage(), e);
        }
    }

    /** Heap pages; for a partitioned table the largest partition's, since ctid ranges apply to each. */
    private static long heapPages(Connection connection, long oid, char relkind, long bytes) {
        if (relkind != 'p') {
            return (bytes + BLOCK_SIZE - 1) / BLOCK_SIZE;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "select coalesce(max(pg_relation_size(relid)), 0) from pg_partition_tree(?::oid::regclass) where isleaf")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return (rs.getLong(1) + BLOCK_SIZE - 1) / BLOCK_SIZE;
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the partition sizes of relation " + oid + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code count} page ranges: the first open below, the last open above, so pages added after
     * the estimate are still read exactly once.
     */
    static List<String> ctidPredicates(long pages, int count) {
        if (count <= 1) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        long previous = 0;
        for (int i = 1; i <= count; i++) {
            long bound = i == count ? -1 : pages * i / count;
            String lower = i == 1 ? null : "ctid >= " + tid(previous);
            String upper = bound < 0 ? null : "ctid < " + tid(bound);
            result.add(lower == null ? upper : upper == null ? lower : lower + " AND " + upper);
            previous = bound;
        }
        return result;
    }

    private static String tid(long page) {
        return Sql.literal("(" + page + ",0)") + "::tid";
    }

    static List<String> segmentPredicates(int sourceSegments) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < sourceSegments; i++) {
            result.add("gp_segment_id = " + i);
        }
        return result;
    }

    private static Column splitColumn(TableSchema schema, UnloadRequest request) {
        Column column = schema.columns().stream().filter(c -> c.name().equals(request.splitBy())).findFirst().orElse(null);
        if (column == null) {
            throw new LadingException("unknown column '" + request.splitBy() + "' in --split-by; " + request.subject()
                    + " has columns " + schema.names().stream().collect(Collectors.joining(", ")));
        }
        if (kindOf(column) == null) {
            throw new LadingException("--split-by column '" + column.name() + "' is " + column.pgType()
                    + "; use an integer, date or timestamp column");
        }
        return column;
    }

    private enum RangeKind { INTEGER, DATE, TIMESTAMP }

    private static RangeKind kindOf(Column column) {
        return switch (PgTypes.kindOf(column.pgType())) {
            case SMALLINT, INTEGER, BIGINT -> RangeKind.INTEGER;
            case DATE -> RangeKind.DATE;
            case TIMESTAMP, TIMESTAMPTZ -> RangeKind.TIMESTAMP;
            default -> null;
        };
    }

    /**
     * Half-open ranges between boundaries spread evenly over the column's finite min..max, the
     * first and last open-ended (so infinities and rows beyond the sampled bounds are covered),
     * plus one split for NULLs.
     */
    private static List<String> rangePredicates(Connection connection, UnloadRequest request, Column column, int count) {
        String col = Sql.ident(column.name());
        String from = request.table() != null ? request.table().sql()
                : "(" + CopyStatements.selectFromQuery(request.query(), null) + ") AS q";
        RangeKind kind = kindOf(column);
        String finite = kind == RangeKind.INTEGER ? "" : " WHERE isfinite(" + col + ")";
        String lo;
        String hi;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT min(" + col + ")::text, max(" + col + ")::text FROM " + from + finite)) {
            rs.next();
            lo = rs.getString(1);
            hi = rs.getString(2);
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the range of --split-by " + column.name() + " in " + request.subject()
                    + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        List<String> bounds = lo == null ? List.of() : boundaries(connection, kind, column.pgType(), lo, hi, count);
        String type = kind == RangeKind.INTEGER ? column.pgType() : baseType(column.pgType());
        List<String> result = new ArrayList<>();
        String previous = null;
        for (String b : bounds) {
            String lit = Sql.literal(b) + "::" + type;
            result.add(previous == null ? col + " < " + lit : col + " >= " + previous + " AND " + col + " < " + lit);
            previous = lit;
        }
        result.add(previous == null ? col + " IS NOT NULL" : col + " >= " + previous);
        result.add(col + " IS NULL");
        return result;
    }

    /** {@code timestamp(3) with time zone} -> {@code timestamp with time zone}: boundaries keep full precision. */
    private static String baseType(String pgType) {
        return pgType.replaceAll("\\(\\d+\\)", "");
    }

    private static List<String> boundaries(Connection connection, RangeKind kind, String pgType, String lo, String hi, int count) {
        List<String> result = new ArrayList<>();
        if (kind == RangeKind.INTEGER) {
            BigInteger l = new BigInteger(lo);
            BigInteger span = new BigInteger(hi).subtract(l);
            for (int g = 1; g < count; g++) {
                String b = l.add(span.multiply(BigInteger.valueOf(g)).divide(BigInteger.valueOf(count))).toString();
                if (!result.contains(b) && !b.equals(lo)) {
                    result.add(b);
                }
            }
            return result;
        }
        String type = baseType(pgType);
        String l = Sql.literal(lo) + "::" + type;
        String h = Sql.literal(hi) + "::" + type;
        String step = kind == RangeKind.DATE ? l + " + ((" + h + " - " + l + ") * g / ?)"
                : l + " + (" + h + " - " + l + ") * (g::float8 / ?)";
        String sql = "SELECT v::text FROM (SELECT DISTINCT " + step + " AS v FROM generate_series(1, ? - 1) AS g) AS s"
                + " WHERE v > " + l + " ORDER BY v";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setInt(1, count);
            ps.setInt(2, count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot compute the ranges of --split-by: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return result;
    }

    /** The header line as the server renders it for these options (a COPY of no rows). */
    private static byte[] header(Connection connection, UnloadRequest request, TableSchema schema) {
        String select = request.table() != null
                ? CopyStatements.selectFromTable(schema.names(), request.table(), "false")
                : CopyStatements.selectFromQuery(request.query(), "false");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(CopyStatements.copyOut(select, request.textOptions()), out);
            return out.toByteArray();
        }
        catch (SQLException | IOException e) {
            throw new LadingException("cannot render the header of " + request.subject() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }
}
