package io.lading.cli;

import io.lading.common.LadingException;
import io.lading.format.FileSelector;
import io.lading.format.SelectedFiles;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.SelectionRule;
import io.lading.storage.StoreOptions;
import io.lading.transfer.Transfer;
import io.lading.transfer.TransferCounters;
import io.lading.transfer.TransferOptions;
import io.lading.transfer.TransferPlan;
import io.lading.transfer.TransferResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                        + " with its URLs rewritten to TO."},
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

    private static Location parse(String text, String what) {
        try {
            return Location.parse(text);
        }
        catch (LadingException e) {
            throw new UsageException(what + ": " + e.getMessage());
        }
    }
}
