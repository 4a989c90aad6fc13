package io.lading.cli;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.unloader.Planner;
import io.lading.unloader.UnloadPlan;
import io.lading.unloader.UnloadRequest;
import io.lading.unloader.UnloadResult;
import io.lading.unloader.Unloader;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.ServerInfo;
import io.lading.warehouse.TableName;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code lading unload}: a table or query to gzip TEXT/CSV or Parquet files plus a manifest. */
@Command(name = "unload", mixinStandardHelpOptions = true,
        description = {
                "Unloads a table or query into N = S x K balanced files under a folder, read in parallel from one snapshot.",
                "The manifest is written last, next to the folder: --to s3://b/exports/orders/ -> s3://b/exports/orders.manifest.",
                "Nothing is visible until every file is complete; a failed run leaves nothing behind."})
public final class UnloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--source", required = true, paramLabel = "DB",
            description = "jdbc:postgresql://host:port/db?user=u or postgresql://u@host:port/db (password from PGPASSWORD or ~/.pgpass).")
    String source;

    static final class What {
        @Option(names = "--table", required = true, paramLabel = "[SCHEMA.]NAME", description = "The table to unload.")
        String table;

        @Option(names = "--query", required = true, paramLabel = "SQL", description = "The query to unload.")
        String query;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    @Option(names = "--to", required = true, paramLabel = "LOCATION",
            description = "Destination folder: s3://bucket/dir/, oss://bucket/dir/ or file:///abs/dir/.")
    String to;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT", description = "text, csv or parquet (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--compression", paramLabel = "CODEC",
            description = "gzip or none for text/csv (default gzip); snappy, zstd, gzip or none for parquet (default snappy).")
    String compression;

    @Option(names = "--gzip-level", defaultValue = "6", paramLabel = "1-9", description = "gzip level (default: ${DEFAULT-VALUE}).")
    int gzipLevel;

    @Option(names = "--force-quote", split = ",", paramLabel = "COLS|*", description = "CSV: always quote these columns (or * for all).")
    List<String> forceQuote;

    static final class Segments {
        @Option(names = "--segments", paramLabel = "S", description = "Segment count of the target cluster (default 1).")
        Integer segments;

        @Option(names = "--segments-from", paramLabel = "DB", description = "Read S from this Greenplum/AnalyticDB's gp_segment_configuration.")
        String segmentsFrom;
    }

    @ArgGroup(exclusive = true)
    Segments segments;

    @Option(names = "--files-per-segment", defaultValue = "1", paramLabel = "K", description = "K: N = S x K files (default: ${DEFAULT-VALUE}).")
    int filesPerSegment;

    @Option(names = "--max-file-size", defaultValue = "1GB", paramLabel = "SIZE",
            description = "Compressed size at which all N files roll over together to N more (default: ${DEFAULT-VALUE}; KB, MB, GB).")
    String maxFileSize;

    @Option(names = "--parallel", paramLabel = "R", description = "Database readers (default: cores).")
    Integer parallel;

    @Option(names = "--split-by", paramLabel = "COLUMN", description = "Split by value ranges of an integer, date or timestamp column.")
    String splitBy;

    @Option(names = "--overwrite", description = "Replace what the folder holds (deleted only after the new files are committed).")
    boolean overwrite;

    @Option(names = "--dry-run", description = "Print the plan and touch nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the summary as JSON on stdout.")
    boolean json;

    @Mixin
    TextOptionsMixin textOptions;

    @Mixin
    StoreOptionsMixin storeOptions;

    @Override
    @SuppressWarnings("try") // the progress reporter only needs closing
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConnectionSpec db;
        UnloadRequest request;
        int s = segmentCount();
        try {
            db = ConnectionSpec.parse(source);
            request = request(db, s);
        }
        catch (LadingException e) {
            throw new UsageException(e.getMessage());
        }
        UnloadPlan plan = Planner.plan(request);
        if (dryRun) {
            out.print(plan.describe());
            out.flush();
            return 0;
        }
        for (String note : plan.notes()) {
            err.println("lading: note: " + note);
        }
        err.flush();
        try (ObjectStore store = ObjectStores.open(request.to(), storeOptions.toStoreOptions())) {
            Unloader unloader = new Unloader(plan, store);
            // Ctrl-C / SIGTERM: abort, let run() clean up and this command print why, then let the JVM exit
            AtomicBoolean interrupted = new AtomicBoolean();
            CountDownLatch reported = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                interrupted.set(true);
                unloader.cancel("interrupted (Ctrl-C or SIGTERM)");
                try {
                    unloader.awaitCleanup(60, TimeUnit.SECONDS);
                    reported.await(5, TimeUnit.SECONDS);
                }
                catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "lading-unload-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            UnloadResult result;
            try (ProgressReporter progress = ProgressReporter.start("unload " + request.subject(),
                    unloader::rowsRead, unloader::bytesRead, plan.estimatedBytes(), err)) {
                result = unloader.run();
            }
            catch (LadingException e) {
                if (!interrupted.get()) {
                    throw e;
                }
                err.println("lading: error: " + e.getMessage());
                err.flush();
                reported.countDown();
                return 130;
            }
            finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for the cleanup that run() has just done
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("format", request.format().name().toLowerCase(Locale.ROOT) + request.compression().suffix());
            details.put("compressed_bytes", result.compressedBytes());
            details.put("generations", result.generations());
            details.put("folder", request.to().toString());
            details.put("manifest", result.manifestLocation().toString());
            Summary summary = new Summary("unload", request.subject(), result.rows(), result.files(), result.rawBytes(),
                    result.seconds(), details);
            summary.print(out, json);
            if (!json) {
                out.println("files:    " + request.to() + plan.names().prefix() + "*" + plan.names().extension()
                        + " (" + ProgressReporter.bytes(result.compressedBytes()) + ")");
                out.println("manifest: " + result.manifestLocation());
                out.flush();
            }
            return 0;
        }
    }

    /** S from --segments, or read from --segments-from (a failure there is the cluster's, not a usage error). */
    private int segmentCount() {
        if (segments != null && segments.segments != null) {
            return segments.segments;
        }
        if (segments != null && segments.segmentsFrom != null) {
            ConnectionSpec mpp;
            try {
                mpp = ConnectionSpec.parse(segments.segmentsFrom);
            }
            catch (LadingException e) {
                throw new UsageException("--segments-from: " + e.getMessage());
            }
            try {
                return ServerInfo.segmentCount(mpp);
            }
            catch (LadingException e) {
                Throwable why = e.getCause() != null ? e.getCause() : e;
                throw new LadingException("cannot read the segment count from " + mpp + ": "
                        + String.valueOf(why.getMessage()).lines().findFirst().orElse("")
                        + "; is it a Greenplum or AnalyticDB cluster? otherwise give --segments", e);
            }
        }
        return 1;
    }

    private UnloadRequest request(ConnectionSpec db, int s) {
        FileFormat fileFormat = FileFormat.parse(format);
        Compression codec = compression != null ? Compression.parse(compression)
                : fileFormat == FileFormat.PARQUET ? Compression.SNAPPY : Compression.GZIP;
        TextOptions text = null;
        if (fileFormat != FileFormat.PARQUET) {
            text = textOptions.forFormat(fileFormat, forceQuote, null);
        }
        else if (textOptions.given() || forceQuote != null) {
            throw new LadingException("--delimiter, --null, --quote, --escape, --header, --force-quote and --encoding do not apply to parquet");
        }
        Location location = Location.parse(to);
        return new UnloadRequest(db,
                what.table != null ? TableName.parse(what.table) : null,
                what.query,
                location,
                fileFormat,
                codec,
                gzipLevel,
                text,
                s,
                filesPerSegment,
                parseSize(maxFileSize),
                parallel != null ? parallel : Runtime.getRuntime().availableProcessors(),
                splitBy,
                overwrite);
    }

    private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:I?B)?");

    /** {@code 1GB}, {@code 512MB}, {@code 64KB}, {@code 1048576}: powers of 1024, case-insensitive. */
    static long parseSize(String text) {
        java.util.regex.Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new LadingException("--max-file-size '" + text + "' is not a size; use e.g. 1GB, 256MB or 64KB");
        }
        long unit = switch (m.group(2)) {
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            case "G" -> 1L << 30;
            case "T" -> 1L << 40;
            default -> 1;
        };
        return (long) (Double.parseDouble(m.group(1)) * unit);
    }
}
