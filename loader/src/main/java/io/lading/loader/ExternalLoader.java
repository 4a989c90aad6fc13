package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.common.Workers;
import io.lading.format.TableSchema;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.LoadStatements;
import io.lading.warehouse.PgErrors;
import io.lading.warehouse.ServerInfo;
import io.lading.warehouse.TableName;
import io.lading.warehouse.ddl.ExternalTableDialect;
import io.lading.warehouse.ddl.ExternalTableSpec;
import io.lading.warehouse.ddl.Secrets;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * External mode: the warehouse's segments read the bucket themselves. Per job: create the readable
 * external table under a unique temporary name; then in one transaction ({@code --truncate} first)
 * {@code INSERT INTO target SELECT * FROM ext}, read the rejected rows back from the error log, check
 * the count against the manifest and write the files' ledger rows ({@link ExternalReads}); COMMIT;
 * drop the external table whatever happened. Several jobs run concurrently, one connection each.
 */
public final class ExternalLoader {
    /**
     * One target and the external table that reads its files (its name is replaced by a temporary
     * one); {@code reads}: the files it reads, recorded in the ledger with the INSERT (null: unknown,
     * no ledger); {@code truncate}: empty the target in the INSERT's transaction, before it.
     */
    public record Job(TableName target, ExternalTableSpec external, ExternalReads reads, boolean truncate) {
        public Job {
            requireNonNull(target, "target is null");
            requireNonNull(external, "external is null");
            if (!external.readable()) {
                throw new IllegalArgumentException("a load reads: the external table must be readable");
            }
        }

        public Job(TableName target, ExternalTableSpec external, ExternalReads reads) {
            this(target, external, reads, false);
        }

        public Job(TableName target, ExternalTableSpec external) {
            this(target, external, null, false);
        }

        /** How many files the external table reads (0: unknown, no ledger). */
        int fileCount() {
            return reads == null ? 0 : reads.selected().files().size();
        }
    }

    /** {@code filesLoaded}/{@code filesSkipped}: the job's files as the ledger counts them (0 and 0 without a ledger). */
    public record JobResult(TableName target, long rows, List<Reject> rejects, Duration elapsed, int filesLoaded, int filesSkipped) {
        public JobResult {
            rejects = List.copyOf(rejects);
        }
    }

    private final ConnectionSpec database;
    private final ExternalTableDialect dialect;
    private final LoadListener listener;

