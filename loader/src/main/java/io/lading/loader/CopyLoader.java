package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.common.Workers;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.storage.ObjectStore;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.CopyInForm;
import io.lading.warehouse.LoadStatements;
import io.lading.warehouse.PgErrors;
import io.lading.warehouse.ServerInfo;
import io.lading.warehouse.TableName;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;

import static java.util.Objects.requireNonNull;

/**
 * Copy mode: N connections, each taking the next file and streaming it into
 * {@code COPY ... FROM STDIN} ({@link FileCopy}). Every file commits in one transaction together
 * with its ledger row (and its rejected rows), so a load killed at any moment and run again loads
 * each file exactly once. With {@code --atomic} the files go to an UNLOGGED staging table first and
 * are published, with all their ledger rows, in one transaction.
 */
public final class CopyLoader {
    static final String RERUN_HINT = " (the connection was lost or ended; run the same load again:"
            + " files already committed are in the ledger and are skipped)";

    private final ObjectStore store;
    private final LoadListener listener;

    public CopyLoader(ObjectStore store, LoadListener listener) {
        this.store = requireNonNull(store, "store is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** The selected files the ledger does not have yet, how many it has and their rows. */
    private record Plan(List<LoadFile> todo, int skipped, long skippedRows, long bytes) {
    }

    public LoadResult load(LoadSpec spec) {
        long start = System.nanoTime();
        FileSelection.Selected selected = FileSelection.resolve(store, spec.from(), spec.match());
        try (Connection control = spec.target().connect()) {
            prepareTarget(control, spec, selected);
            TableSchema schema = Catalog.columnsOf(control, spec.table());
            checkManifestSchema(selected, schema, spec.table());
            TableName resolved = Catalog.qualifiedName(control, spec.table());
            ExportRun exportRun = ExportRun.of(selected);
            Ledger ledger = new Ledger(spec.ledgerSchema());
            Rejects rejects = new Rejects(spec.rejectLimit(), spec.rejectFile(), spec.atomic());
            ledger.ensure(control, rejects.toTable());
            Ledger.Target target = ledger.target(control, resolved, listener);

            Map<String, Ledger.Entry> held = ledger.entries(control, target);
            if (!spec.truncate() && !spec.append()) {
                exportRun.checkNotAnotherRun(held.values(), spec.table().toString());
            }
            Plan plan = plan(spec, selected.files(), spec.truncate() || spec.force() ? Map.of() : held);
            if (plan.todo().isEmpty() && !spec.truncate()) {
                checkStillHolds(control, spec.table(), plan);
            }
            listener.planned(plan.todo().size(), plan.skipped(), plan.bytes());
            if (plan.skipped() > 0) {
                listener.info(plan.skipped() + " of " + selected.files().size()
                        + " files are already in the ledger; skipping them (--force reloads)");
            }
            Workers workers = new Workers("load into " + spec.table(), "lading-load");
            ServerInfo server = ServerInfo.detect(control);
            TextFallback text = new TextFallback(listener, CopyInForm.forServer(server));
            List<FileCopy.Outcome> outcomes;
            if (spec.atomic()) {
                TableName staging = new TableName(resolved.schema(),
                        "lading_stage_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)));
                CopyRun run = new CopyRun(spec, store, staging, schema, target, exportRun, ledger, false, rejects, text, workers, listener, server);
                outcomes = loadAtomic(control, run, plan.todo());
            }
            else {
                CopyRun run = new CopyRun(spec, store, spec.table(), schema, target, exportRun, ledger, true, rejects, text, workers, listener, server);
                outcomes = loadDirect(control, run, plan.todo());
            }
            return result(spec, selected, plan, outcomes, start);
        }
        catch (SQLException e) {
            throw new LadingException("load into " + spec.table() + " failed: " + PgErrors.firstLine(e.getMessage()), e);
        }
    }

    private static Plan plan(LoadSpec spec, List<LoadFile> selected, Map<String, Ledger.Entry> done) {
        List<LoadFile> todo = new ArrayList<>();
        int skipped = 0;
        long skippedRows = 0;
        long bytes = 0;
        for (LoadFile file : selected) {
            Ledger.Entry entry = done.get(file.uri());
            if (entry == null) {
                todo.add(file);
                bytes += file.object().size();
            }
            else if (Ledger.sameObject(entry, file)) {
                skipped++;
                skippedRows += entry.rows();
            }
            else {
                throw new LadingException("file " + file.uri() + " changed since it was loaded into " + spec.table()
                        + " at " + entry.loadedAt() + " (" + entry.size() + " bytes then, " + file.object().size()
                        + " now); reload with --truncate, or --force to load it again on top");
            }
        }
        return new Plan(todo, skipped, skippedRows, bytes);
    }

    /**
     * Every selected file is in the ledger: the target should hold their rows. An empty target was
     * emptied outside Lading (TRUNCATE, DELETE); loading nothing and saying success would hide it.
     */
    private static void checkStillHolds(Connection control, TableName table, Plan plan) throws SQLException {
        if (plan.skippedRows() == 0) {
            return;
        }
        try (Statement st = control.createStatement(); ResultSet rs = st.executeQuery(LoadStatements.anyRow(table))) {
            if (!rs.next()) {
                throw new LadingException("table " + table + " is empty, but the ledger says its " + plan.skipped() + " selected files ("
                        + plan.skippedRows() + " rows) were loaded into it: it was emptied outside Lading; load again with --truncate"
                        + " (or --force)");
            }
        }
    }

    private static LoadResult result(LoadSpec spec, FileSelection.Selected selected, Plan plan, List<FileCopy.Outcome> outcomes,
            long start) {
        List<Reject> rejects = new ArrayList<>();
        long rows = 0;
        int loaded = 0;
        int binary = 0;
        int skipped = plan.skipped();
        for (FileCopy.Outcome o : outcomes) {
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
        return new LoadResult(spec.table().toString(), selected.files().size(), loaded, skipped, binary, rows, plan.bytes(), rejects,
                manifestRecords, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Each file commits on its own, with its ledger row; {@code --truncate} first, with forgetting the ledger's rows. */
    private List<FileCopy.Outcome> loadDirect(Connection control, CopyRun run, List<LoadFile> todo) throws SQLException {
        if (run.spec().truncate()) {
            control.setAutoCommit(false);
            try (Statement st = control.createStatement()) {
                st.execute(LoadStatements.truncate(run.spec().table()));
                run.ledger().forgetAll(control, run.ledgerTarget());
                control.commit();
            }
            finally {
                control.setAutoCommit(true);
            }
        }
        return runWorkers(run, todo);
    }

    /**
     * Atomic mode. The ledger rows are written by the publishing transaction, never by the workers:
     * the ledger then says "in the target" exactly when the rows are, and a failed or killed atomic
     * load leaves both target and ledger as they were (a re-run loads every file again).
     */
    private List<FileCopy.Outcome> loadAtomic(Connection control, CopyRun run, List<LoadFile> todo) throws SQLException {
        LoadSpec spec = run.spec();
        TableName staging = run.copyTable();
        try (Statement st = control.createStatement()) {
            st.execute(LoadStatements.createStaging(staging, spec.table()));
        }
        listener.info("staging into " + staging + " (dropped when the load ends)");
        try {
            List<FileCopy.Outcome> outcomes = runWorkers(run, todo);
            listener.info("publishing into " + spec.table() + " in one transaction");
            control.setAutoCommit(false);
            try (Statement st = control.createStatement()) {
                if (spec.truncate()) {
                    st.execute(LoadStatements.truncate(spec.table()));
                    run.ledger().forgetAll(control, run.ledgerTarget());
                }
                st.executeUpdate(LoadStatements.insertSelect(spec.table(), run.columns().names(), staging));
                for (FileCopy.Outcome o : outcomes) {
                    run.ledger().record(control, run.ledgerTarget(), run.exportRun(), o.file(), o.rows(), spec.force());
                    run.rejects().recordInTransaction(run.ledger(), control, run.ledgerTarget().name(), o.rejects());
                }
                control.commit();
            }
            catch (SQLException e) {
                FileCopy.rollbackQuietly(control, e);
                if (PgErrors.uniqueViolation(e)) {
                    throw new LadingException("another load published some of these files into " + spec.table()
                            + " at the same time; nothing was published by this one", e);
                }
                throw e;
            }
            finally {
                control.setAutoCommit(true);
            }
            run.rejects().recordAfterCommit(run.ledgerTarget().name(), outcomes.stream().flatMap(o -> o.rejects().stream()).toList());
            return outcomes;
        }
        finally {
            try (Statement st = control.createStatement()) {
                st.execute(LoadStatements.dropIfExists(staging));
            }
            catch (SQLException e) {
                listener.info("could not drop staging table " + staging + ": " + PgErrors.firstLine(e.getMessage()) + "; drop it by hand");
            }
        }
    }

    /** {@code --parallel} workers, each with its own connection, taking the next file until none is left or one failed. */
    private List<FileCopy.Outcome> runWorkers(CopyRun run, List<LoadFile> todo) {
        if (todo.isEmpty()) {
            return List.of();
        }
        Queue<LoadFile> queue = new ConcurrentLinkedQueue<>(todo);
        int n = Math.min(run.spec().parallel(), todo.size());
        List<Callable<List<FileCopy.Outcome>>> workers = Collections.nCopies(n, () -> work(run, queue));
        return run.workers().run(n, workers).stream().flatMap(List::stream).toList();
    }

    private List<FileCopy.Outcome> work(CopyRun run, Queue<LoadFile> queue) {
        List<FileCopy.Outcome> outcomes = new ArrayList<>();
        try (Connection connection = run.spec().target().connect()) {
            connection.setAutoCommit(false);
            LoadFile file;
            while (!run.workers().failed() && (file = queue.poll()) != null) {
                FileCopy.Outcome outcome = FileCopy.load(run, connection, file);
                outcomes.add(outcome);
                listener.fileLoaded(file, outcome.rows(), outcome.rejects().size());
            }
            return outcomes;
        }
        catch (SQLException e) {
            throw new LadingException("load into " + run.spec().table() + " failed: " + PgErrors.firstLine(e.getMessage())
                    + (PgErrors.connectionLost(e) ? RERUN_HINT : ""), e);
        }
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
        String ddl = LoadStatements.createTable(spec.table(), schema, spec.distributedBy());
        try (Statement st = control.createStatement()) {
            st.execute(ddl);
            listener.info("created table " + spec.table() + " from " + source);
        }
        catch (SQLException e) {
            throw new LadingException("cannot create table " + spec.table() + ": " + PgErrors.firstLine(e.getMessage()), e);
        }
    }

    private static void checkManifestSchema(FileSelection.Selected selected, TableSchema target, TableName table) {
        TableSchema files = selected.manifest() == null ? null : selected.manifest().schema();
        if (files != null && files.size() != target.size()) {
            throw new LadingException("the manifest's files have " + files.size() + " columns (" + String.join(", ", files.names())
                    + ") but table " + table + " has " + target.size() + " (" + String.join(", ", target.names()) + ")");
        }
    }
}
