package io.lading.unloader;

import io.lading.format.TableSchema;
import io.lading.warehouse.ServerUnloadStatements;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.Distribution;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * What a server-side unload will do: the writable external table (under a unique temporary name),
 * the one INSERT, where the segments write and what the files will be called. {@link #describe()}
 * is what {@code --dry-run} prints, secrets masked.
 *
 * @param segments S, the cluster's own segment count
 * @param distribution the writable table's: the source table's policy, or randomly
 * @param distributionReason why that distribution, in words
 * @param rowsPerSegment the source's rows per segment when the plan counted them (the skew), else empty
 */
public record ServerUnloadPlan(
        UnloadRequest request,
        TableSchema schema,
        SegmentOutput output,
        int segments,
        Distribution distribution,
        String distributionReason,
        List<Long> rowsPerSegment,
        TableName externalTable,
        StagingArea staging,
        FileNames names,
        List<String> notes) {
    public ServerUnloadPlan {
        requireNonNull(request, "request is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(output, "output is null");
        requireNonNull(distribution, "distribution is null");
        requireNonNull(externalTable, "externalTable is null");
        requireNonNull(staging, "staging is null");
        requireNonNull(names, "names is null");
        rowsPerSegment = List.copyOf(rowsPerSegment);
        notes = List.copyOf(notes);
        if (segments < 1) {
            throw new IllegalArgumentException("segments must be positive: " + segments);
        }
    }

    /** The INSERT every segment runs its part of. */
    public String insert() {
        return request.table() != null
                ? ServerUnloadStatements.insertFromTable(externalTable, request.table(), schema.names())
                : ServerUnloadStatements.insertFromQuery(externalTable, request.query());
    }

    /**
     * Whether the per-segment counts are per-file counts: gpcloud writes one object per segment, and
     * with the source's own distribution each segment writes exactly the rows it holds. Otherwise
     * the manifest has only the INSERT's total.
     */
    public boolean countsPerFile() {
        return request.table() != null && !distribution.randomly() && output.naming().oneObjectPerSegment();
    }

    /** The statements in the order they run, the DDL with secrets masked. */
    public List<String> statements(boolean reveal) {
        List<String> s = new java.util.ArrayList<>();
        s.add(ServerUnloadStatements.EXACT_FLOATS);
        s.addAll(output.create(externalTable, staging.prefix(), reveal));
        s.add(ServerUnloadStatements.BEGIN);
        if (countsPerFile()) {
            s.add(output.rowsPerSegment(request.table()));
        }
        s.add(insert());
        s.add("COMMIT");
        s.addAll(output.drop(externalTable));
        return s;
    }

    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append("server-side unload plan for ").append(request.subject()).append('\n');
        s.append("  source:    ").append(request.source()).append('\n');
        PlanLines.columns(s, schema);
        s.append("  segments:  S = ").append(segments).append(", each writes its own files (").append(output.naming()
                .name().toLowerCase(Locale.ROOT)).append(" names)\n");
        s.append("  distribution: ").append(distribution.sql()).append(" (").append(distributionReason).append(")\n");
        if (!rowsPerSegment.isEmpty()) {
            long max = rowsPerSegment.stream().mapToLong(Long::longValue).max().orElse(0);
            long total = rowsPerSegment.stream().mapToLong(Long::longValue).sum();
            double mean = (double) total / segments;
            s.append(String.format(Locale.ROOT, "  skew:      %,d rows; largest segment %,d rows, %.2f x the mean%n", total, max,
                    mean == 0 ? 1.0 : max / mean));
        }
        s.append("  staging:   ").append(staging.prefix()).append(" (no selection of the destination matches it)\n");
        s.append("  files:     ").append(request.to()).append(names.prefix()).append("<generation>-<segment>")
                .append(names.extension()).append(", moved by server-side copy after the INSERT commits\n");
        s.append("  row counts: ").append(countsPerFile() ? "per file, counted per gp_segment_id in the INSERT's snapshot"
                : "the INSERT's total only (meta.record_count)").append('\n');
        s.append("  manifest:  ").append(request.manifest()).append(" (written last)\n");
        s.append("  statements:\n");
        for (String sql : statements(false)) {
            s.append("    ").append(sql.replace("\n", "\n    ")).append(";\n");
        }
        PlanLines.notes(s, notes);
        return s.toString();
    }
}
