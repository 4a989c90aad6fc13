package io.lading.cli;

import io.lading.warehouse.RejectLimit;
import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.loader.CopyLoader;
import io.lading.loader.ExternalLoader;
import io.lading.loader.ExternalReads;
import io.lading.loader.ExternalSelection;
import io.lading.loader.LoadFile;
import io.lading.loader.LoadDryRun;
import io.lading.loader.LoadListener;
import io.lading.loader.LoadResult;
import io.lading.loader.LoadSpec;
import io.lading.loader.Reject;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.SelectionRule;
import io.lading.verifier.TableVerifier;
import io.lading.verifier.VerifyReport;
import io.lading.verifier.VerifyRequest;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.Credentials;
import io.lading.warehouse.ddl.ExternalTableDialect;
import io.lading.warehouse.ddl.ExternalTableSpec;
import io.lading.warehouse.verify.NumericScale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** {@code lading load}: files into a table, by parallel COPY (copy mode) or through an external table (external mode). */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        // the required options first, none broken across lines; every option is listed below
        customSynopsis = {"lading load --target=DB --table=[SCHEMA.]NAME --from=LOCATION",
                "       [--table=[SCHEMA.]NAME --from=LOCATION]... [OPTIONS]"},
        description = {
                "Loads files from a bucket into a table.",
                "Copy mode (any PostgreSQL): --parallel connections stream the files into COPY FROM STDIN; each file"
                        + " commits with its row in lading_load_ledger, so a re-run skips what is loaded (--force reloads).",
                "External mode (--dialect adbpg|adbpg7|greenplum): a temporary readable external table and INSERT INTO"
                        + " target SELECT, committed with the files' ledger rows and checked against the manifest's counts;"
                        + " the segments read the bucket.",
                "Without --match, the files are those lading ls lists: a LOCATION named *.manifest (or manifest) is a manifest;"
                        + " else the export's sibling manifest (orders/ or orders -> orders.manifest) when it exists; else dir for a"
                        + " LOCATION ending in '/', else prefix. External mode loads only when the external table reads exactly"
                        + " those files (greenplum's gpcloud reads every key under a raw prefix: Lading lists it to check)."})
public final class LoadCommand implements Callable<Integer>, PartialResult {
    enum Mode { COPY, EXTERNAL }

    @Option(names = "--target", required = true, paramLabel = "DB",
            description = "jdbc:postgresql://host:port/db?user=u or postgresql://user@host:port/db (password: PGPASSWORD or ~/.pgpass).")
    String target;

    @Option(names = "--table", required = true, paramLabel = "[SCHEMA.]NAME",
            description = "Target table. External mode: repeat --table and --from to load several tables.")
    List<String> tables;

    @Option(names = "--from", required = true, paramLabel = "LOCATION",
            description = "s3://bucket/key, oss://bucket/key or file:///dir/key; a folder ends in '/'.")
    List<String> froms;

    @Option(names = "--match", paramLabel = "RULE", converter = SelectionRuleConverter.class,
            description = "prefix, dir, filepath or manifest (default: see above).")
    SelectionRule match;

    @Option(names = "--mode", paramLabel = "MODE", description = "copy or external (default: external with --dialect, else copy).")
    Mode mode;

    @Mixin
    StoreOptionsMixin store;

    @Mixin
    TextOptionsMixin textOptions;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, csv or parquet (default: from the file name, gzip and Parquet by magic bytes).")
    String format;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Copy mode: connections, each loading the next file (default: cores). External mode: tables loaded at once.")
    Integer parallel;

    @Option(names = "--truncate", description = "Empty the target first (in the publishing transaction with --atomic, in the INSERT's"
            + " transaction in external mode) and forget its ledger rows.")
    boolean truncate;

    @Option(names = "--force", description = "Load files again even when the ledger has them.")
    boolean force;

    @Option(names = "--append", description = "Load this run of an export into a target that holds another run of it"
            + " (refused without it: a refreshed export would be appended twice).")
    boolean append;

    @Option(names = "--reject-limit", paramLabel = "N|N%",
            description = "Rows the database may reject: N over the load, or N%% of each file. Rejected rows are recorded and skipped.")
    String rejectLimit;

    @Option(names = "--ledger-schema", paramLabel = "SCHEMA", defaultValue = "public",
            description = "Schema of lading_load_ledger and lading_rejects (default: ${DEFAULT-VALUE}).")
    String ledgerSchema;

    @Option(names = "--dry-run", description = "Print the files, what the ledger would skip, and the statements (copy mode: each file's"
            + " format and binary or text COPY); load nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Option(names = "--verify-source", paramLabel = "DB",
            description = "After the load, compare each loaded table with the table of the same name in this source database"
                    + " (as lading verify does; the report on stderr); exit 1 when they differ.")
    String verifySource;

