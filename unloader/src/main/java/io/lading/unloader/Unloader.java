package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.Manifest;
import io.lading.format.parquet.ParquetWriteOptions;
import io.lading.format.pgbinary.PgBinaryRowDecoder;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.StorageException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import static java.util.Objects.requireNonNull;

/**
 * Runs a plan: R readers COPY their splits from one shared snapshot and cut the stream into
 * row-aligned chunks; each chunk is dealt to the least-filled of the N files, each owned by one of W
 * writer threads that compresses and uploads it. Nothing is visible until every reader and writer
 * has finished: then all files are committed and the manifest is written last. Any failure (or
 * {@link #cancel}) aborts every upload and deletes what this run committed.
 */
public final class Unloader {
    private static final Logger log = LoggerFactory.getLogger(Unloader.class);
    private static final int QUEUE_CHUNKS_PER_WRITER = 4;
    private static final long POLL_MILLIS = 100;

    private final UnloadPlan plan;
    private final UnloadRequest request;
    private final ObjectStore store;
    private final int chunkSize;
    private final int writerCount;
    private final LongAdder rowsRead = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    /** Raw bytes the writers have compressed, and what came out: the ratio the dealer plans with. */
    private final LongAdder rawIn = new LongAdder();
    private final LongAdder compressedOut = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Connection> readerConnections = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private Runnable afterSnapshot = () -> { };

    private final ParquetWriteOptions parquetOptions;
    /** Chunk buffers the writers are done with: the readers reuse them instead of allocating (and collecting) a MiB per chunk. */
    private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();
    private Dealer dealer;
    private Writer[] writers;

    public Unloader(UnloadPlan plan, ObjectStore store) {
        this(plan, store, Runtime.getRuntime().availableProcessors());
    }

    /** {@code writerThreads}: compressing threads (default: cores), never more than N. */
    public Unloader(UnloadPlan plan, ObjectStore store, int writerThreads) {
        this(plan, store, writerThreads, chunkSize(plan.request().maxFileSize(), plan.estimatedBytes(), plan.request().files()));
    }

    Unloader(UnloadPlan plan, ObjectStore store, int writerThreads, int chunkSize) {
        this.plan = requireNonNull(plan, "plan is null");
        this.request = plan.request();
        this.store = requireNonNull(store, "store is null");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive: " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.writerCount = Math.max(1, Math.min(writerThreads, request.files()));
        // all N files of a generation are open at once: their row groups share half the heap
        this.parquetOptions = request.format() == FileFormat.PARQUET
                ? ParquetWriteOptions.forOpenWriters(request.compression(), request.files()) : null;
    }

    /**
     * Up to 1 MiB (each file is one continuous deflate stream, so the chunk size does not change
     * compression, only the per-chunk overhead), and small enough to balance: at most a 16th of the
     * file size limit and, when the size is estimated, a 32nd of each file's expected share (not
     * below 16 KiB), so files differing by one chunk differ by a few percent. Never below 4 KiB.
     */
    static int chunkSize(long maxFileSize, long estimatedBytes, int files) {
        long size = Math.min(1 << 20, maxFileSize / 16);
        if (estimatedBytes > 0) {
            size = Math.min(size, Math.max(16 << 10, estimatedBytes / files / 32));
        }
        return (int) Math.max(4 << 10, size);
    }

    /** Called on the coordinator once the snapshot is exported, before any reader starts (tests). */
    Unloader afterSnapshot(Runnable hook) {
        this.afterSnapshot = requireNonNull(hook, "hook is null");
        return this;
    }

    /** Rows read so far, for a progress display. */
    public long rowsRead() {
        return rowsRead.sum();
    }

    /** Bytes read from the database so far, for a progress display. */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /** Stops the run from another thread (Ctrl-C): it fails with {@code reason} and cleans up. */
    public void cancel(String reason) {
        fail(new LadingException(reason));
    }

