package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.TextOptions;
import io.lading.format.parquet.ParquetTypes;
import io.lading.format.text.CopyRecordSplitter;
import io.lading.format.text.TextRewrite;
import io.lading.storage.ObjectStore;
import io.lading.warehouse.CopyStatements;
import io.lading.warehouse.CopyStreams;
import io.lading.warehouse.PgErrors;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One file into its COPY on one connection, in explicit steps: try binary COPY; when the file has
 * a value outside binary's forms or the server refuses it, send it as text; when the server refuses
 * a row of the text, record the reject and send the file again without that row; then check the
 * manifest's count and commit the rows with the file's ledger row and rejects.
 */
final class FileCopy {
    /** One file's result; {@code loadedConcurrently}: another run committed it first, this one rolled back. */
    record Outcome(LoadFile file, long rows, List<Reject> rejects, boolean loadedConcurrently, boolean binary) {
    }

    private final CopyRun run;
    private final Connection connection;
    private final LoadFile file;
    private final FileFormat format;
    /** What is rewritten on the way from the file to COPY; {@link #options} read the rewritten bytes. */
    private final TextRewrite rewrite;
    private final TextOptions options;
    /** What the text COPY statement says: {@link #options}, less a TEXT header the server cannot take. */
    private final TextOptions copyOptions;
    /** The COPY column list, with the target's types. */
    private final TableSchema columns;
    /** Records (numbered from 1) left out when the file is sent as text: rows the server refused, a header it cannot take. */
    private final TreeSet<Long> skip = new TreeSet<>();
    private final List<Reject> rejected = new ArrayList<>();
    private long records = -1;

    private FileCopy(CopyRun run, Connection connection, LoadFile file) {
        this.run = run;
        this.connection = connection;
        this.file = file;
        LoadSpec spec = run.spec();
        this.format = spec.format() != null ? spec.format() : read(store -> FileInput.detectFormat(store, file));
        if (format == FileFormat.PARQUET) {
            // decoded to COPY TEXT lines in the file's column order, matched to the target by name
            TableSchema fileColumns = read(store -> FileInput.parquetSchema(store, file));
            ParquetTypes.checkColumns(fileColumns, run.columns(), file.uri(), spec.table().toString());
            this.rewrite = TextRewrite.NONE;
            this.options = TextOptions.defaults(FileFormat.TEXT);
            this.columns = inOrder(run.columns(), fileColumns.names());
        }
        else {
            // Redshift's text forms PostgreSQL cannot read as they are arrive here rewritten (TextRewrite)
            this.rewrite = spec.text().rewrite(format);
            this.options = rewrite.copyOptions(spec.text().forFormat(format));
            this.columns = run.columns();
        }
        if (options.format() == FileFormat.TEXT && options.header() && !run.server().takesTextCopyHeader()) {
            // HEADER in text format is PostgreSQL 15+ (Pg94.COPY_TEXT_HEADER): the header line stays here
            this.copyOptions = options.withoutHeader();
            skip.add(1L);
        }
        else {
            this.copyOptions = options;
        }
    }

    /** Loads {@code file} on {@code connection} (not in auto-commit) and commits it. */
    static Outcome load(CopyRun run, Connection connection, LoadFile file) throws SQLException {
        return new FileCopy(run, connection, file).load();
    }

    private Outcome load() throws SQLException {
        String whyText = run.text().whyText(options, columns);
        if (whyText != null) {
            run.text().tell(file, whyText);
        }
        long rows = whyText == null ? tryBinary() : -1;
        boolean binary = rows >= 0;
        if (!binary) {
            rows = sendText();
        }
        List<Reject> rejects = rejected.stream().sorted(Comparator.comparingLong(Reject::line)).toList();
        if (file.expectedRecords() >= 0 && rows + rejects.size() != file.expectedRecords()) {
            connection.rollback();
            throw new LadingException("file " + file.uri() + " holds " + (rows + rejects.size()) + " rows but its manifest says "
                    + file.expectedRecords() + "; nothing of it was loaded");
        }
        return commit(rows, rejects, binary);
    }