    /** Options only a copy-mode load takes. */
    static final class CopyOptions {
        @Option(names = "--atomic", description = "Load into a staging table, then publish everything in one transaction.")
        boolean atomic;

        @Option(names = "--create-table", description = "Create the target when missing, from the manifest's schema or the Parquet file's.")
        boolean createTable;

        @Option(names = "--distributed-by", paramLabel = "COLS", split = ",",
                description = "With --create-table on Greenplum/AnalyticDB: DISTRIBUTED BY (COLS).")
        List<String> distributedBy;

        @Option(names = "--reject-file", paramLabel = "PATH", description = "Write rejected rows here as JSON lines instead of the lading_rejects table.")
        Path rejectFile;
    }

    /** Options only an external-mode load takes; --dialect names the mode. */
    static final class ExternalOptions {
        @Option(names = "--dialect", required = true, paramLabel = "DIALECT", description = "adbpg, adbpg7 or greenplum.")
        String dialect;

        @Option(names = "--compression", paramLabel = "gzip|none", description = "Compression of TEXT/CSV files (the dialect's compressiontype).")
        String compression;

        @Option(names = "--s3-config", paramLabel = "PATH",
                description = "greenplum: path of s3.conf on every segment host (default: gpcloud's s3/s3.conf in each segment's data directory).")
        String s3Config;

        @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A dialect option (oss_connect_timeout=..., threadnum=...).")
        Map<String, String> options = new LinkedHashMap<>();
    }

    /**
     * One mode's options or the other's (an external load is one INSERT: all or nothing, so no
     * staging table or reject file); picocli refuses a command line with both.
     */
    static final class ModeOptions {
        @ArgGroup(exclusive = false, heading = "%nCopy mode (the default):%n")
        CopyOptions copy;

        @ArgGroup(exclusive = false, heading = "%nExternal mode (one INSERT per table, all or nothing: no copy-mode option applies):%n")
        ExternalOptions external;
    }

    @ArgGroup(exclusive = true)
    ModeOptions modeOptions;

    @Spec
    CommandSpec spec;

    /** How external mode reaches the warehouse: {@link ExternalLoader#forServer}; tests stand PostgreSQL in for it. */
    interface ExternalLoaders {
        ExternalLoader open(ConnectionSpec database, ExternalTableDialect dialect, LoadListener listener);
    }

    private final Function<String, String> environment;
    private final ExternalLoaders externalLoaders;
    /** Rows, files and bytes of the files committed so far (copy mode; with --atomic nothing is until the end). */
    private final AtomicLong rowsDone = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private boolean atomic;

    public LoadCommand() {
        this(System::getenv);
    }

    LoadCommand(Function<String, String> environment) {
        this(environment, ExternalLoader::forServer);
    }

    LoadCommand(Function<String, String> environment, ExternalLoaders externalLoaders) {
        this.environment = environment;
        this.externalLoaders = externalLoaders;
    }

    @Override
    public Integer call() {
        CopyOptions copy = modeOptions == null || modeOptions.copy == null ? new CopyOptions() : modeOptions.copy;
        ExternalOptions external = modeOptions == null ? null : modeOptions.external;
        Mode chosen = mode != null ? mode : external != null ? Mode.EXTERNAL : Mode.COPY;
        if (tables.size() != froms.size()) {
            throw new UsageException("give one --from per --table (" + tables.size() + " tables, " + froms.size() + " locations)");
        }
        if (chosen == Mode.EXTERNAL) {
            if (external == null) {
                throw new UsageException("--mode external needs --dialect adbpg, adbpg7 or greenplum");
            }
            return external(external);
        }
        if (external != null) {
            throw new UsageException("--dialect is for --mode external");
        }
        if (tables.size() > 1) {
            throw new UsageException("copy mode loads one --table per run; --parallel spreads its files over connections");
        }
        return copy(copy);
    }

