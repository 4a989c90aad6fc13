package io.lading.unloader;

import io.lading.format.TableSchema;
import io.lading.storage.Location;
import io.lading.warehouse.ServerUnloadStatements;
import io.lading.warehouse.ddl.ExternalTableSpec;
import io.lading.warehouse.ddl.RedshiftDialect;
import io.lading.warehouse.ddl.Secrets;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What an unload from Redshift will do: its own {@code UNLOAD ... MANIFEST VERBOSE} (the statement
 * {@code lading ddl --dialect redshift --writable} prints, for the table's columns or the query)
 * into a staging prefix, then Lading adopts the files. {@link #describe()} is what
 * {@code --dry-run} prints, credentials masked.
 *
 * @param spec the UNLOAD's format, compression, credentials and options ({@code parallel},
 *        {@code maxfilesize}), its location the staging prefix
 */
public record RedshiftUnloadPlan(
        UnloadRequest request,
        TableSchema schema,
        ExternalTableSpec spec,
        StagingArea staging,
        FileNames names,
        List<String> notes) {
    public RedshiftUnloadPlan {
        requireNonNull(request, "request is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(staging, "staging is null");
        requireNonNull(names, "names is null");
        notes = List.copyOf(notes);
        if (spec.readable()) {
            throw new IllegalArgumentException("the UNLOAD's spec must be writable");
        }
    }

    /** The select the UNLOAD's string literal holds: the table's columns, or the query as a subquery. */
    public String select() {
        return request.table() != null ? ServerUnloadStatements.selectFromTable(request.table(), schema.names())
                : ServerUnloadStatements.selectFromQuery(request.query());
    }

    /** The UNLOAD into the staging prefix; {@code secrets}: masked for anything shown, revealed only to run it. */
    public String unload(Secrets secrets) {
        return RedshiftDialect.unload(select(), spec, secrets, false);
    }

    /** Where the staging prefix is: the UNLOAD's {@code TO}. */
    public Location stagingPrefix() {
        return staging.prefix();
    }

    /** Redshift's manifest of the UNLOAD: {@code <staging prefix>manifest}. */
    public Location redshiftManifest() {
        return staging.prefix().resolve("manifest");
    }

    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append("Redshift unload plan for ").append(request.subject()).append('\n');
        s.append("  source:    ").append(request.source()).append(" (Redshift: its own UNLOAD writes the files, one or more per slice)\n");
        PlanLines.columns(s, schema);
        s.append("  staging:   ").append(staging.prefix()).append(" (no selection of the destination matches it)\n");
        s.append("  files:     ").append(request.to()).append(names.prefix()).append("<part>-<slice>").append(names.extension())
                .append(", moved by server-side copy after the UNLOAD, once every entry of ").append(redshiftManifest())
                .append(" is there with its content_length\n");
        s.append("  row counts: per file, from Redshift's manifest (meta.record_count)\n");
        s.append("  manifest:  ").append(request.manifest()).append(" (written last)\n");
        s.append("  statement:\n");
        s.append("    ").append(unload(Secrets.MASK).replace("\n", "\n    ")).append(";\n");
        PlanLines.notes(s, notes);
        return s.toString();
    }
}
