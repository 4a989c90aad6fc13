package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.TextOptions;
import io.lading.storage.ObjectStore;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.CopyStatements;
import io.lading.warehouse.LoadStatements;
import io.lading.warehouse.TableName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * {@code lading load --dry-run}: what a copy-mode load would do, and nothing of it. The files the
 * selection finds in read order, each one's format (given, or detected as a load detects it) and
 * whether it goes as binary or text COPY and why, then the statements. The target is only read
 * (its columns); nothing is written, the ledger is neither created nor read.
 */
public final class LoadDryRun {
    private LoadDryRun() {
    }

    public static String describe(ObjectStore store, LoadSpec spec) {
        FileSelection.Selected selected = FileSelection.resolve(store, spec.from(), spec.match());
        TableSchema columns;
        try (Connection c = spec.target().connect()) {
            if (!Catalog.exists(c, spec.table())) {
                throw new LadingException("table " + spec.table() + " does not exist; the dry run reads its columns"
                        + (spec.createTable() ? " (--create-table creates it, from the manifest's schema, when the load runs)" : ""));
            }
            columns = Catalog.columnsOf(c, spec.table());
        }
        catch (SQLException e) {
            throw new LadingException("cannot connect to " + spec.target() + ": " + e.getMessage(), e);
        }
        long bytes = selected.files().stream().mapToLong(f -> f.object().size()).sum();
        StringBuilder s = new StringBuilder();
        s.append("load into ").append(spec.table()).append(" (copy mode; dry run: nothing is written)\n");
        s.append("  selection: ").append(selected.rule().optionName()).append(' ').append(spec.from())
                .append(" (").append(selected.files().size()).append(" files, ").append(bytes).append(" bytes)\n");
        s.append("  files, in read order:\n");
        TableName into = spec.atomic() ? new TableName(spec.table().schema(), "lading_stage_XXXX") : spec.table();
        String anyText = null;
        boolean anyBinary = false;
        for (LoadFile file : selected.files()) {
            FileFormat format = spec.format() != null ? spec.format() : detect(store, file);
            TextOptions options = format == FileFormat.PARQUET ? TextOptions.defaults(FileFormat.TEXT)
                    : spec.text().rewrite(format).copyOptions(spec.text().forFormat(format));
            String whyText = BinaryCopy.whyNot(options, columns);
            s.append("    ").append(file.uri()).append("  ").append(file.object().size()).append(" bytes  ")
                    .append(format.name().toLowerCase(Locale.ROOT)).append(spec.format() != null ? " (--format)" : " (detected)")
                    .append(whyText == null ? "  binary COPY" : "  text COPY: " + whyText).append('\n');
            if (whyText == null) {
                anyBinary = true;
            }
            else if (anyText == null) {
                anyText = CopyStatements.copyIn(into, columns.names(), options);
            }
        }
        s.append("  statements, per file in its own transaction with its ledger row in ").append(spec.ledgerSchema())
                .append('.').append(LoadStatements.LEDGER_TABLE).append(spec.force() ? " (--force: loaded again)" : " (files it has are skipped)")
                .append(":\n");
        if (spec.truncate()) {
            s.append("    ").append(LoadStatements.truncate(spec.table())).append('\n');
        }
        if (spec.atomic()) {
            s.append("    ").append(LoadStatements.createStaging(into, spec.table())).append('\n');
        }
        if (anyBinary) {
            s.append("    ").append(CopyStatements.copyInBinary(into, columns.names()))
                    .append("  (a file whose values binary COPY cannot take goes as text)\n");
        }
        if (anyText != null) {
            s.append("    ").append(anyText).append('\n');
        }
        if (spec.atomic()) {
            s.append("    ").append(LoadStatements.insertSelect(spec.table(), columns.names(), into)).append('\n');
            s.append("    ").append(LoadStatements.dropIfExists(into)).append('\n');
        }
        return s.toString();
    }

    private static FileFormat detect(ObjectStore store, LoadFile file) {
        try {
            return FileInput.detectFormat(store, file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.uri() + ": " + e.getMessage(), e);
        }
    }
}