    private int copy(CopyOptions copy) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Location from = Location.parse(froms.get(0));
        LoadSpec.Builder b = LoadSpec.builder(ConnectionSpec.parse(target), TableName.parse(tables.get(0)), from)
                .match(match)
                .format(format == null ? null : FileFormat.parse(format))
                .text(textOptions.overrides())
                .force(force).append(append).atomic(copy.atomic).truncate(truncate).createTable(copy.createTable)
                .distributedBy(copy.distributedBy).rejectFile(copy.rejectFile).ledgerSchema(ledgerSchema);
        if (parallel != null) {
            b.parallel(parallel);
        }
        if (rejectLimit != null) {
            b.rejectLimit(RejectLimit.parse(rejectLimit));
        }
        LoadSpec load = b.build();
        if (dryRun) {
            try (ObjectStore objects = ObjectStores.open(from, store.toStoreOptions())) {
                out.print(LoadDryRun.describe(objects, load));
            }
            out.flush();
            return 0;
        }
        atomic = copy.atomic;
        ProgressListener listener = new ProgressListener(err, rowsDone, filesDone, bytesDone);
        LoadResult result;
        try (ObjectStore objects = ObjectStores.open(from, store.toStoreOptions())) {
            result = new CopyLoader(objects, listener).load(load);
        }
        finally {
            listener.close();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", "copy");
        details.put("files_selected", result.filesSelected());
        details.put("files_skipped", result.filesSkipped());
        details.put("files_binary_copy", result.filesBinary());
        details.put("rejected", result.rejects().size());
        if (result.manifestRecords() >= 0) {
            details.put("manifest_records", result.manifestRecords());
        }
        if (!result.rejects().isEmpty()) {
            details.put("rejects", rejectDetails(result.rejects()));
            Voice.info(err, result.rejects().size() + " rows rejected, recorded in "
                    + (copy.rejectFile != null ? copy.rejectFile : ledgerSchema + ".lading_rejects") + "; first: " + result.rejects().get(0).describe());
        }
        details.put("files_text_copy", result.filesLoaded() - result.filesBinary());
        details.put(Summary.BYTES_UNCOMPRESSED, null);
        details.put(Summary.BYTES_STORED, result.bytes());
        boolean identical = verifyAgainstSource(details, err);
        new Summary("load", result.target(), result.rows(), result.filesLoaded(), result.bytes(),
                result.elapsed().toNanos() / 1e9, details).print(out, json);
        return identical ? 0 : VerifyCommand.DIFFERENT;
    }