    /** Waits until a cancelled or failed run has cleaned up (for a shutdown hook). */
    public boolean awaitCleanup(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    private void fail(Throwable t) {
        if (failure.compareAndSet(null, t)) {
            for (Connection c : readerConnections) {
                try {
                    c.unwrap(BaseConnection.class).cancelQuery();
                }
                catch (SQLException | RuntimeException e) {
                    t.addSuppressed(e);
                }
            }
        }
    }

    private void checkNotFailed() {
        if (failure.get() != null) {
            throw new Cancelled();
        }
    }

    /** Thrown inside a worker to unwind after another worker failed; never the reported cause. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    public UnloadResult run() {
        long start = System.nanoTime();
        List<ObjectInfo> old = List.of();
        List<FileSink> sinks = new ArrayList<>();
        List<Location> committed = new ArrayList<>();
        boolean manifestWritten = false;
        boolean published = false;
        Connection coordinator = null;
        List<Thread> readerThreads = new ArrayList<>();
        List<Thread> writerThreads = new ArrayList<>();
        try {
            old = existingObjects();
            String snapshot = null;
            if (plan.sharedSnapshot()) {
                coordinator = request.source().connect();
                snapshot = exportSnapshot(coordinator);
            }
            afterSnapshot.run();

            writers = new Writer[writerCount];
            for (int i = 0; i < writerCount; i++) {
                writers[i] = new Writer(i);
                Thread t = new Thread(writers[i], "lading-writer-" + i);
                writerThreads.add(t);
                t.start();
            }
            dealer = new Dealer(request.files());
            ConcurrentLinkedQueue<Split> splits = new ConcurrentLinkedQueue<>(plan.splits());
            CountDownLatch readersDone = new CountDownLatch(plan.readers());
            for (int i = 0; i < plan.readers(); i++) {
                Thread t = new Thread(new Reader(splits, snapshot, readersDone), "lading-reader-" + i);
                readerThreads.add(t);
                t.start();
            }
            while (!readersDone.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                throwIfFailed();
            }
            throwIfFailed();
            int lastGeneration = dealer.generation();
            for (Writer w : writers) {
                w.put(Task.end(lastGeneration));
            }
            for (Thread t : writerThreads) {
                t.join();
            }
            throwIfFailed();
            for (Writer w : writers) {
                sinks.addAll(w.done);
            }
            if (coordinator != null) {
                endTransaction(coordinator);
            }
            checkCounts(sinks);

            sinks.sort(Comparator.comparing(s -> s.location().key()));
            List<Manifest.Entry> entries = new ArrayList<>();
            long compressed = 0;
            for (FileSink sink : sinks) {
                throwIfFailed();
                ObjectInfo info = sink.objectWrite().commit();
                committed.add(sink.location());
                entries.add(new Manifest.Entry(sink.location().toString(), true, info.size(), sink.rows()));
                compressed += info.size();
            }
            throwIfFailed();
            Manifest manifest = new Manifest(entries, plan.schema());
            Location manifestLocation = request.manifest();
            try (ObjectWrite w = store.create(manifestLocation)) {
                w.output().write(manifest.toJson());
                w.commit();
            }
            manifestWritten = true;
            published = true;
            if (!old.isEmpty()) {
                List<Location> stale = old.stream().map(ObjectInfo::location).filter(l -> !l.equals(manifestLocation)).toList();
                try {
                    store.delete(stale);
                }
                catch (RuntimeException e) {
                    // the new run is published: undoing it would lose both runs
                    throw new LadingException("unload of " + request.subject() + " is committed (" + manifestLocation
                            + "), but removing the " + stale.size() + " old objects under " + request.to() + " failed: "
                            + e.getMessage() + "; the folder now holds old and new files: remove those not starting with "
                            + plan.names().prefix() + " by hand", e);
                }
                log.info("--overwrite: removed {} old objects under {}", stale.size(), request.to());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new UnloadResult(manifest, manifestLocation, manifest.totalRecords(), bytesRead.sum(), compressed,
                    sinks.size(), sinks.isEmpty() ? 0 : sinks.get(sinks.size() - 1).generation() + 1, seconds);
        }
        catch (Throwable t) {
            if (published) {
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                throw new LadingException("unload of " + request.subject() + " is committed, but then: " + describe(t), t);
            }
            fail(t instanceof Cancelled ? new LadingException("cancelled") : t);
            Throwable cause = failure.get();
            for (Thread th : readerThreads) {
                joinQuietly(th);
            }
            for (Thread th : writerThreads) {
                joinQuietly(th);
            }
            List<RuntimeException> cleanup = new ArrayList<>();
            int aborted = 0;
            if (writers != null) {
                for (Writer w : writers) {
                    if (w != null) {
                        for (FileSink s : w.done) {
                            if (!committed.contains(s.location())) {
                                aborted++;
                                addIfNotNull(cleanup, s.abortQuietly());
                            }
                        }
                    }
                }
            }
            List<Location> toDelete = new ArrayList<>(committed);
            if (manifestWritten) {
                toDelete.add(request.manifest());
            }
            try {
                if (!toDelete.isEmpty()) {
                    store.delete(toDelete);
                }
            }
            catch (RuntimeException e) {
                cleanup.add(e);
            }
            if (coordinator != null) {
                try {
                    coordinator.rollback();
                }
                catch (SQLException | RuntimeException ignored) {
                    // the connection is closed next; a failed rollback leaves nothing behind
                }
            }
            LadingException error = failureMessage(cause, aborted, committed.size(), cleanup);
            for (RuntimeException e : cleanup) {
                error.addSuppressed(e);
            }
            throw error;
        }
        finally {
            if (coordinator != null) {
                try {
                    coordinator.close();
                }
                catch (SQLException ignored) {
                    // closing ends the exporting transaction; nothing to publish or undo
                }
            }
            finished.countDown();
        }
    }

    private static void addIfNotNull(List<RuntimeException> list, RuntimeException e) {
        if (e != null) {
            list.add(e);
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void throwIfFailed() {
        if (failure.get() != null) {
            throw new Cancelled();
        }
    }

    private LadingException failureMessage(Throwable cause, int aborted, int removed, List<RuntimeException> cleanup) {
        String why = cause instanceof LadingException ? cause.getMessage() : describe(cause);
        StringBuilder s = new StringBuilder("unload of ").append(request.subject()).append(" to ").append(request.to())
                .append(" failed: ").append(why);
        if (cleanup.isEmpty()) {
            s.append("; nothing was published (").append(aborted).append(" uploads aborted, ")
                    .append(removed).append(" committed files removed)");
        }
        else {
            s.append("; cleanup failed too (").append(cleanup.get(0).getMessage())
                    .append("): remove the objects under ").append(request.to()).append(" starting with ")
                    .append(plan.names().prefix()).append(" and ").append(request.manifest()).append(" by hand");
        }
        return new LadingException(s.toString(), cause);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    /** The overwrite guard: what is in the folder (and the manifest) now. */
    private List<ObjectInfo> existingObjects() {
        List<ObjectInfo> existing = new ArrayList<>(store.list(request.to(), false));
        Optional<ObjectInfo> manifest = store.stat(request.manifest());
        manifest.ifPresent(existing::add);
        if (!existing.isEmpty() && !request.overwrite()) {
            throw new LadingException("destination " + request.to() + " is not empty (" + existing.size() + " objects, e.g. "
                    + existing.get(0).location() + "); use --overwrite to replace them once the new files are committed,"
                    + " or choose another folder");
        }
        String prefix = request.to().key() + plan.names().prefix();
        for (ObjectInfo o : existing) {
            if (o.key().startsWith(prefix)) {
                throw new LadingException("destination " + request.to() + " already holds files of run " + plan.names().runId()
                        + " (" + o.location() + "); run again");
            }
        }
        return existing;
    }

    private static String exportSnapshot(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
                return rs.getString(1);
            }
        }
        catch (SQLException e) {
            throw new LadingException("cannot export a snapshot: " + e.getMessage(), e);
        }
    }

    private static void endTransaction(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("ROLLBACK");
        }
        catch (SQLException e) {
            throw new LadingException("cannot end the snapshot transaction: " + e.getMessage(), e);
        }
    }

    /** Every row read is in exactly one file: a mismatch is a bug and must not be published. */
    private void checkCounts(List<FileSink> sinks) {
        long written = sinks.stream().mapToLong(FileSink::rows).sum();
        if (written != rowsRead.sum()) {
            throw new IllegalStateException("internal error: read " + rowsRead.sum() + " rows but wrote " + written);
        }
    }

    /**
     * Hands each chunk to the file of the current generation that has been dealt the fewest bytes,
     * so files differ by at most one chunk. Once every file of the generation has a chunk, all N
     * files move to the next generation together when the next chunk could take the largest one
     * past {@code --max-file-size}: the estimate is the raw bytes dealt times the compression ratio
     * the writers see, so chunks still queued count too; a writer that actually reaches the limit
     * forces the roll.
     */
    private final class Dealer {
        private final int files;
        private final long[] rawDealt;
        private int filled;
        private int generation;
        private volatile int rollRequested = -1;

        Dealer(int files) {
            this.files = files;
            this.rawDealt = new long[files];
        }

        synchronized int generation() {
            return generation;
        }

        /** A file of {@code generation} has reached the limit: roll at the next deal. */
        void requestRoll(int gen) {
            rollRequested = gen;
        }

        synchronized void deal(Chunk chunk) throws InterruptedException {
            if (filled == files && (rollRequested == generation || mayOverflow(chunk.length()))) {
                generation++;
                java.util.Arrays.fill(rawDealt, 0);
                filled = 0;
            }
            int file = 0;
            for (int i = 1; i < files; i++) {
                if (rawDealt[i] < rawDealt[file]) {
                    file = i;
                }
            }
            if (rawDealt[file] == 0) {
                filled++;
            }
            rawDealt[file] += Math.max(1, chunk.length());
            writers[file % writerCount].put(new Task(generation, file, chunk));
        }

        private boolean mayOverflow(int next) {
            long raw = rawIn.sum();
            long compressed = compressedOut.sum();
            double ratio = raw > 0 && compressed > 0 ? (double) compressed / raw : 1.0;
            long largest = 0;
            for (long r : rawDealt) {
                largest = Math.max(largest, r);
            }
            return (largest + next) * ratio >= request.maxFileSize();
        }
    }

    private record Task(int generation, int file, Chunk chunk) {
        static Task end(int lastGeneration) {
            return new Task(lastGeneration, -1, null);
        }

        boolean isEnd() {
            return chunk == null;
        }
    }

    /** Owns files {@code i, i + W, i + 2W, ...}; only this thread touches their writes until it ends. */
    private final class Writer implements Runnable {
        private final int index;
        private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS_PER_WRITER);
        private final FileSink[] current;
        final List<FileSink> done = new ArrayList<>();

        Writer(int index) {
            this.index = index;
            this.current = new FileSink[(request.files() - index + writerCount - 1) / writerCount];
        }

        void put(Task task) throws InterruptedException {
            while (!queue.offer(task, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                checkNotFailed();
            }
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Task task = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    checkNotFailed();
                    if (task == null) {
                        continue;
                    }
                    if (task.isEnd()) {
                        // every file of the last generation exists, even one no chunk reached
                        for (int file = index; file < request.files(); file += writerCount) {
                            sink(task.generation(), file);
                        }
                        for (FileSink s : current) {
                            finish(s);
                        }
                        return;
                    }
                    FileSink sink = sink(task.generation(), task.file());
                    long before = sink.compressedBytes();
                    try {
                        sink.write(task.chunk());
                        if (task.chunk().data().length == bufferSize()) {
                            spare.offer(task.chunk().data());
                        }
                        rawIn.add(task.chunk().length());
                        compressedOut.add(sink.compressedBytes() - before);
                    }
                    catch (IOException | RuntimeException e) {
                        throw writeFailure(sink.location(), e);
                    }
                    if (sink.compressedBytes() >= request.maxFileSize()) {
                        dealer.requestRoll(sink.generation());
                    }
                }
            }
            catch (Cancelled e) {
                // another thread failed; the coordinator cleans up
            }
            catch (InterruptedException e) {
                fail(new LadingException("interrupted"));
            }
            catch (Throwable t) {
                fail(t);
            }
        }

        private FileSink sink(int generation, int file) {
            int slot = (file - index) / writerCount;
            FileSink s = current[slot];
            if (s != null && s.generation() == generation) {
                return s;
            }
            if (s != null) {
                finish(s);
            }
            Location location = plan.names().location(generation, file);
            // files may pass the limit by about a chunk; the hint only sizes S3/OSS parts
            ObjectWrite write = store.create(location, Math.max(request.maxFileSize() * 2, 64L << 20));
            try {
                s = open(location, generation, file, write);
            }
            catch (IOException | RuntimeException e) {
                write.abort();
                throw writeFailure(location, e);
            }
            current[slot] = s;
            done.add(s);
            return s;
        }

        private void finish(FileSink s) {
            try {
                s.finish();
            }
            catch (IOException | RuntimeException e) {
                throw writeFailure(s.location(), e);
            }
        }
    }

    private FileSink open(Location location, int generation, int file, ObjectWrite write) throws IOException {
        if (request.format() == FileFormat.PARQUET) {
            return new ParquetFileSink(location, generation, file, write, plan.schema(), parquetOptions);
        }
        int level = request.compression() == Compression.GZIP ? request.gzipLevel() : 0;
        return new TextFileSink(location, generation, file, write, level, plan.header());
    }

    private static RuntimeException writeFailure(Location location, Exception e) {
        if (e instanceof StorageException || e instanceof LadingException) {
            return (RuntimeException) e;
        }
        return new LadingException("writing " + location + " failed: " + e.getMessage(), e);
    }

    /** Takes splits until none is left; every reader imports the coordinator's snapshot. */
    private final class Reader implements Runnable {
        private final ConcurrentLinkedQueue<Split> splits;
        private final String snapshot;
        private final CountDownLatch done;

        Reader(ConcurrentLinkedQueue<Split> splits, String snapshot, CountDownLatch done) {
            this.splits = splits;
            this.snapshot = snapshot;
            this.done = done;
        }

        @Override
        public void run() {
            Connection connection = null;
            try {
                connection = request.source().connect();
                readerConnections.add(connection);
                checkNotFailed();
                try (Statement st = connection.createStatement()) {
                    st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
                    if (snapshot != null) {
                        st.execute("SET TRANSACTION SNAPSHOT " + io.lading.warehouse.Sql.literal(snapshot));
                    }
                }
                Split split;
                while ((split = splits.poll()) != null) {
                    checkNotFailed();
                    read(connection, split);
                }
                try (Statement st = connection.createStatement()) {
                    st.execute("COMMIT");
                }
            }
            catch (Cancelled e) {
                // another thread failed
            }
            catch (SQLException e) {
                fail(failure.get() != null ? e : new LadingException("reading " + request.subject() + " from " + request.source()
                        + " failed: " + firstLine(e.getMessage()), e));
            }
            catch (Throwable t) {
                fail(t);
            }
            finally {
                if (connection != null) {
                    readerConnections.remove(connection);
                    try {
                        connection.close();
                    }
                    catch (SQLException ignored) {
                        // the transaction was read-only; closing loses nothing
                    }
                }
                done.countDown();
            }
        }

        private byte[] buffer;
        private int length;
        private long rows;

        private void read(Connection connection, Split split) throws SQLException, InterruptedException {
            String sql = plan.copyStatement(split);
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            boolean complete = false;
            try {
                buffer = newBuffer();
                length = 0;
                rows = 0;
                byte[] row;
                if (request.format() == FileFormat.PARQUET) {
                    PgBinaryRowDecoder decoder = new PgBinaryRowDecoder(plan.schema().size(), "split " + split.index() + " of " + request.subject());
                    while ((row = copy.readFromCopy()) != null) {
                        decoder.feed(row, this::add);
                    }
                    decoder.finish();
                }
                else {
                    while ((row = copy.readFromCopy()) != null) {
                        add(row, 0, row.length);
                    }
                }
                if (length > 0) {
                    emit(buffer, length, rows);
                }
                complete = true;
            }
            catch (SQLException | IOException e) {
                if (failure.get() != null) {
                    throw new Cancelled();
                }
                throw new LadingException("reading split " + split.index()
                        + (split.predicate() == null ? "" : " (" + split.predicate() + ")") + " of " + request.subject()
                        + " from " + request.source() + " failed: " + firstLine(e.getMessage()), e);
            }
            finally {
                buffer = null;
                if (!complete && copy.isActive()) {
                    try {
                        copy.cancelCopy();
                    }
                    catch (SQLException ignored) {
                        // the connection is closed next, which ends the COPY anyway
                    }
                }
            }
        }

        /** One row into the current chunk; a full chunk is dealt. */
        private void add(byte[] row, int offset, int n) {
            try {
                if (length + n > buffer.length) {
                    if (length > 0) {
                        emit(buffer, length, rows);
                        buffer = newBuffer();
                        length = 0;
                        rows = 0;
                    }
                    if (n > buffer.length) {
                        buffer = new byte[n];
                    }
                }
                System.arraycopy(row, offset, buffer, length, n);
                length += n;
                rows++;
                if (length >= chunkSize) {
                    emit(buffer, length, rows);
                    buffer = newBuffer();
                    length = 0;
                    rows = 0;
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LadingException("interrupted");
            }
        }

        private void emit(byte[] buffer, int length, long rows) throws InterruptedException {
            checkNotFailed();
            rowsRead.add(rows);
            bytesRead.add(length);
            dealer.deal(new Chunk(buffer, length, rows));
        }
    }

    /** A chunk and a quarter: room to finish the row that fills a chunk without growing. */
    private int bufferSize() {
        return chunkSize + (chunkSize >> 2);
    }

    private byte[] newBuffer() {
        byte[] b = spare.poll();
        return b != null ? b : new byte[bufferSize()];
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
