package io.lading.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.verifier.FileVerifier;
import io.lading.verifier.FileVerifier.FilesReport;
import io.lading.verifier.TableVerifier;
import io.lading.verifier.VerifyReport;
import io.lading.verifier.VerifyReport.Difference;
import io.lading.verifier.VerifyRequest;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.TableName;
import io.lading.warehouse.verify.NumericScale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code lading verify}: proves a moved table identical to its source (or files to their manifest), or names what differs. */
@Command(name = "verify", mixinStandardHelpOptions = true, exitCodeOnExecutionException = VerifyCommand.COULD_NOT_RUN,
        description = {
                "Compares a table on two servers without moving it: per key range both servers compute a row count and a checksum"
                        + " of the normalised rows; ranges that differ are bisected until they are small, then their rows are"
                        + " compared column by column. A table without a key is compared as a multiset of rows.",
                "Both sides read one consistent snapshot each. Normalisation rules: docs/verify.md.",
                "With --files: checks an unload's files against its manifest, no database needed: every entry exists with its size,"
                        + " decompresses, holds the records the manifest counts (split as COPY splits them), and no other data file is"
                        + " in the folder."},
        footer = {"", "Exit status: 0 identical (files: all good), 1 differences (problems) found, 2 usage error,"
                + " 3 could not run (connection, missing table, column or manifest)."})
final class VerifyCommand implements Callable<Integer> {
    static final int DIFFERENT = 1;
    static final int COULD_NOT_RUN = 3;

    @Spec
    CommandSpec spec;

    /** A table on two servers. */
    static final class Tables {
        @Option(names = "--source", required = true, paramLabel = "DB",
                description = "jdbc:postgresql://host:port/db?user=u or postgresql://u@host:port/db (password from PGPASSWORD or ~/.pgpass).")
        String source;

        @Option(names = "--table", required = true, paramLabel = "[SCHEMA.]NAME", description = "The source table.")
        String table;

        @Option(names = "--target", required = true, paramLabel = "DB", description = "The server the table was moved to.")
        String target;

        @Option(names = "--target-table", paramLabel = "[SCHEMA.]NAME", description = "The table on the target (default: the same name).")
        String targetTable;

        @Option(names = "--key", split = ",", paramLabel = "COLS",
                description = "Columns that identify a row (default: the source's primary key; none: rows compared as a multiset).")
        List<String> key = List.of();

        @Option(names = "--columns", split = ",", paramLabel = "COLS", description = "Compare only these columns (default: all of the source's).")
        List<String> columns = List.of();

        @Option(names = "--where", paramLabel = "SQL", description = "Compare only the rows this condition selects, on both servers.")
        String where;

        @Option(names = "--numeric-scale", paramLabel = "exact|ignore",
                description = "exact: 1.50 differs from 1.5 (default); ignore: trailing zeros of the scale do not matter.")
        String numericScale = "exact";

        @Option(names = "--show", paramLabel = "N", description = "Keys listed of each kind of difference (default: 10).")
        int show = 10;
    }

    static final class Mode {
        @ArgGroup(exclusive = false, multiplicity = "1", heading = "Compare a table on two servers:%n")
        Tables tables;

