package io.lading.unloader;

import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.parquet.ParquetTypes;
import io.lading.warehouse.CopyStatements;
import io.lading.warehouse.Sql;
import io.lading.warehouse.ServerInfo;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * What an unload will do, decided before anything is read or written: the columns, how the source
 * is split and read, the files and the manifest. {@link #describe()} is what {@code --dry-run}
 * prints.
 *
 * @param sharedSnapshot whether readers share the coordinator's exported snapshot; false means one
 *        consistent stream (a single COPY in one transaction)
 * @param strategy how the source is split, in words
 * @param header the header line every TEXT/CSV file starts with, rendered by the server (empty: none)
 * @param estimatedBytes the planner's size estimate (bytes on disk), or -1
 * @param estimatedRows the planner's row estimate, or -1
 */
public record UnloadPlan(
        UnloadRequest request,
        ServerInfo server,
        TableSchema schema,
        List<Split> splits,
        boolean sharedSnapshot,
        String strategy,
        List<String> notes,
        byte[] header,
        long estimatedBytes,
        long estimatedRows,
        FileNames names) {
    public UnloadPlan {
        requireNonNull(request, "request is null");
        requireNonNull(schema, "schema is null");
        splits = List.copyOf(splits);
        notes = List.copyOf(notes);
        header = header == null ? new byte[0] : header.clone();
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one split");
        }
        if (!sharedSnapshot && splits.size() != 1) {
            throw new IllegalArgumentException("without a shared snapshot the plan must be one stream, not " + splits.size());
        }
    }

    /** Readers actually started: never more than there are splits. */
    public int readers() {
        return Math.min(request.parallel(), splits.size());
    }

    /** The COPY statement that reads one split. */
    public String copyStatement(Split split) {
        if (request.format() == FileFormat.PARQUET) {
            // columns Parquet takes as text are cast in the select list (ParquetTypes decides)
            return CopyStatements.copyOutBinary(CopyStatements.select(ParquetTypes.selectList(schema, Sql::ident),
                    CopyStatements.fromItem(request.table(), request.query()), split.predicate()));
        }
        String select = request.table() != null
                ? CopyStatements.selectFromTable(schema.names(), request.table(), split.predicate())
                : CopyStatements.selectFromQuery(request.query(), split.predicate());
        // the header is written once per file by Lading, not once per COPY by the server
        return CopyStatements.copyOut(select, request.textOptions().withoutHeader());
    }

    /** The plan in words, for {@code --dry-run}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append("unload plan for ").append(request.subject()).append('\n');
        s.append("  source:    ").append(request.source()).append(server == null ? "" : " (" + server.kind().displayName() + ")").append('\n');
        if (request.query() != null) {
            s.append("  query:     ").append(request.query().replaceAll("\\s+", " ").strip()).append('\n');
        }
        if (estimatedBytes >= 0) {
            s.append(String.format(Locale.ROOT, "  estimate:  %,d bytes on disk%s%n", estimatedBytes,
                    estimatedRows > 0 ? String.format(Locale.ROOT, ", ~%,d rows", estimatedRows) : " (rows unknown: not analyzed)"));
        }
        PlanLines.columns(s, schema);
        s.append("  format:    ").append(request.format().name().toLowerCase(Locale.ROOT));
        s.append(", ").append(request.compression().name().toLowerCase(Locale.ROOT));
        if (request.format() != FileFormat.PARQUET && request.compression() == io.lading.format.Compression.GZIP) {
            s.append(" level ").append(request.gzipLevel());
        }
        s.append('\n');
        s.append("  reading:   ").append(strategy).append("; ").append(readers()).append(readers() == 1 ? " reader" : " readers")
                .append(sharedSnapshot ? " sharing one exported snapshot" : " in one REPEATABLE READ transaction").append('\n');
        s.append("  splits:    ").append(splits.size()).append('\n');
        for (Split split : splits) {
            s.append(String.format(Locale.ROOT, "    %3d  %s%n", split.index(), split.predicate() == null ? "(all rows)" : split.predicate()));
        }
        s.append("  COPY:      ").append(copyStatement(splits.get(0)).replace("\t", "\\t")).append('\n');
        s.append(String.format(Locale.ROOT, "  files:     N = %d (segments S = %d x files per segment K = %d) per generation;"
                        + " all N roll over together at %,d compressed bytes%n",
                request.files(), request.segments(), request.filesPerSegment(), request.maxFileSize()));
        int shown = Math.min(request.files(), 8);
        for (int i = 0; i < shown; i++) {
            s.append("    ").append(names.location(0, i)).append('\n');
        }
        if (shown < request.files()) {
            s.append("    ... ").append(names.location(0, request.files() - 1)).append('\n');
        }
        s.append("  manifest:  ").append(request.manifest()).append(" (written last)\n");
        PlanLines.notes(s, notes);
        return s.toString();
    }
}