    private int external(ExternalOptions external) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExternalTableDialect ddl = ExternalTableDialect.forName(external.dialect);
        ConnectionSpec db = ConnectionSpec.parse(target);
        ExternalLoader loader = externalLoaders.open(db, ddl, new ProgressListener(err, new AtomicLong(), new AtomicLong(), new AtomicLong()));
        List<TableName> targets = tables.stream().map(TableName::parse).toList();
        List<TableSchema> schemas = loader.columnsOf(targets);
        List<ExternalLoader.Job> jobs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Location from = Location.parse(froms.get(i));
            from = from.withOptions(from.options().orElse(store.toStoreOptions()));
            ExternalSelection reads;
            try (ObjectStore objects = ObjectStores.open(from, store.toStoreOptions())) {
                reads = ExternalSelection.resolve(objects, from, match, ddl.readsRawPrefix(), ddl.name());
            }
            jobs.add(new ExternalLoader.Job(targets.get(i), externalSpec(targets.get(i), schemas.get(i), reads.location(), reads.rule()),
                    new ExternalReads(reads.selected(), ledgerSchema, force, append), truncate));
        }
        if (dryRun) {
            out.print(loader.describe(jobs));
            out.flush();
            return 0;
        }
        long start = System.nanoTime();
        List<ExternalLoader.JobResult> results = loader.load(jobs, parallel == null ? 1 : parallel);
        long rows = 0;
        int files = 0;
        int skipped = 0;
        List<Reject> rejects = new ArrayList<>();
        for (ExternalLoader.JobResult r : results) {
            rows += r.rows();
            files += r.filesLoaded();
            skipped += r.filesSkipped();
            rejects.addAll(r.rejects());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", "external");
        details.put("dialect", ddl.name());
        details.put("files_skipped", skipped);
        details.put(Summary.BYTES_UNCOMPRESSED, null);
        details.put(Summary.BYTES_STORED, null);
        details.put("rejected", rejects.size());
        if (!rejects.isEmpty()) {
            details.put("rejects", rejectDetails(rejects));
            Voice.info(err, rejects.size() + " rows rejected (from gp_read_error_log); first: " + rejects.get(0).describe());
        }
        boolean identical = verifyAgainstSource(details, err);
        String subject = String.join(", ", tables);
        new Summary("load", subject, rows, files, 0, (System.nanoTime() - start) / 1e9, details).print(out, json);
        return identical ? 0 : VerifyCommand.DIFFERENT;
    }

    /** {@code --verify-source}: every loaded table against the source's; the reports on stderr, their figures in the summary. */
    private boolean verifyAgainstSource(Map<String, Object> details, PrintWriter err) {
        if (verifySource == null) {
            return true;
        }
        boolean identical = true;
        List<Map<String, Object>> reports = new ArrayList<>();
        for (String name : tables) {
            TableName table = TableName.parse(name);
            VerifyReport report = TableVerifier.verify(new VerifyRequest(ConnectionSpec.parse(verifySource), table, ConnectionSpec.parse(target),
                    table, List.of(), List.of(), null, NumericScale.EXACT, parallel == null ? 4 : parallel, 10));
            err.print(VerifyCommand.text(report));
            identical &= report.identical();
            reports.add(Map.of("table", name, "identical", report.identical(), "only_in_source", report.onlyInSource(),
                    "only_in_target", report.onlyInTarget(), "differing", report.differing()));
        }
        details.put("verify", reports);
        if (!identical) {
            err.println("lading: the loaded data differs from the source (report above)");
        }
        err.flush();
        return identical;
    }

    /** Copy mode: what is committed when the load fails (nothing with --atomic; an external load is one INSERT). */
    @Override
    public Map<String, Object> doneSoFar() {
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("rows", atomic ? 0 : rowsDone.get());
        done.put("files", atomic ? 0 : filesDone.get());
        done.put(Summary.BYTES_STORED, atomic ? 0 : bytesDone.get());
        return done;
    }

    /**
     * The readable external table for one --table/--from pair, reading {@code selection} at {@code from}
     * (what {@link ExternalSelection} found it must state); package-private: its statements are tested.
     */
    ExternalTableSpec externalSpec(TableName table, TableSchema schema, Location from, SelectionRule selection) {
        from = from.withOptions(from.options().orElse(store.toStoreOptions()));
        FileFormat fileFormat = format != null ? FileFormat.parse(format) : guessFormat(from);
        ExternalOptions external = modeOptions.external;
        Map<String, String> dialectOptions = new LinkedHashMap<>(external.options);
        if (external.s3Config != null) {
            dialectOptions.put("config", external.s3Config);
        }
        ExternalTableSpec.Builder b = ExternalTableSpec.builder(table, schema, from)
                .selection(selection)
                .format(fileFormat)
                .options(dialectOptions)
                .credentials(credentials(from));
        textOptions.refuseRemoveQuotes();
        if (fileFormat != FileFormat.PARQUET) {
            b.text(textOptions.overrides().forFormat(fileFormat));
        }
        if (external.compression != null) {
            b.compression(Compression.parse(external.compression));
        }
        if (rejectLimit != null) {
            b.rejectLimit(RejectLimit.parse(rejectLimit)).logErrors(true);
        }
        return b.build();
    }

    /** An external table reads a whole prefix in one format: the location's name says which, else --format. */
    private static FileFormat guessFormat(Location from) {
        String key = from.key().toLowerCase(Locale.ROOT);
        if (key.contains(".csv")) {
            return FileFormat.CSV;
        }
        if (key.contains(".txt") || key.contains(".tsv")) {
            return FileFormat.TEXT;
        }
        throw new UsageException("--mode external needs --format text|csv: the segments read the files, Lading does not look inside");
    }

    /** The store's keys for the DDL, from the environment as {@code lading ddl} reads them. */
    private Credentials credentials(Location where) {
        return Credentials.fromEnvironment(where, environment);
    }

    private static List<Map<String, Object>> rejectDetails(List<Reject> rejects) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Reject r : rejects.subList(0, Math.min(10, rejects.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object", r.objectUri());
            m.put("line", r.line());
            m.put("message", r.message());
            list.add(m);
        }
        return list;
    }


    /** Counts for the progress bar and log lines for what happens between files. */
    private static final class ProgressListener implements LoadListener {
        private final PrintWriter err;
        private final AtomicLong rows;
        private final AtomicLong files;
        private final AtomicLong bytes;
        private ProgressReporter progress;

        ProgressListener(PrintWriter err, AtomicLong rows, AtomicLong files, AtomicLong bytes) {
            this.err = err;
            this.rows = rows;
            this.files = files;
            this.bytes = bytes;
        }

        @Override
        public synchronized void planned(int toLoad, int alreadyLoaded, long total) {
            progress = ProgressReporter.start("load", rows::get, bytes::get, total, err);
        }

        @Override
        public void fileLoaded(LoadFile file, long fileRows, int rejects) {
            rows.addAndGet(fileRows);
            files.incrementAndGet();
            bytes.addAndGet(file.object().size());
        }

        @Override
        public void info(String message) {
            Voice.info(err, message);
        }

        @Override
        public void detail(String message) {
            Voice.detail(err, message);
        }

        synchronized void close() {
            if (progress != null) {
                progress.close();
            }
        }
    }
}
