package io.lading.cli;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.FileSelector;
import io.lading.format.SelectedFiles;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.SelectionRule;
import io.lading.storage.StoreOptions;
import io.lading.transfer.Rebalance;
import io.lading.transfer.RebalanceOptions;
import io.lading.transfer.RebalancePlan;
import io.lading.transfer.RebalanceResult;
import io.lading.transfer.Transfer;
import io.lading.transfer.TransferCounters;
import io.lading.transfer.TransferOptions;
import io.lading.transfer.TransferPlan;
import io.lading.transfer.TransferResult;
import io.lading.unloader.FileNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lading transfer FROM TO}: the objects a load of FROM would read, copied under TO, manifest last. */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {
                "Copies the objects FROM selects (as a load of FROM would read them) into the folder TO, any store to any store:"
                        + " streamed (no temporary copy of an object), in parallel, CRC-64 and MD5 computed over every byte read and"
                        + " compared with the destination's own checksum, both kept in the destination object's user metadata.",
                "Within one store (same scheme and options) the store copies the objects itself.",
                "A re-run transfers only what is missing or different; different content already at TO stops the transfer"
                        + " before anything is written, unless --overwrite.",
                "When FROM has a manifest (Lading's <folder>.manifest or Redshift's <prefix>manifest), TO gets one, written last,"
                        + " with its URLs rewritten to TO.",
                "--segments S [--files-per-segment K] re-chunks TEXT/CSV input (any compression) at record boundaries into"
                        + " S x K balanced gzip files named part-<run>-0000-<file>, the manifest (record counts per file) written last"
                        + " beside TO; --header drops each input's header line, the outputs have none."},
        footer = {"",
                "Each side takes its own store options on the location: oss://bucket/dir/?endpoint=https://oss-cn-hangzhou.aliyuncs.com,"
                        + " s3://bucket/dir/?endpoint=http://127.0.0.1:9000&region=us-east-1&path_style=true.",
                "Credentials come from the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN or an AWS"
                        + " profile for s3://; OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN for oss://.",
                "Exit status: 0 transferred (or already there), 1 failure, 2 usage error."})