    /** Step 1: the file as binary COPY; -1 when it must go as text (nothing of it stays in the transaction). */
    private long tryBinary() throws SQLException {
        try {
            String sql = CopyStatements.copyInBinary(run.copyTable(), columns.names());
            BinaryCopy encoder = BinaryCopy.of(options, columns);
            return copy(sql, (in, sink) -> encoder.encode(in, (b, off, len) -> {
                run.stopIfFailed();
                sink.write(b, off, len);
            }));
        }
        catch (BinaryCopy.Unsupported e) {
            rollbackQuietly(connection, e);
            run.text().tell(file, e.getMessage());
            return -1;
        }
        catch (SQLException e) {
            rollbackQuietly(connection, e);
            if (PgErrors.connectionLost(e)) {
                throw failed(e);
            }
            // a refused row: the text COPY finds it again and reports its line; a refusal that is
            // not about a row (no binary COPY input, a permission...): the text COPY tells
            if (PgErrors.copyLine(e) < 0) {
                run.text().refusedByServer(file, e);
            }
            return -1;
        }
        catch (RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    /** Step 2: the file as text; each row the server refuses is recorded and the file sent again without it. */
    private long sendText() throws SQLException {
        String sql = CopyStatements.copyIn(run.copyTable(), columns.names(), copyOptions);
        while (true) {
            try {
                return copy(sql, this::copyText);
            }
            catch (SQLException e) {
                rollbackQuietly(connection, e);
                long line = PgErrors.copyLine(e);
                if (line < 0) {
                    throw failed(e);
                }
                reject(line, e);
            }
            catch (RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    /**
     * The text as it is when no record is left out; otherwise split into records and the rejected
     * ones left out.
     */
    private void copyText(InputStream in, CopyStreams.Sink sink) throws IOException, SQLException {
        if (skip.isEmpty()) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                run.stopIfFailed();
                sink.write(buffer, 0, n);
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
            run.stopIfFailed();
            sink.write(record, 0, record.length);
        }
    }

    /** Step 3: the row at COPY's {@code line} becomes a reject (or the error that ends the load). */
    private void reject(long line, SQLException e) {
        CopyRecordSplitter.Located located = read(store -> {
            try (InputStream in = open(store)) {
                return CopyRecordSplitter.locate(in, options, skip, line);
            }
        });
        Reject reject = new Reject(file.uri(), located.line(), located.raw(), PgErrors.rowMessage(e));
        skip.add(located.record());
        rejected.add(reject);
        run.rejects().add(reject, rejected.size(), this::records, e);
    }

    /** Step 4: the rows, the file's ledger row and its rejects in one transaction. */
    private Outcome commit(long rows, List<Reject> rejects, boolean binary) throws SQLException {
        try {
            // the ledger's primary key stops a concurrent run: its committed row makes this INSERT
            // fail at once, its uncommitted one makes it wait for that run's outcome
            if (run.recordInLedger()) {
                run.ledger().record(connection, run.ledgerTarget(), run.exportRun(), file, rows, run.spec().force());
                run.rejects().recordInTransaction(run.ledger(), connection, run.ledgerTarget().name(), rejects);
            }
            connection.commit();
        }
        catch (SQLException e) {
            rollbackQuietly(connection, e);
            if (PgErrors.uniqueViolation(e)) {
                run.listener().info(file.uri() + " was loaded by another run at the same time; its rows from this run were rolled back");
                return new Outcome(file, 0, List.of(), true, binary);
            }
            throw e;
        }
        if (run.recordInLedger() && !rejects.isEmpty()) {
            run.rejects().recordAfterCommit(run.ledgerTarget().name(), rejects);
        }
        return new Outcome(file, rows, rejects, false, binary);
    }

    /** What one COPY sends from the opened file. */
    private interface Body<E extends Exception> {
        void send(InputStream in, CopyStreams.Sink sink) throws IOException, SQLException, E;
    }

    /** One COPY of the file; a read failure names the file. */
    private <E extends Exception> long copy(String sql, Body<E> body) throws SQLException, E {
        try {
            return CopyStreams.copyIn(connection, sql, sink -> {
                try (InputStream in = open(run.store())) {
                    body.send(in, sink);
                }
            });
        }
        catch (IOException e) {
            throw new LadingException("cannot read " + file.uri() + ": " + e.getMessage(), e);
        }
    }

    /** The file's bytes as COPY reads them: decompressed, decoded (Parquet), rewritten (Redshift text). */
    private InputStream open(ObjectStore store) throws IOException {
        return rewrite.apply(FileInput.open(store, file, format));
    }

    /** The file's data records (its header left out), counted once: a percent reject limit needs them. */
    private long records() {
        if (records < 0) {
            records = read(store -> {
                try (InputStream in = open(store)) {
                    CopyRecordSplitter reader = new CopyRecordSplitter(in, options);
                    long n = 0;
                    while (reader.next() != null) {
                        n++;
                    }
                    return n;
                }
            }) - (options.header() ? 1 : 0);
        }
        return records;
    }

    private LadingException failed(SQLException e) {
        return new LadingException("loading " + file.uri() + " into " + run.spec().table() + " failed: "
                + PgErrors.firstLine(e.getMessage()) + (PgErrors.connectionLost(e) ? CopyLoader.RERUN_HINT : ""), e);
    }

    /** A read of the file's store; a failure names the file. */
    private interface Read<T> {
        T from(ObjectStore store) throws IOException;
    }

    private <T> T read(Read<T> read) {
        try {
            return read.from(run.store());
        }
        catch (IOException e) {
            throw new LadingException("cannot read " + file.uri() + ": " + e.getMessage(), e);
        }
    }

    /** The target's columns in the given order (a Parquet file's), each with its type. */
    private static TableSchema inOrder(TableSchema target, List<String> names) {
        Map<String, Column> byName = target.columns().stream().collect(Collectors.toMap(Column::name, Function.identity()));
        return new TableSchema(names.stream().map(byName::get).toList());
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
}