        @Option(names = "--files", required = true, paramLabel = "LOCATION",
                description = "Check an unload's files against its manifest instead: a manifest, or the folder whose manifest is beside it.")
        String files;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--parallel", defaultValue = "4", paramLabel = "N", description = "Ranges (or files) checked at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--format", paramLabel = "FORMAT", description = "--files: text, csv or parquet (default: by each file's name).")
    String format;

    @Mixin
    TextOptionsMixin textOptions;

    @Mixin
    StoreOptionsMixin storeOptions;

    @Option(names = "--json", description = "Print the report as JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (parallel < 1 || parallel > 64) {
            throw new UsageException("--parallel must be 1 to 64, not " + parallel);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean ok;
        if (mode.files != null) {
            FilesReport report = verifyFiles();
            out.print(json ? toJson("verify-files", "ok", report.ok(), report) + "\n" : text(report));
            ok = report.ok();
        }
        else {
            if (format != null || textOptions.given()) {
                throw new UsageException("--format and the text options apply to --files only");
            }
            VerifyReport report = TableVerifier.verify(request(mode.tables));
            out.print(json ? toJson("verify", "identical", report.identical(), report) + "\n" : text(report));
            ok = report.identical();
        }
        out.flush();
        return ok ? 0 : DIFFERENT;
    }

    private VerifyRequest request(Tables t) {
        if (t.show < 0) {
            throw new UsageException("--show must not be negative: " + t.show);
        }
        NumericScale scale = switch (t.numericScale.toLowerCase(Locale.ROOT)) {
            case "exact" -> NumericScale.EXACT;
            case "ignore" -> NumericScale.IGNORE;
            default -> throw new UsageException("--numeric-scale must be exact or ignore, not '" + t.numericScale + "'");
        };
        TableName sourceTable = TableName.parse(t.table);
        return new VerifyRequest(ConnectionSpec.parse(t.source), sourceTable, ConnectionSpec.parse(t.target),
                t.targetTable == null ? sourceTable : TableName.parse(t.targetTable), t.key, t.columns, t.where, scale, parallel, t.show);
    }

    private FilesReport verifyFiles() {
        Location where;
        FileFormat fileFormat;
        try {
            where = Location.parse(mode.files);
            fileFormat = format == null ? null : FileFormat.parse(format);
        }
        catch (LadingException e) {
            throw new UsageException(e.getMessage());
        }
        if (fileFormat == FileFormat.PARQUET && textOptions.given()) {
            throw new UsageException("--delimiter, --null, --quote, --escape, --header and --encoding do not apply to parquet");
        }
        TextOptions text = fileFormat == FileFormat.PARQUET ? null
                : textOptions.forFormat(fileFormat == null ? FileFormat.CSV : fileFormat, List.of(), null);
        try (ObjectStore store = ObjectStores.open(where, storeOptions.toStoreOptions())) {
            return FileVerifier.verify(store, where, new FileVerifier.Options(fileFormat, text, parallel));
        }
    }

    static String text(FilesReport r) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "verify %s: %s in %.1f s: %,d files, %,d records, %s, %,d stored checksums%n",
                r.manifest(), r.ok() ? "ok" : r.problems().size() + " PROBLEMS", r.seconds(), r.files(), r.records(),
                ProgressReporter.bytes(r.bytes()), r.checksums()));
        r.problems().forEach(p -> out.append(p).append('\n'));
        return out.toString();
    }

    static String text(VerifyReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "verify %s: %s in %.1f s: source %,d rows, target %,d rows", r.subject(),
                r.identical() ? "identical" : "DIFFERENT", r.seconds(), r.sourceRows(), r.targetRows()));
        if (!r.identical()) {
            out.append(String.format(Locale.ROOT, "; %,d only in source, %,d only in target, %,d differing",
                    r.onlyInSource(), r.onlyInTarget(), r.differing()));
        }
        out.append('\n');
        r.notes().forEach(n -> out.append("note: ").append(n).append('\n'));
        if (!r.firstOnlyInSource().isEmpty()) {
            out.append("only in source: ").append(list(r.firstOnlyInSource(), r.onlyInSource())).append('\n');
        }
        if (!r.firstOnlyInTarget().isEmpty()) {
            out.append("only in target: ").append(list(r.firstOnlyInTarget(), r.onlyInTarget())).append('\n');
        }
        for (Difference d : r.firstDiffering()) {
            out.append("differing ").append(d.key()).append(": ").append(d.columns().stream()
                    .map(c -> c.column() + " " + value(c.source()) + " -> " + value(c.target())).collect(Collectors.joining(", "))).append('\n');
        }
        if (!r.differingByColumn().isEmpty()) {
            out.append("differing columns: ").append(new java.util.TreeMap<>(r.differingByColumn()).entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", "))).append('\n');
        }
        return out.toString();
    }

    private static String list(List<String> first, long total) {
        return String.join(", ", first) + (total > first.size() ? String.format(Locale.ROOT, " (and %,d more)", total - first.size()) : "");
    }

    private static String value(String v) {
        return v == null ? "NULL" : "'" + v + "'";
    }

    /**
     * The report as one JSON object: what it is ({@code operation}), the verdict, then the report's
     * own fields in snake case ({@code source_rows}, {@code first_only_in_source}, ...).
     */
    static String toJson(String operation, String verdict, boolean value, Record report) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("operation", operation);
        root.put(verdict, value);
        root.setAll((ObjectNode) Json.MAPPER.valueToTree(report));
        return root.toString();
    }

    /** Built on first use, as in {@link Summary}: a human report never needs it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

}
