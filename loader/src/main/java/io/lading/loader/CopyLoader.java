package io.lading.loader;

import io.lading.warehouse.RejectLimit;
import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.TextOptions;
import io.lading.format.parquet.ParquetTypes;
import io.lading.format.text.CopyRecordSplitter;
import io.lading.storage.ObjectStore;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.CopyStatements;
import io.lading.warehouse.Sql;
import io.lading.warehouse.TableName;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Copy mode: N connections, each taking the next file and streaming it into
 * {@code COPY ... FROM STDIN}. Every file commits in one transaction together with its ledger row
 * (and its rejected rows), so a load killed at any moment and run again loads each file exactly
 * once. With {@code --atomic} the files go to an UNLOGGED staging table first and are published,
 * with all their ledger rows, in one transaction.
 */
public final class CopyLoader {
    private static final Pattern COPY_LINE = Pattern.compile("^COPY .*?, line (\\d+)");
    private static final int FIRST_ERRORS = 3;
    private static final String RERUN_HINT = " (the connection was lost or ended; run the same load again:"
            + " files already committed are in the ledger and are skipped)";

    private final ObjectStore store;
    private final LoadListener listener;

    public CopyLoader(ObjectStore store, LoadListener listener) {
        this.store = requireNonNull(store, "store is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** One file's result. */
    private record FileOutcome(LoadFile file, long rows, List<Reject> rejects, boolean loadedConcurrently, boolean binary) {
    }

    /** State the workers of one load share. */
    private static final class Run {
        final LoadSpec spec;
        final TableName copyTable;
        final TableSchema columns;
        final String targetKey;
        final Ledger ledger;
        final boolean recordInLedger;
        final AtomicBoolean failed = new AtomicBoolean();
        final AtomicLong rejectCount = new AtomicLong();
        final List<Reject> firstRejects = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean toldWhyText = new AtomicBoolean();
        /** The server refused binary COPY itself (not one row of it): the other files go as text at once. */
        final AtomicBoolean binaryRefused = new AtomicBoolean();

        Run(LoadSpec spec, TableName copyTable, TableSchema columns, String targetKey, Ledger ledger, boolean recordInLedger) {
            this.spec = spec;
            this.copyTable = copyTable;
            this.columns = columns;
            this.targetKey = targetKey;
            this.ledger = ledger;
            this.recordInLedger = recordInLedger;
        }
    }

    /** Another worker failed: stop this file quietly, the first failure is what the user sees. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    public LoadResult load(LoadSpec spec) {
        long start = System.nanoTime();
        FileSelection.Selected selected = FileSelection.resolve(store, spec.from(), spec.match());
        try (Connection control = spec.target().connect()) {
            prepareTarget(control, spec, selected);
            TableSchema schema = Catalog.columnsOf(control, spec.table());
            checkManifestSchema(selected, schema, spec.table());
            TableName resolved = resolve(control, spec.table());
            String targetKey = resolved.toString();
            Ledger ledger = new Ledger(spec.ledgerSchema());
            ledger.ensure(control, spec.rejectLimit() != null && spec.rejectFile() == null);

            Map<String, Ledger.Entry> done = spec.truncate() || spec.force() ? Map.of() : ledger.entries(control, targetKey);
            List<LoadFile> todo = new ArrayList<>();
            int skipped = 0;
            long bytes = 0;
            for (LoadFile file : selected.files()) {
                Ledger.Entry entry = done.get(file.uri());
                if (entry == null) {
                    todo.add(file);
                    bytes += file.object().size();
                }
                else if (Ledger.sameObject(entry, file)) {
                    skipped++;
                }
                else {
                    throw new LadingException("file " + file.uri() + " changed since it was loaded into " + spec.table()
                            + " at " + entry.loadedAt() + " (" + entry.size() + " bytes then, " + file.object().size()
                            + " now); reload with --truncate, or --force to load it again on top");
                }
            }
            listener.planned(todo.size(), skipped, bytes);
            if (skipped > 0) {
                listener.info(skipped + " of " + selected.files().size() + " files are already in the ledger; skipping them (--force reloads)");
            }
            List<FileOutcome> outcomes = spec.atomic()
                    ? loadAtomic(control, spec, todo, schema, resolved, ledger)
                    : loadDirect(control, spec, todo, schema, targetKey, ledger);
            List<Reject> rejects = new ArrayList<>();
            long rows = 0;
            int loaded = 0;
            int binary = 0;
            for (FileOutcome o : outcomes) {
                if (!o.loadedConcurrently()) {
                    rows += o.rows();
                    loaded++;
                    binary += o.binary() ? 1 : 0;
                    rejects.addAll(o.rejects());
                }
                else {
                    skipped++;
                }
            }
            long manifestRecords = selected.manifest() == null ? -1 : selected.manifest().totalRecords();
            return new LoadResult(spec.table().toString(), selected.files().size(), loaded, skipped, binary, rows, bytes, rejects,
                    manifestRecords, Duration.ofNanos(System.nanoTime() - start));
        }
        catch (SQLException e) {
            throw new LadingException("load into " + spec.table() + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    private List<FileOutcome> loadDirect(Connection control, LoadSpec spec, List<LoadFile> todo, TableSchema columns,
            String targetKey, Ledger ledger) throws SQLException {
        if (spec.truncate()) {
            control.setAutoCommit(false);
            try (Statement st = control.createStatement()) {
                st.execute("truncate table " + spec.table().sql());
                ledger.forgetAll(control, targetKey);
                control.commit();
            }
            finally {
                control.setAutoCommit(true);
            }
        }
        return runWorkers(new Run(spec, spec.table(), columns, targetKey, ledger, true), todo);
    }

    /**
     * Atomic mode. The ledger rows are written by the publishing transaction, never by the workers:
     * the ledger then says "in the target" exactly when the rows are, and a failed or killed atomic
     * load leaves both target and ledger as they were (a re-run loads every file again).
     */
    private List<FileOutcome> loadAtomic(Connection control, LoadSpec spec, List<LoadFile> todo, TableSchema columns,
            TableName resolved, Ledger ledger) throws SQLException {
        String targetKey = resolved.toString();
        TableName staging = new TableName(resolved.schema(), "lading_stage_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)));
        try (Statement st = control.createStatement()) {
            st.execute("create unlogged table " + staging.sql() + " (like " + spec.table().sql() + " including defaults)");
        }
        listener.info("staging into " + staging + " (dropped when the load ends)");
        try {
            List<FileOutcome> outcomes = runWorkers(new Run(spec, staging, columns, targetKey, ledger, false), todo);
            listener.info("publishing into " + spec.table() + " in one transaction");
            control.setAutoCommit(false);
            try (Statement st = control.createStatement()) {
                if (spec.truncate()) {
                    st.execute("truncate table " + spec.table().sql());
                    ledger.forgetAll(control, targetKey);
                }
                String cols = Sql.identList(columns.names());
                st.executeUpdate("insert into " + spec.table().sql() + " (" + cols + ") select " + cols + " from " + staging.sql());
                for (FileOutcome o : outcomes) {
                    ledger.record(control, targetKey, o.file(), o.rows(), spec.force());
                    if (spec.rejectFile() == null) {
                        ledger.recordRejects(control, targetKey, o.rejects());
                    }
                }
                control.commit();
            }
            catch (SQLException e) {
                rollbackQuietly(control, e);
                if ("23505".equals(e.getSQLState())) {
                    throw new LadingException("another load published some of these files into " + spec.table()
                            + " at the same time; nothing was published by this one", e);
                }
                throw e;
            }
            finally {
                control.setAutoCommit(true);
            }
            if (spec.rejectFile() != null) {
                RejectFile.append(spec.rejectFile(), targetKey, outcomes.stream().flatMap(o -> o.rejects().stream()).toList());
            }
            return outcomes;
        }
        finally {
            try (Statement st = control.createStatement()) {
                st.execute("drop table if exists " + staging.sql());
            }
            catch (SQLException e) {
                listener.info("could not drop staging table " + staging + ": " + firstLine(e.getMessage()) + "; drop it by hand");
            }
        }
    }

    private List<FileOutcome> runWorkers(Run run, List<LoadFile> todo) {
        if (todo.isEmpty()) {
            return List.of();
        }
        ConcurrentLinkedQueue<LoadFile> queue = new ConcurrentLinkedQueue<>(todo);
        int n = Math.min(run.spec.parallel(), todo.size());
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "lading-load");
            t.setDaemon(true);
            return t;
        });
        List<Future<List<FileOutcome>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> work(run, queue)));
        }
        pool.shutdown();
        List<FileOutcome> outcomes = new ArrayList<>();
        RuntimeException first = null;
        for (Future<List<FileOutcome>> f : futures) {
            try {
                outcomes.addAll(f.get());
            }
            catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new LadingException(
                        "load into " + run.spec.table() + " failed: " + e.getCause(), e.getCause());
                if (cause instanceof Cancelled) {
                    continue;
                }
                if (first == null) {
                    first = cause;
                }
                else if (first != cause) {
                    first.addSuppressed(cause);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                run.failed.set(true);
                throw new LadingException("load into " + run.spec.table() + " was interrupted", e);
            }
        }
        if (first != null) {
            throw first;
        }
        return outcomes;
    }

    private List<FileOutcome> work(Run run, ConcurrentLinkedQueue<LoadFile> queue) {
        List<FileOutcome> outcomes = new ArrayList<>();
        try (Connection connection = run.spec.target().connect()) {
            connection.setAutoCommit(false);
            LoadFile file;
            while (!run.failed.get() && (file = queue.poll()) != null) {
                FileOutcome outcome = loadFile(run, connection, file);
                outcomes.add(outcome);
                listener.fileLoaded(file, outcome.rows(), outcome.rejects().size());
            }
            return outcomes;
        }
        catch (SQLException e) {
            run.failed.set(true);
            throw new LadingException("load into " + run.spec.table() + " failed: " + firstLine(e.getMessage())
                    + (connectionLost(e) ? RERUN_HINT : ""), e);
        }
        catch (RuntimeException | Error e) {
            run.failed.set(true);
            throw e;
        }
    }

    private FileOutcome loadFile(Run run, Connection connection, LoadFile file) throws SQLException {
        LoadSpec spec = run.spec;
        FileFormat format;
        try {
            format = spec.format() != null ? spec.format() : FileInput.detectFormat(store, file);
        }
        catch (IOException e) {
            throw new LadingException("cannot read " + file.uri() + ": " + e.getMessage(), e);
        }
        TextOptions options;
        TableSchema columns; // the COPY column list, with the target's types
        if (format == FileFormat.PARQUET) {
            // decoded to COPY TEXT lines in the file's column order, matched to the target by name
            TableSchema fileColumns;
            try {
                fileColumns = FileInput.parquetSchema(store, file);
            }
            catch (IOException e) {
                throw new LadingException("cannot read " + file.uri() + ": " + e.getMessage(), e);
            }
            ParquetTypes.checkColumns(fileColumns, run.columns, file.uri(), spec.table().toString());
            options = TextOptions.defaults(FileFormat.TEXT);
            columns = inOrder(run.columns, fileColumns.names());
        }
        else {
            options = spec.text().forFormat(format);
            columns = run.columns;
        }
        String whyText = run.binaryRefused.get() ? "the server refused binary COPY" : BinaryCopy.whyNot(options, columns);
        boolean binary = whyText == null;
        if (!binary) {
            tellWhyText(run, file, whyText);
        }
        String sql = CopyStatements.copyIn(run.copyTable, columns.names(), options);
        CopyManager copyApi = connection.unwrap(PGConnection.class).getCopyAPI();
        TreeSet<Long> skip = new TreeSet<>();
        List<Reject> rejected = new ArrayList<>();
        long fileRecords = -1;
        while (true) {
            long rows;
            try {
                rows = binary ? copyBinary(run, copyApi, file, format, options, columns) : copyText(run, copyApi, file, format, sql, options, skip);
            }
            catch (BinaryCopy.Unsupported e) {
                rollbackQuietly(connection, e);
                binary = false;
                tellWhyText(run, file, e.getMessage());
                continue;
            }
            catch (SQLException e) {
                rollbackQuietly(connection, e);
                if (binary && !connectionLost(e)) {
                    // a refused row: the text COPY finds it again and reports its line
                    binary = false;
                    if (copyLine(e) < 0 && run.binaryRefused.compareAndSet(false, true)) {
                        // not about a row (a server without binary COPY input, a permission...): the text COPY tells
                        tellWhyText(run, file, "the server refused binary COPY: " + firstLine(e.getMessage()));
                    }
                    continue;
                }
                long line = copyLine(e);
                if (line < 0) {
                    throw new LadingException("loading " + file.uri() + " into " + spec.table() + " failed: "
                            + firstLine(e.getMessage()) + (connectionLost(e) ? RERUN_HINT : ""), e);
                }
                CopyRecordSplitter.Located located = locate(file, format, options, skip, line);
                String message = serverMessage(e);
                if (spec.rejectLimit() == null) {
                    throw new LadingException("row rejected: " + file.uri() + " line " + located.line() + ": " + message
                            + " (pass --reject-limit N to record bad rows and load the others)", e);
                }
                long record = located.record();
                skip.add(record);
                Reject reject = new Reject(file.uri(), located.line(), located.raw(), message);
                rejected.add(reject);
                synchronized (run.firstRejects) {
                    if (run.firstRejects.size() < FIRST_ERRORS) {
                        run.firstRejects.add(reject);
                    }
                }
                long total = run.rejectCount.incrementAndGet();
                RejectLimit limit = spec.rejectLimit();
                if (!limit.percent() && limit.exceededBy(total, 0)) {
                    throw limitExceeded(run, total + " rows rejected");
                }
                if (limit.percent()) {
                    if (fileRecords < 0) {
                        fileRecords = countRecords(file, format, options) - (options.header() ? 1 : 0);
                    }
                    if (limit.exceededBy(skip.size(), fileRecords)) {
                        throw limitExceeded(run, skip.size() + " of " + fileRecords + " rows of " + file.uri() + " rejected");
                    }
                }
                continue;
            }
            catch (RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
            List<Reject> rejects = rejected.stream().sorted(java.util.Comparator.comparingLong(Reject::line)).toList();
            if (file.expectedRecords() >= 0 && rows + rejects.size() != file.expectedRecords()) {
                connection.rollback();
                throw new LadingException("file " + file.uri() + " holds " + (rows + rejects.size()) + " rows but its manifest says "
                        + file.expectedRecords() + "; nothing of it was loaded");
            }
            try {
                // the ledger's primary key stops a concurrent run: its committed row makes this INSERT
                // fail at once, its uncommitted one makes it wait for that run's outcome
                if (run.recordInLedger) {
                    run.ledger.record(connection, run.targetKey, file, rows, spec.force());
                    if (spec.rejectFile() == null) {
                        run.ledger.recordRejects(connection, run.targetKey, rejects);
                    }
                }
                connection.commit();
            }
            catch (SQLException e) {
                rollbackQuietly(connection, e);
                if ("23505".equals(e.getSQLState())) {
                    listener.info(file.uri() + " was loaded by another run at the same time; its rows from this run were rolled back");
                    return new FileOutcome(file, 0, List.of(), true, binary);
                }
                throw e;
            }
            if (run.recordInLedger && spec.rejectFile() != null && !rejects.isEmpty()) {
                RejectFile.append(spec.rejectFile(), run.targetKey, rejects);
            }
            return new FileOutcome(file, rows, rejects, false, binary);
        }
    }

    /** What one COPY sends from the opened file. */
    private interface CopyBody {
        void send(InputStream in, CopyIn copy) throws IOException, SQLException, BinaryCopy.Unsupported;
    }

    /** One COPY of the file; never leaves the connection inside the COPY when anything fails. */
    private long copy(CopyManager copyApi, LoadFile file, FileFormat format, String sql, CopyBody body)
            throws SQLException, BinaryCopy.Unsupported {
        CopyIn copy = copyApi.copyIn(sql);
        boolean done = false;
        try (InputStream in = FileInput.open(store, file, format)) {
            body.send(in, copy);
            long rows = copy.endCopy();
            done = true;
            return rows;
        }
        catch (IOException e) {
            throw new LadingException("cannot read " + file.uri() + ": " + e.getMessage(), e);
        }
        finally {
            if (!done && copy.isActive()) {
                try {
                    copy.cancelCopy();
                }
                catch (SQLException ignored) {
                    // the server already ended the COPY with the error being thrown
                }
            }
        }
    }

    /**
     * The file as text. Without rejected records the bytes go through untouched; otherwise the
     * file is split into records and the rejected ones are left out (and their raw text kept).
     */
    private long copyText(Run run, CopyManager copyApi, LoadFile file, FileFormat format, String sql, TextOptions options,
            TreeSet<Long> skip) throws SQLException, BinaryCopy.Unsupported {
        return copy(copyApi, file, format, sql, (in, copy) -> {
            if (skip.isEmpty()) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (run.failed.get()) {
                        throw new Cancelled();
                    }
                    copy.writeToCopy(buffer, 0, n);
                }
                return;
            }
            CopyRecordSplitter records = new CopyRecordSplitter(in, options);
            byte[] record;
            long number = 0;
            while ((record = records.next()) != null) {
                number++;
                if (skip.contains(number)) {
                    continue;
                }
                if (run.failed.get()) {
                    throw new Cancelled();
                }
                copy.writeToCopy(record, 0, record.length);
            }
        });
    }

    /** The file encoded to binary COPY on this side (see {@link BinaryCopy}). */
    private long copyBinary(Run run, CopyManager copyApi, LoadFile file, FileFormat format, TextOptions options,
            TableSchema columns) throws SQLException, BinaryCopy.Unsupported {
        String sql = CopyStatements.copyInBinary(run.copyTable, columns.names());
        return copy(copyApi, file, format, sql, (in, copy) -> BinaryCopy.of(options, columns).encode(in, (b, off, len) -> {
            if (run.failed.get()) {
                throw new Cancelled();
            }
            copy.writeToCopy(b, off, len);
        }));
    }

    /** Once per load: why files go as text COPY, the slower way (the server parses every value). */
    private void tellWhyText(Run run, LoadFile file, String why) {
        if (run.toldWhyText.compareAndSet(false, true)) {
            listener.info("text COPY for " + file.uri() + ": " + why + " (binary COPY parses on this side, saving the server's CPU)");
        }
    }

    /** The target's columns in the given order (a Parquet file's), each with its type. */
    private static TableSchema inOrder(TableSchema target, List<String> names) {
        Map<String, Column> byName = target.columns().stream().collect(Collectors.toMap(Column::name, c -> c));
        return new TableSchema(names.stream().map(byName::get).toList());
    }

    private long countRecords(LoadFile file, FileFormat format, TextOptions options) {
        try (InputStream in = FileInput.open(store, file, format)) {
            CopyRecordSplitter records = new CopyRecordSplitter(in, options);
            long n = 0;
            while (records.next() != null) {
                n++;
            }
            return n;
        }
        catch (IOException e) {
            throw new LadingException("cannot read " + file.uri() + ": " + e.getMessage(), e);
        }
    }

    private CopyRecordSplitter.Located locate(LoadFile file, FileFormat format, TextOptions options, TreeSet<Long> skip, long copyLine) {
        try (InputStream in = FileInput.open(store, file, format)) {
            return CopyRecordSplitter.locate(in, options, skip, copyLine);
        }
        catch (IOException e) {
            throw new LadingException("cannot read " + file.uri() + ": " + e.getMessage(), e);
        }
    }

    private static LadingException limitExceeded(Run run, String what) {
        List<Reject> first;
        synchronized (run.firstRejects) {
            first = List.copyOf(run.firstRejects);
        }
        return new LadingException("reject limit " + run.spec.rejectLimit() + " exceeded: " + what + "; first errors: "
                + first.stream().map(Reject::describe).collect(Collectors.joining("; "))
                + (run.spec.atomic() ? "; nothing was published" : "; files committed before stay loaded (see the ledger)"));
    }

    /**
     * The COPY line a data error points at, or -1 when the failure is not about one row
     * (connection lost, server shut down, permissions...): those are never counted as bad rows.
     */
    static long copyLine(SQLException e) {
        if (!(e instanceof PSQLException p) || p.getServerErrorMessage() == null) {
            return -1;
        }
        String state = e.getSQLState();
        if (state == null || !(state.startsWith("22") || state.startsWith("23"))) {
            return -1;
        }
        String where = p.getServerErrorMessage().getWhere();
        if (where == null) {
            return -1;
        }
        Matcher m = COPY_LINE.matcher(where);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Connection exceptions (08) and operator intervention (57: terminated, shut down): nothing about the data. */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57"));
    }

    private static String serverMessage(SQLException e) {
        ServerErrorMessage m = ((PSQLException) e).getServerErrorMessage();
        String where = m.getWhere();
        String column = null;
        if (where != null) {
            Matcher c = Pattern.compile(", column ([^:]+)").matcher(where);
            if (c.find()) {
                column = c.group(1);
            }
        }
        return m.getMessage() + (column == null ? "" : " (column " + column + ")");
    }

    private void prepareTarget(Connection control, LoadSpec spec, FileSelection.Selected selected) {
        if (Catalog.exists(control, spec.table())) {
            return;
        }
        if (!spec.createTable()) {
            throw new LadingException("table " + spec.table() + " does not exist; create it, or pass --create-table"
                    + " to create it from the manifest's schema");
        }
        TableSchema schema = selected.manifest() == null ? null : selected.manifest().schema();
        String source = "the manifest's schema";
        LoadFile first = selected.files().get(0);
        try {
            if (schema == null && (spec.format() == FileFormat.PARQUET
                    || spec.format() == null && FileInput.detectFormat(store, first) == FileFormat.PARQUET)) {
                schema = FileInput.parquetSchema(store, first);
                source = "the schema of " + first.uri();
            }
        }
        catch (IOException e) {
            throw new LadingException("cannot read " + first.uri() + ": " + e.getMessage(), e);
        }
        if (schema == null) {
            throw new LadingException("--create-table needs a column schema, from a manifest (MANIFEST VERBOSE) or a Parquet file;"
                    + " there is none for " + spec.from() + "; create table " + spec.table() + " first");
        }
        String ddl = CreateTable.sql(spec.table(), schema, spec.distributedBy());
        try (Statement st = control.createStatement()) {
            st.execute(ddl);
            listener.info("created table " + spec.table() + " from " + source);
        }
        catch (SQLException e) {
            throw new LadingException("cannot create table " + spec.table() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static void checkManifestSchema(FileSelection.Selected selected, TableSchema target, TableName table) {
        TableSchema files = selected.manifest() == null ? null : selected.manifest().schema();
        if (files != null && files.size() != target.size()) {
            throw new LadingException("the manifest's files have " + files.size() + " columns (" + String.join(", ", files.names())
                    + ") but table " + table + " has " + target.size() + " (" + String.join(", ", target.names()) + ")");
        }
    }

    /** The table schema-qualified as the catalog spells it: the ledger's name for it. */
    private static TableName resolve(Connection connection, TableName table) throws SQLException {
        long oid = Catalog.oidOf(connection, table);
        try (PreparedStatement ps = connection.prepareStatement(
                "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new TableName(rs.getString(1), rs.getString(2));
            }
        }
    }

    static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        }
        catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().findFirst().orElse("");
    }
}
