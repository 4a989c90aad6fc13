package io.lading.loader;

import io.lading.warehouse.RejectLimit;
import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.TableName;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One copy-mode load: files selected from {@code from} into {@code table} of {@code target}.
 *
 * @param match null: the rule {@code from} implies, as {@code lading ls} applies it (docs/storage.md)
 * @param format null: detected per file from its name (and magic bytes)
 * @param rejectLimit null: the first rejected row fails the load
 * @param rejectFile null: rejected rows go to {@code lading_rejects} in {@code ledgerSchema}
 * @param distributedBy Greenplum's DISTRIBUTED BY columns for {@code --create-table}; empty for none
 * @param append load another run of an export the target already holds a run of (refused without it)
 */
public record LoadSpec(
        ConnectionSpec target,
        TableName table,
        Location from,
        SelectionRule match,
        FileFormat format,
        TextOverrides text,
        int parallel,
        boolean force,
        boolean append,
        boolean atomic,
        boolean truncate,
        boolean createTable,
        List<String> distributedBy,
        RejectLimit rejectLimit,
        Path rejectFile,
        String ledgerSchema) {
    public LoadSpec {
        requireNonNull(target, "target is null");
        requireNonNull(table, "table is null");
        requireNonNull(from, "from is null");
        requireNonNull(text, "text is null");
        requireNonNull(ledgerSchema, "ledgerSchema is null");
        distributedBy = distributedBy == null ? List.of() : List.copyOf(distributedBy);
        if (parallel < 1 || parallel > 256) {
            throw new LadingException("--parallel must be 1-256, not " + parallel);
        }
        if (append && truncate) {
            throw new LadingException("--append adds to what the target holds and --truncate replaces it; give one of them");
        }
        if (!distributedBy.isEmpty() && !createTable) {
            throw new LadingException("--distributed-by applies only with --create-table");
        }
    }

    public static Builder builder(ConnectionSpec target, TableName table, Location from) {
        return new Builder(target, table, from);
    }

    /** Defaults: automatic selection and format, one connection per core, ledger in {@code public}. */
    public static final class Builder {
        private final ConnectionSpec target;
        private final TableName table;
        private final Location from;
        private SelectionRule match;
        private FileFormat format;
        private TextOverrides text = TextOverrides.NONE;
        private int parallel = Runtime.getRuntime().availableProcessors();
        private boolean force;
        private boolean append;
        private boolean atomic;
        private boolean truncate;
        private boolean createTable;
        private List<String> distributedBy = List.of();
        private RejectLimit rejectLimit;
        private Path rejectFile;
        private String ledgerSchema = "public";

        private Builder(ConnectionSpec target, TableName table, Location from) {
            this.target = target;
            this.table = table;
            this.from = from;
        }

        public Builder match(SelectionRule value) {
            match = value;
            return this;
        }

        public Builder format(FileFormat value) {
            format = value;
            return this;
        }

        public Builder text(TextOverrides value) {
            text = value;
            return this;
        }

        public Builder parallel(int value) {
            parallel = value;
            return this;
        }

        public Builder force(boolean value) {
            force = value;
            return this;
        }

        public Builder append(boolean value) {
            append = value;
            return this;
        }

        public Builder atomic(boolean value) {
            atomic = value;
            return this;
        }

        public Builder truncate(boolean value) {
            truncate = value;
            return this;
        }

        public Builder createTable(boolean value) {
            createTable = value;
            return this;
        }

        public Builder distributedBy(List<String> value) {
            distributedBy = value;
            return this;
        }

        public Builder rejectLimit(RejectLimit value) {
            rejectLimit = value;
            return this;
        }

        public Builder rejectFile(Path value) {
            rejectFile = value;
            return this;
        }

        public Builder ledgerSchema(String value) {
            ledgerSchema = value;
            return this;
        }

        public LoadSpec build() {
            return new LoadSpec(target, table, from, match, format, text, parallel, force, append, atomic, truncate, createTable,
                    distributedBy, rejectLimit, rejectFile, ledgerSchema);
        }
    }
}
