package io.lading.cli;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.unloader.ExternalTableOutput;
import io.lading.unloader.FileNames;
import io.lading.unloader.Planner;
import io.lading.unloader.RedshiftCluster;
import io.lading.unloader.RedshiftUnload;
import io.lading.unloader.RedshiftUnloadPlan;
import io.lading.unloader.ServerUnload;
import io.lading.unloader.ServerUnloadPlan;
import io.lading.unloader.UnloadRun;
import io.lading.unloader.UnloadPlan;
import io.lading.unloader.UnloadRequest;
import io.lading.unloader.UnloadResult;
import io.lading.unloader.Unloader;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.ServerInfo;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.Credentials;
import io.lading.warehouse.ddl.Direction;
import io.lading.warehouse.ddl.ExternalTableDialect;
import io.lading.warehouse.ddl.ExternalTableSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code lading unload}: a table or query to gzip TEXT/CSV or Parquet files plus a manifest. */
@Command(name = "unload", mixinStandardHelpOptions = true, sortOptions = false,
        // the required options first, none broken across lines; every option is listed below
        customSynopsis = {"lading unload --source=DB (--table=[SCHEMA.]NAME | --query=SQL)",
                "       --to=LOCATION [OPTIONS]"},
        description = {
                "Unloads a table or query into N = S x K balanced files under a folder, read in parallel from one snapshot.",
                "The manifest is written last, next to the folder: --to s3://b/exports/orders/ -> s3://b/exports/orders.manifest.",
                "Nothing is visible until every file is complete; a failed run leaves nothing behind.",
                "From Redshift (detected from version()), Redshift's own UNLOAD writes the files and Lading adopts them."})
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

    @Option(names = "--leftovers-older-than", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Before writing, remove the leftovers of killed runs under the destination (temporary files, open multipart"
                    + " uploads of part-<run id>-* files) started longer ago than this; 0 for all (default: ${DEFAULT-VALUE}).")
    Duration leftoversOlderThan;

    @Option(names = "--dry-run", description = "Print the plan and touch nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the summary as JSON on stdout.")
    boolean json;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "copy: Lading reads with COPY and writes the files (the default, except from Redshift); external: the"
                    + " Greenplum/AnalyticDB segments write them through a writable external table (needs --dialect), or Redshift's"
                    + " UNLOAD does (the default from Redshift).")
    String mode;

    @Option(names = "--dialect", paramLabel = "DIALECT",
            description = "--mode external: greenplum (gpcloud s3), adbpg (oss_ext), adbpg7 (oss_fdw) or redshift (UNLOAD).")
    String dialect;

    @Option(names = "--iam-role", paramLabel = "ARN",
            description = "From Redshift: the UNLOAD writes with IAM_ROLE 'ARN' instead of the keys in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.")
    String iamRole;

    @Option(names = "--s3-config", paramLabel = "PATH", description = "--mode external, greenplum: path of s3.conf on every segment host.")
    String s3Config;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "--mode external: a dialect option (oss_file_max_size=..., threadnum=...).")
    Map<String, String> dialectOptions = new LinkedHashMap<>();

    @Option(names = "--distributed-randomly",
            description = "--mode external: DISTRIBUTED RANDOMLY (balanced files, at the cost of a redistribution) instead of the table's own policy.")
    boolean distributedRandomly;

    /** Where the store keys for the external table come from (tests replace it). */
    java.util.function.Function<String, String> environment = System::getenv;

    /** What runs Redshift's UNLOAD (tests put a stand-in here). */
    RedshiftCluster redshift = RedshiftCluster.JDBC;

    @Mixin
    TextOptionsMixin textOptions;

    @Mixin
    StoreOptionsMixin storeOptions;

    /** A person is watching: the summary ends with the commands that load or list the files. */
    boolean terminal = System.console() != null;

    @Override
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
        if (fromRedshift(db)) {
            return redshiftUnload(request, out, err);
        }
        if (iamRole != null) {
            throw new UsageException("--iam-role is for an unload from Redshift");
        }
        if (external()) {
            ServerUnloadPlan plan = ServerUnload.plan(request, externalOutput(request), distributedRandomly);
            return describeOrRun(plan::describe, plan.notes(), request, plan.names(), -1, store -> new ServerUnload(plan, store), out, err);
        }
        UnloadPlan plan = Planner.plan(request);
        return describeOrRun(plan::describe, plan.notes(), request, plan.names(), plan.estimatedBytes(),
                store -> new Unloader(plan, store).leftoverAge(leftoversOlderThan), out, err);
    }

    /**
     * {@code --dry-run}: prints the plan; else says its notes, opens the destination and runs what
     * {@code unloader} makes of it.
     */
    private int describeOrRun(Supplier<String> description, List<String> notes, UnloadRequest request, FileNames names, long estimatedBytes,
            Function<ObjectStore, UnloadRun> unloader, PrintWriter out, PrintWriter err) {
        if (dryRun) {
            out.print(description.get());
            out.flush();
            return 0;
        }
        for (String note : notes) {
            Voice.note(err, note);
        }
        err.flush();
        try (ObjectStore store = ObjectStores.open(request.to(), storeOptions.toStoreOptions())) {
            return run(unloader.apply(store), request, names, estimatedBytes, out, err);
        }
    }

    /**
     * Whether Redshift's UNLOAD writes the files: {@code --dialect redshift}, or no {@code --mode}
     * (or {@code --mode external} without a dialect) and a source whose {@code version()} says
     * Redshift, which cannot COPY TO STDOUT.
     */
    private boolean fromRedshift(ConnectionSpec db) {
        String m = mode == null ? null : mode.toLowerCase(Locale.ROOT);
        if ("redshift".equalsIgnoreCase(dialect)) {
            if ("copy".equals(m)) {
                throw new UsageException("--dialect redshift needs --mode external (or no --mode): Redshift's UNLOAD writes the files");
            }
            return true;
        }
        if (dialect != null || (m != null && !m.equals("external"))) {
            return false;
        }
        return ServerInfo.detect(db).kind() == ServerInfo.Kind.REDSHIFT;
    }

    /** Redshift's UNLOAD into a staging prefix, adopted: files moved, Lading's manifest last. */
    private int redshiftUnload(UnloadRequest request, PrintWriter out, PrintWriter err) {
        if (segments != null || splitBy != null || parallel != null || filesPerSegment != 1 || s3Config != null || !dialectOptions.isEmpty()
                || distributedRandomly) {
            throw new UsageException("--segments, --segments-from, --files-per-segment, --split-by, --parallel, --s3-config, --option and"
                    + " --distributed-randomly do not apply to an unload from Redshift: its slices write the files");
        }
        if (request.to().scheme() != Location.Scheme.S3) {
            throw new UsageException("an unload from Redshift needs an s3:// destination (Redshift's UNLOAD writes to S3 only), not " + request.to());
        }
        RedshiftUnloadPlan plan = RedshiftUnload.plan(request, storeOptions.toStoreOptions(), redshiftCredentials(request.to()));
        return describeOrRun(plan::describe, plan.notes(), request, plan.names(), -1, store -> new RedshiftUnload(plan, store, redshift), out, err);
    }

    /** {@code --iam-role}, else the session's keys (and token) from the environment. */
    private Credentials redshiftCredentials(Location to) {
        if (iamRole != null) {
            if (iamRole.isBlank()) {
                throw new UsageException("--iam-role is empty; give the role's ARN (arn:aws:iam::<account>:role/<name>)");
            }
            return new Credentials(null, null, null, iamRole);
        }
        Credentials.Variables vars = Credentials.Variables.defaultsFor(Location.Scheme.S3);
        String id = environment.apply(vars.accessKeyId());
        String secret = environment.apply(vars.secretKey());
        if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
            throw new LadingException("Redshift's UNLOAD needs credentials to write to " + to + ": set " + vars.accessKeyId() + " and "
                    + vars.secretKey() + " (and " + vars.sessionToken() + " for a session), or give --iam-role");
        }
        String token = environment.apply(vars.sessionToken());
        return Credentials.keys(id, secret, token == null || token.isEmpty() ? null : token);
    }

    private boolean external() {
        return switch (mode == null ? "copy" : mode.toLowerCase(Locale.ROOT)) {
            case "copy" -> {
                if (dialect != null || s3Config != null || !dialectOptions.isEmpty() || distributedRandomly) {
                    throw new UsageException("--dialect, --s3-config, --option and --distributed-randomly need --mode external");
                }
                yield false;
            }
            case "external" -> {
                if (dialect == null) {
                    throw new UsageException("--mode external needs --dialect greenplum|adbpg|adbpg7");
                }
                if (segments != null || splitBy != null) {
                    throw new UsageException("--segments, --segments-from and --split-by do not apply to --mode external:"
                            + " every segment of the source writes its own files");
                }
                yield true;
            }
            default -> throw new UsageException("--mode must be copy or external, not '" + mode + "'");
        };
    }

    /** The writable external table the segments write into: the ddl command's DDL, keys from the environment. */
    private ExternalTableOutput externalOutput(UnloadRequest request) {
        if (request.format() == FileFormat.PARQUET) {
            throw new UsageException("--mode external writes text or csv: the segments cannot write parquet");
        }
        if (request.to().scheme() == Location.Scheme.FILE) {
            throw new UsageException("--mode external needs an s3:// or oss:// destination the cluster's segments can reach, not " + request.to());
        }
        Location where = request.to().withOptions(request.to().options().orElse(storeOptions.toStoreOptions()));
        Map<String, String> options = new LinkedHashMap<>(dialectOptions);
        if (s3Config != null) {
            options.put("config", s3Config);
        }
        ExternalTableSpec template = ExternalTableSpec.builder(request.table() != null ? request.table() : new TableName("public", "query"),
                        new io.lading.format.TableSchema(List.of(new io.lading.format.Column("placeholder", "text"))), where)
                .direction(Direction.WRITABLE)
                .text(request.textOptions())
                .compression(request.compression())
                .options(options)
                .credentials(Credentials.fromEnvironment(where, environment))
                .build();
        return new ExternalTableOutput(ExternalTableDialect.forName(dialect), template);
    }

    /** Runs an unload with Ctrl-C handling and progress, and prints the summary. */
    @SuppressWarnings("try") // the progress reporter only needs closing
    private int run(UnloadRun unloader, UnloadRequest request, FileNames names, long estimatedBytes, PrintWriter out, PrintWriter err) {
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
                unloader::rowsRead, unloader::bytesRead, estimatedBytes, err)) {
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
        details.put(Summary.BYTES_UNCOMPRESSED, result.rawBytes());
        details.put(Summary.BYTES_STORED, result.compressedBytes());
        details.put("generations", result.generations());
        details.put("folder", request.to().toString());
        details.put("manifest", result.manifestLocation().toString());
        Summary summary = new Summary("unload", request.subject(), result.rows(), result.files(), result.rawBytes(),
                result.seconds(), details);
        summary.print(out, json);
        if (!json) {
            out.println("files:    " + request.to() + names.prefix() + "*" + names.extension()
                    + " (" + ProgressReporter.bytes(result.compressedBytes()) + ")");
            out.println("manifest: " + result.manifestLocation());
            if (terminal) {
                out.println("next:     lading load --target DB --table " + (what.table != null ? what.table : "TABLE")
                        + " --from " + request.to() + storeOptions.commandLine());
                out.println("          lading ls " + request.to() + storeOptions.commandLine());
            }
            out.flush();
        }
        return 0;
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