final class TransferCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FROM",
            description = "What to copy: a folder (its sibling manifest when there is one, else the objects directly inside),"
                    + " a prefix, or a manifest; s3://, oss:// or file:/// with ?endpoint=..&region=..&path_style=true")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "The destination folder (a trailing '/' is implied), with its own ?endpoint=... options")
    String to;

    @Option(names = "--match", paramLabel = "RULE", converter = SelectionRuleConverter.class,
            description = "prefix, dir, filepath or manifest (default: the rule lading ls and load apply)")
    SelectionRule match;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8", description = "Objects transferred at a time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--overwrite", description = "Replace destination objects whose content differs from their source.")
    boolean overwrite;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Option(names = "--segments", paramLabel = "S",
            description = "Re-chunk TEXT/CSV input into S x K balanced one-member gzip files (S: the target cluster's segment count).")
    Integer segments;

    @Option(names = "--files-per-segment", paramLabel = "K", description = "With --segments: files per segment (default 1).")
    Integer filesPerSegment;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "With --segments: text or csv, how the input's records end (default: from the file names).")
    String format;

    @Option(names = "--gzip-level", paramLabel = "1-9", description = "With --segments: gzip level of the output files (default 6).")
    Integer gzipLevel;

    @Mixin
    TextOptionsMixin text;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Location source = parse(from, "FROM");
        Location target = parse(to, "TO").asFolder();
        if (parallel < 1 || parallel > 256) {
            throw new UsageException("--parallel must be between 1 and 256: " + parallel);
        }
        boolean sameStore = source.scheme() == target.scheme() && source.options().equals(target.options());
        PrintWriter err = spec.commandLine().getErr();
        if (segments != null) {
            return rebalance(source, target, sameStore, err);
        }
        if (filesPerSegment != null || format != null || gzipLevel != null || text.given()) {
            throw new UsageException("--files-per-segment, --format, --gzip-level and the text options apply only with --segments");
        }
        TransferCounters counters = new TransferCounters();
        TransferResult result;
        try (ObjectStore fromStore = ObjectStores.open(source, StoreOptions.NONE);
             ObjectStore toStore = sameStore ? null : ObjectStores.open(target, StoreOptions.NONE)) {
            SelectedFiles selected = FileSelector.select(fromStore, source, match);
            Location manifestLocation = selected.manifest() == null ? null : selected.location();
            List<TransferPlan.Source> sources = selected.files().stream()
                    .map(f -> new TransferPlan.Source(f.object(), f.recordCount())).toList();
            TransferPlan plan = TransferPlan.of(source, target, sources, selected.manifest(), manifestLocation);
            long expected = sources.stream().mapToLong(s -> s.object().size()).sum();
            try (ProgressReporter progress = ProgressReporter.start("transfer", counters::records, counters::bytes, expected, err)) {
                result = Transfer.run(fromStore, sameStore ? fromStore : toStore, sameStore, plan,
                        new TransferOptions(parallel, overwrite, TransferOptions.DEFAULT_ATTEMPTS), counters);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("objects", result.objects());
        details.put("streamed", result.streamed());
        details.put("copied_in_store", result.copiedInStore());
        details.put("skipped", result.skipped());
        details.put("retries", result.retries());
        details.put("checksums_verified", result.verified());
        details.put("size_only", result.sizeOnly());
        details.put("manifest", result.manifest() == null ? null : result.manifest().toString());
        new Summary("transfer", source + " -> " + target, result.records(), result.objects(), result.bytes(), result.seconds(), details)
                .print(spec.commandLine().getOut(), json);
        return 0;
    }

    /** {@code --segments}: the selected TEXT/CSV files re-chunked into S x K files under TO, manifest last. */
    private int rebalance(Location source, Location target, boolean sameStore, PrintWriter err) {
        int k = filesPerSegment == null ? 1 : filesPerSegment;
        RebalanceOptions options;
        try (ObjectStore fromStore = ObjectStores.open(source, StoreOptions.NONE);
             ObjectStore toStore = sameStore ? null : ObjectStores.open(target, StoreOptions.NONE)) {
            SelectedFiles selected = FileSelector.select(fromStore, source, match);
            FileFormat fileFormat = formatOf(selected.files());
            try {
                options = new RebalanceOptions(segments, k, text.forFormat(fileFormat, List.of(), null), parallel,
                        RebalanceOptions.DEFAULT_BLOCK_SIZE, gzipLevel == null ? 6 : gzipLevel, overwrite);
            }
            catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            List<TransferPlan.Source> inputs = selected.files().stream()
                    .map(f -> new TransferPlan.Source(f.object(), f.recordCount())).toList();
            String runId = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS"));
            FileNames names = new FileNames(target, runId, options.files(), fileFormat, Compression.GZIP);
            RebalancePlan plan = RebalancePlan.of(source, inputs, selected.manifest(), target, runId, options.files(), i -> names.name(0, i));
            TransferCounters counters = new TransferCounters();
            long expected = inputs.stream().mapToLong(s -> s.object().size()).sum();
            RebalanceResult result;
            try (ProgressReporter progress = ProgressReporter.start("transfer", counters::records, counters::bytes, expected, err)) {
                result = Rebalance.run(fromStore, sameStore ? fromStore : toStore, plan, options, counters);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("objects", result.inputs());
            details.put("streamed", result.inputs());
            details.put("copied_in_store", 0);
            details.put("skipped", 0);
            details.put("retries", 0);
            details.put("checksums_verified", result.verified());
            details.put("size_only", result.sizeOnly());
            details.put("objects_out", result.outputs());
            details.put("bytes_out", result.bytesWritten());
            details.put("segments", segments);
            details.put("files_per_segment", k);
            details.put("manifest", result.manifestLocation().toString());
            new Summary("transfer", source + " -> " + target, result.records(), result.outputs(), result.bytesRead(), result.seconds(), details)
                    .print(spec.commandLine().getOut(), json);
            return 0;
        }
    }

    /**
     * TEXT or CSV: --format, else what the names say (.csv, .txt ... with or without .gz); names that say
     * nothing (Redshift's 0000_part_00) take the others' format. Parquet by name is refused here, by magic
     * bytes in {@link Rebalance}.
     */
    private FileFormat formatOf(List<SelectedFiles.File> files) {
        FileFormat named = null;
        SelectedFiles.File namedBy = null;
        SelectedFiles.File unnamed = null;
        for (SelectedFiles.File f : files) {
            Optional<FileFormat> says = FileFormat.ofFileName(f.object().location().fileName());
            if (says.isEmpty()) {
                unnamed = unnamed == null ? f : unnamed;
                continue;
            }
            if (says.get() == FileFormat.PARQUET) {
                throw new LadingException(Rebalance.parquetRefused(f.object().location()));
            }
            if (format == null && named != null && named != says.get()) {
                throw new UsageException("FROM holds " + named + " (" + namedBy.object().location() + ") and " + says.get() + " ("
                        + f.object().location() + ") files; --segments reads one format: give --format text or csv");
            }
            if (named == null) {
                named = says.get();
                namedBy = f;
            }
        }
        if (format != null) {
            FileFormat given = FileFormat.parse(format);
            if (given == FileFormat.PARQUET) {
                throw new UsageException("--format parquet: --segments re-chunks TEXT and CSV files only; transfer Parquet files without --segments");
            }
            return given;
        }
        if (named != null) {
            return named;
        }
        if (unnamed != null) {
            throw new UsageException("--segments needs the format of FROM's files and their names do not say it (e.g. "
                    + unnamed.object().location() + "): give --format text or csv");
        }
        return FileFormat.CSV;
    }

    private static Location parse(String text, String what) {
        try {
            return Location.parse(text);
        }
        catch (LadingException e) {
            throw new UsageException(what + ": " + e.getMessage());
        }
    }
}
