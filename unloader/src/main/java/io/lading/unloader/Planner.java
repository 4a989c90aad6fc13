package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.FileFormat;
import io.lading.format.PgTypes;
import io.lading.format.TableSchema;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.CopyStatements;
import io.lading.warehouse.CopyOutRows;
import io.lading.warehouse.ServerInfo;
import io.lading.warehouse.SplitPredicates;

import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    private Planner() {
    }

    /** Plans on a connection of its own to the request's source. */
    public static UnloadPlan plan(UnloadRequest request) {
        try (Connection connection = request.source().connect()) {
            return plan(connection, request);
        }
        catch (SQLException e) {
            throw new LadingException("planning the unload of " + request.subject() + " failed: " + e.getMessage(), e);
        }
    }

    static UnloadPlan plan(Connection connection, UnloadRequest request) {
        return plan(connection, request, newRunId());
    }

    /** The UTC start to the millisecond, e.g. {@code 20261120T233722123}: the shape {@link io.lading.storage.PendingWrite#RUN_FILE_NAME} expects. */
    static String newRunId() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS"));
    }

    /** Why a client-side unload of a Redshift source is refused, and what to do; {@code %s}: the source. */
    public static final String REDSHIFT_NO_COPY_OUT = "Redshift cannot COPY TO STDOUT, so a client-side unload (--mode copy) of %s"
            + " is impossible; drop --mode copy: Lading then runs Redshift's own UNLOAD into the s3:// destination and adopts its files";

    static UnloadPlan plan(Connection connection, UnloadRequest request, String runId) {
        ServerInfo server = ServerInfo.detect(connection);
        if (server.kind() == ServerInfo.Kind.REDSHIFT) {
            throw new LadingException(REDSHIFT_NO_COPY_OUT.formatted(request.source()));
        }
        TableSchema schema = request.table() != null
                ? Catalog.columnsOf(connection, request.table())
                : Catalog.columnsOfQuery(connection, request.query());
        List<String> notes = new ArrayList<>();
        long estimatedBytes = -1;
        long estimatedRows = -1;
        Catalog.Heap heap = null;
        if (request.table() != null) {
            Catalog.SizeEstimate estimate = Catalog.estimate(connection, request.table());
            estimatedBytes = estimate.bytes();
            estimatedRows = estimate.rows();
            heap = Catalog.heapOf(connection, request.table());
        }
        Column splitColumn = request.splitBy() == null ? null : splitColumn(schema, request);

        int wanted = request.parallel() == 1 ? 1 : request.parallel() * SPLITS_PER_READER;
        List<String> predicates;
        String strategy;
        boolean shared = server.canShareSnapshot();
        if (!shared) {
            predicates = List.of();
            strategy = "one consistent stream (" + server.kind().displayName() + " cannot share a snapshot between sessions)";
            notes.add("one stream only: when the cluster can reach the bucket, use --mode external --dialect greenplum|adbpg|adbpg7:"
                    + " every segment writes its own files through a writable external table (docs/unload.md)");
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
            predicates = SplitPredicates.segments(sourceSegments);
            strategy = "gp_segment_id, one split per source segment";
        }
        else if (heap != null && heap.hasCtid() && server.hasTidRangeScan()) {
            long pages = heap.pages();
            predicates = SplitPredicates.ctidRanges(pages, (int) Math.max(1, Math.min(wanted, pages / MIN_PAGES_PER_SPLIT)));
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
        RangeKind kind = kindOf(column);
        Optional<SplitPredicates.Range> range;
        try {
            range = SplitPredicates.range(connection, column.name(), CopyStatements.fromItem(request.table(), request.query()),
                    kind != RangeKind.INTEGER);
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the range of --split-by " + column.name() + " in " + request.subject()
                    + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        List<String> bounds = range.isEmpty() ? List.of() : boundaries(connection, kind, column.pgType(), range.get(), count);
        String type = kind == RangeKind.INTEGER ? column.pgType() : baseType(column.pgType());
        return SplitPredicates.valueRanges(column.name(), type, bounds);
    }

    /** {@code timestamp(3) with time zone} -> {@code timestamp with time zone}: boundaries keep full precision. */
    private static String baseType(String pgType) {
        return pgType.replaceAll("\\(\\d+\\)", "");
    }

    private static List<String> boundaries(Connection connection, RangeKind kind, String pgType, SplitPredicates.Range range, int count) {
        if (kind == RangeKind.INTEGER) {
            List<String> result = new ArrayList<>();
            BigInteger l = new BigInteger(range.min());
            BigInteger span = new BigInteger(range.max()).subtract(l);
            for (int g = 1; g < count; g++) {
                String b = l.add(span.multiply(BigInteger.valueOf(g)).divide(BigInteger.valueOf(count))).toString();
                if (!result.contains(b) && !b.equals(range.min())) {
                    result.add(b);
                }
            }
            return result;
        }
        try {
            return SplitPredicates.spread(connection, baseType(pgType), range, count, kind == RangeKind.DATE);
        }
        catch (SQLException e) {
            throw new LadingException("cannot compute the ranges of --split-by: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The header line as the server renders it for these options (CSV: a COPY of no rows; TEXT: a row of the names). */
    private static byte[] header(Connection connection, UnloadRequest request, TableSchema schema) {
        String select = request.table() != null
                ? CopyStatements.selectFromTable(schema.names(), request.table(), "false")
                : CopyStatements.selectFromQuery(request.query(), "false");
        String copy = request.textOptions().format() == FileFormat.TEXT
                ? CopyStatements.copyOutTextHeader(schema.names(), request.textOptions())
                : CopyStatements.copyOut(select, request.textOptions());
        try {
            return CopyOutRows.readAll(connection, copy);
        }
        catch (SQLException | IOException e) {
            throw new LadingException("cannot render the header of " + request.subject() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }
}