    ExternalLoader(ConnectionSpec database, ExternalTableDialect dialect, LoadListener listener) {
        this.database = requireNonNull(database, "database is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /**
     * An external-mode loader after checking that the server can read a bucket: external tables of
     * {@code oss_ext}, {@code oss_fdw} or gpcloud exist only on Greenplum and AnalyticDB.
     */
    public static ExternalLoader forServer(ConnectionSpec database, ExternalTableDialect dialect, LoadListener listener) {
        if (dialect.name().equals("redshift")) {
            throw new LadingException("wrong dialect for the server: --mode external runs adbpg, adbpg7 or greenplum external"
                    + " tables; for Redshift print the COPY with 'lading ddl --dialect redshift'");
        }
        try (Connection connection = database.connect()) {
            ServerInfo server = ServerInfo.detect(connection);
            if (!server.kind().isMpp()) {
                throw new LadingException("wrong dialect for the server: " + database + " is " + server.kind().displayName()
                        + ", which has no " + dialect.name() + " external tables; load it with --mode copy");
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the server version of " + database + ": " + e.getMessage(), e);
        }
        return new ExternalLoader(database, dialect, listener);
    }

    /** The target tables' columns, from the catalog: what each external table reads into. */
    public List<TableSchema> columnsOf(List<TableName> tables) {
        try (Connection connection = database.connect()) {
            List<TableSchema> schemas = new ArrayList<>();
            for (TableName table : tables) {
                schemas.add(Catalog.columnsOf(connection, table));
            }
            return schemas;
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the target tables from " + database + ": " + e.getMessage(), e);
        }
    }

    /** Loads the jobs, at most {@code parallel} at a time; the first failure fails the load (jobs done stay loaded). */
    public List<JobResult> load(List<Job> jobs, int parallel) {
        if (parallel < 1) {
            throw new LadingException("--parallel must be at least 1, not " + parallel);
        }
        List<Callable<JobResult>> tasks = jobs.stream().<Callable<JobResult>>map(job -> () -> loadOne(job)).toList();
        return new Workers("external load", "lading-external").run(parallel, tasks);
    }

    /**
     * {@code --dry-run}: per job, the files it reads, what the ledger makes of them, and the statements
     * (secrets masked); the target and the ledger are only read.
     */
    public String describe(List<Job> jobs) {
        StringBuilder s = new StringBuilder();
        try (Connection connection = database.connect()) {
            for (Job job : jobs) {
                ExternalTableSpec ext = job.external().withName(new TableName(job.target().schema(), "lading_ext_XXXX"));
                s.append("load into ").append(job.target()).append(" (external mode, ").append(dialect.name())
                        .append("; dry run: nothing is written)\n");
                s.append("  the external table reads ").append(ext.selection().optionName()).append(' ').append(ext.location());
                if (job.reads() == null) {
                    s.append('\n');
                }
                else {
                    List<LoadFile> files = job.reads().selected().files();
                    s.append(": exactly the ").append(files.size()).append(" selected files (")
                            .append(files.stream().mapToLong(f -> f.object().size()).sum()).append(" bytes)\n");
                    for (LoadFile file : files) {
                        s.append("    ").append(file.uri()).append("  ").append(file.object().size()).append(" bytes")
                                .append(file.expectedRecords() >= 0 ? "  " + file.expectedRecords() + " records" : "").append('\n');
                    }
                    s.append("  ledger: ").append(job.reads().plan(connection, job.target(), job.truncate())).append('\n');
                }
                s.append("  statements:\n");
                List<String> statements = new ArrayList<>(dialect.createStatements(ext, Secrets.MASK));
                statements.add("BEGIN");
                if (job.truncate()) {
                    statements.add(LoadStatements.truncate(job.target()));
                }
                statements.add(dialect.insertSelect(job.target(), ext.name()));
                if (job.reads() != null) {
                    long expected = job.reads().expectedRecords();
                    statements.add("-- " + (expected >= 0 ? "rows inserted (+ rejected) checked against the manifest's " + expected + "; " : "")
                            + "one row per file into " + job.reads().ledgerSchema() + "." + LoadStatements.LEDGER_TABLE);
                }
                statements.add("COMMIT");
                statements.addAll(dialect.dropStatements(ext));
                for (String sql : statements) {
                    s.append("    ").append(sql.replace("\n", "\n    ")).append('\n');
                }
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot read the ledger in " + database + ": " + PgErrors.firstLine(e.getMessage()), e);
        }
        return s.toString();
    }

    JobResult loadOne(Job job) {
        long start = System.nanoTime();
        TableName extName = ExternalTableDialect.temporaryName(job.target());
        ExternalTableSpec ext = job.external().withName(extName);
        List<String> create = dialect.createStatements(ext, Secrets.REVEAL);
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(true);
            LadingException failure = null;
            try (Statement st = connection.createStatement()) {
                for (String sql : create) {
                    st.execute(sql);
                }
                listener.info("created external table " + extName + " for " + job.target());
                ExternalReads.InTransaction ledger = job.reads() == null ? null
                        : job.reads().new InTransaction(connection, job.target(), listener);
                connection.setAutoCommit(false);
                if (job.truncate()) {
                    if (ledger != null) {
                        ledger.truncate(st, connection);
                    }
                    else {
                        st.execute(LoadStatements.truncate(job.target()));
                    }
                }
                if (ledger != null && !ledger.needed(connection)) {
                    connection.rollback();
                    return new JobResult(job.target(), 0, List.of(), Duration.ofNanos(System.nanoTime() - start), 0, job.fileCount());
                }
                long rows = st.executeUpdate(dialect.insertSelect(job.target(), extName));
                List<Reject> rejects = ext.logErrors() ? errorLog(st, extName) : List.of();
                if (ledger != null) {
                    ledger.record(connection, rows, rejects.size());
                }
                connection.commit();
                listener.info("loaded " + rows + " rows into " + job.target() + (rejects.isEmpty() ? "" : ", " + rejects.size() + " rejected"));
                return new JobResult(job.target(), rows, rejects, Duration.ofNanos(System.nanoTime() - start), job.fileCount(), 0);
            }
            catch (SQLException e) {
                FileCopy.rollbackQuietly(connection, e);
                failure = new LadingException("external load into " + job.target() + " failed: "
                        + PgErrors.firstLine(e.getMessage()) + (PgErrors.uniqueViolation(e)
                        ? " (another load recorded these files at the same time; this one rolled back)" : " (nothing was inserted)"), e);
                throw failure;
            }
            catch (RuntimeException e) {
                FileCopy.rollbackQuietly(connection, e);
                throw e;
            }
            finally {
                autoCommit(connection, failure);
                drop(connection, ext, failure);
            }
        }
        catch (SQLException e) {
            throw new LadingException("external load into " + job.target() + " failed: " + PgErrors.firstLine(e.getMessage()), e);
        }
    }

    private List<Reject> errorLog(Statement st, TableName extName) throws SQLException {
        List<Reject> rejects = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(dialect.readErrorLog(extName))) {
            while (rs.next()) {
                String file = rs.getString("filename");
                rejects.add(new Reject(file == null ? extName.toString() : file, Math.max(1, rs.getLong("linenum")),
                        rs.getString("rawdata"), rs.getString("errmsg")));
            }
        }
        return rejects;
    }

    /** Back to auto-commit for the drop; a connection that cannot (it is lost) makes the drop fail and say so. */
    private static void autoCommit(Connection connection, LadingException failure) {
        try {
            connection.setAutoCommit(true);
        }
        catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Drops the external table; a failure to drop is attached to the load's own failure, or reported. */
    private void drop(Connection connection, ExternalTableSpec ext, LadingException failure) {
        for (String sql : dialect.dropStatements(ext)) {
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            }
            catch (SQLException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
                else {
                    listener.info("could not drop external table " + ext.name() + ": " + PgErrors.firstLine(e.getMessage())
                            + "; drop it by hand");
                }
            }
        }
    }
}
