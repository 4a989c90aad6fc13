package io.lading.verifier;

import io.lading.common.LadingException;
import io.lading.format.Column;
import io.lading.format.TableSchema;
import io.lading.verifier.VerifyReport.Difference;
import io.lading.warehouse.Catalog;
import io.lading.warehouse.TableName;
import io.lading.warehouse.verify.KeyRange;
import io.lading.warehouse.verify.ValueRule;
import io.lading.warehouse.verify.VerifyScope;
import io.lading.warehouse.verify.VerifyStatements;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hash-and-bisect: the key space is cut into ranges; for each range both servers compute, in SQL,
 * a row count and one md5 of its rows' canonical texts in key order (a range too big to digest in
 * the server's memory is cut first; one that cannot be cut sums a 64-bit hash of each row instead).
 * Equal ranges are done;
 * a range that differs is cut into {@value #FANOUT} slices by its own key quantiles, again and again
 * until it holds at most {@value #LEAF_ROWS} rows, and then its rows are fetched from both sides
 * and compared column by column. A table without a key is compared as a multiset: rows fall into
 * buckets by their hash, and the rows of the buckets that differ are fetched and counted.
 */
public final class TableVerifier {
    static final int LEAF_ROWS = 1000;
    static final int FANOUT = 8;
    /** Each level cuts a range into up to 8 by its quantiles, so 20 levels reach single rows of any table. */
    static final int MAX_DEPTH = 20;
    /** Key-less tables: 65,536 buckets, so a bucket of a 2,000,000-row table holds about 30 rows. */
    static final int BUCKET_BITS = 16;
    static final int BUCKETS_PER_FETCH = 4096;
    /** Rows of one range digest, by the table's bytes on disk: the server holds (and sorts) their text in memory. */
    static final long DIGEST_BYTES = 16L << 20;
    static final int MIN_DIGEST_ROWS = 1000;
    static final int MAX_DIGEST_ROWS = 1_000_000;
    /** Before an ANALYZE the server knows no row width. */
    static final int DEFAULT_DIGEST_ROWS = 50_000;
    static final int MAX_INITIAL_RANGES = 4096;

    private final VerifyRequest request;
    private final Side source;
    private final Side target;
    private final ExecutorService workers;
    private final ExecutorService sourceReaders;
    private VerifyScope sourceScope;
    private VerifyScope targetScope;
    private List<VerifyStatements.FieldForm> forms;
    /** The source's primary key: unique on the source, and (if the target is a copy) on the target. */
    private boolean uniqueKey;
    /**
     * Where both servers hash alike ({@link VerifyStatements#hashProbe}), how each column is hashed:
     * ranges and buckets sum row hashes, with no sort and no limit on a range's size. Null: md5 digests.
     */
    private List<VerifyStatements.HashForm> hashForms;
    private int digestRows = DEFAULT_DIGEST_ROWS;
    private long estimatedRows;
    private final List<String> notes = new ArrayList<>();

    private final long digestBytes;
    private final boolean rowHashesAllowed;

    private TableVerifier(VerifyRequest request, Side source, Side target, long digestBytes, boolean rowHashesAllowed) {
        this.request = request;
        this.digestBytes = digestBytes;
        this.rowHashesAllowed = rowHashesAllowed;
        this.source = source;
        this.target = target;
        this.workers = Executors.newFixedThreadPool(request.parallel(), Threads.daemon("lading-verify"));
        this.sourceReaders = Executors.newFixedThreadPool(request.parallel(), Threads.daemon("lading-verify-source"));
    }

    /** Runs the comparison; a {@link LadingException} when it cannot (connection, missing table or column). */
    public static VerifyReport verify(VerifyRequest request) {
        return verify(request, DIGEST_BYTES);
    }

    /** {@code digestBytes}: the source's bytes on disk that one range digest may cover (tests make it small). */
    static VerifyReport verify(VerifyRequest request, long digestBytes) {
        return verify(request, digestBytes, true);
    }

    /** {@code rowHashes} false: md5 digests even where both servers could sum row hashes (the tests of that path). */
    static VerifyReport verify(VerifyRequest request, long digestBytes, boolean rowHashes) {
        long start = System.nanoTime();
        Side[] sides = openBoth(request);
        try (Side source = sides[0]; Side target = sides[1]) {
            TableVerifier verifier = new TableVerifier(request, source, target, digestBytes, rowHashes);
            try {
                Findings findings = verifier.run();
                return findings.report(request, verifier.notes, (System.nanoTime() - start) / 1e9);
            }
            finally {
                verifier.workers.shutdownNow();
                verifier.sourceReaders.shutdownNow();
            }
        }
    }

    /**
     * Source and target opened at the same time (connections, snapshot, settings: a good part of a
     * small table's run). A failure is the source's when both fail, as when they opened in turn;
     * a side that did open is closed again.
     */
    private static Side[] openBoth(VerifyRequest request) {
        CompletableFuture<Side> target = CompletableFuture.supplyAsync(() -> Side.open("target", request.target(), request.parallel()),
                r -> Threads.daemon("lading-verify-open").newThread(r).start());
        Side source;
        try {
            source = Side.open("source", request.source(), request.parallel());
        }
        catch (RuntimeException e) {
            try {
                target.join().close();
            }
            catch (RuntimeException other) {
                e.addSuppressed(other instanceof CompletionException c && c.getCause() != null ? c.getCause() : other);
            }
            throw e;
        }
        try {
            return new Side[] {source, join(target)};
        }
        catch (RuntimeException e) {
            try {
                source.close();
            }
            catch (RuntimeException other) {
                e.addSuppressed(other);
            }
            throw e;
        }
    }

    private Findings run() {
        resolveScopes();
        Findings findings = new Findings(request.show());
        if (sourceScope.keyed()) {
            bisect(findings);
        }
        else {
            compareBuckets(findings);
        }
        return findings;
    }

    private void resolveScopes() {
        TableSchema sourceColumns = Catalog.columnsOf(source.coordinator, request.sourceTable());
        TableSchema targetColumns = Catalog.columnsOf(target.coordinator, request.targetTable());
        List<String> key = request.key().isEmpty() ? Catalog.primaryKeyOf(source.coordinator, request.sourceTable()) : request.key();
        List<String> compared = request.columns().isEmpty() ? sourceColumns.names() : request.columns();
        if (request.columns().isEmpty()) {
            List<String> extra = targetColumns.names().stream().filter(n -> !sourceColumns.names().contains(n)).toList();
            if (!extra.isEmpty()) {
                notes.add("target columns not in the source, not compared: " + String.join(", ", extra));
            }
        }
        if (key.isEmpty()) {
            notes.add(request.sourceTable() + " has no primary key and no --key was given: rows compared as a multiset");
        }
        sourceScope = new VerifyScope(request.sourceTable(), columns(sourceColumns, key, "source", request.sourceTable()),
                columns(sourceColumns, compared, "source", request.sourceTable()), request.where(), request.numericScale());
        targetScope = new VerifyScope(request.targetTable(), columns(targetColumns, key, "target", request.targetTable()),
                columns(targetColumns, compared, "target", request.targetTable()), request.where(), request.numericScale());
        forms = VerifyStatements.fieldForms(sourceScope, targetScope);
        uniqueKey = request.key().isEmpty() && !key.isEmpty();
        boolean hash64 = rowHashesAllowed && source.hashProbe != null && source.hashProbe.equals(target.hashProbe);
        hashForms = hash64 ? VerifyStatements.hashForms(sourceScope, targetScope) : null;
        if (!hash64 && rowHashesAllowed) {
            String slower = "ranges compared by md5 digests, which take several times the server time of row hashes";
            Side without = source.hashProbe == null ? source : target.hashProbe == null ? target : null;
            notes.add(without != null
                    ? "the " + without.name + " (" + without.server.kind().displayName() + ") has no extended hash functions (PostgreSQL 11+): " + slower
                    : "source and target hash values differently: " + slower);
        }
    }

    private static List<Column> columns(TableSchema schema, List<String> names, String side, TableName table) {
        List<Column> out = new ArrayList<>();
        for (String name : names) {
            out.add(schema.columns().stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new LadingException("column " + name + " is not in the " + side + " table " + table
                            + " (columns: " + String.join(", ", schema.names()) + ")")));
        }
        return out;
    }

    // ---- keyed tables: ranges, bisected where they differ ----

    /**
     * A range and its place in key order: the path of slice indexes that led to it. {@code counted}:
     * its rows count towards the totals (a range of the first cut, or a slice of one too big to digest).
     */
    private record Task(List<Integer> path, KeyRange range, boolean counted) {
    }

    /** Checksums null: the range was too big to digest and is cut into {@code children}. */
    private record Step(List<Task> children, Findings.Leaf leaf, Checksum sourceSum, Checksum targetSum) {
    }

    private record Checksum(long rows, String sum) {
    }

    private void bisect(Findings findings) {
        List<Task> level = new ArrayList<>();
        List<KeyRange> initial = initialRanges();
        for (int i = 0; i < initial.size(); i++) {
            level.add(new Task(List.of(i), initial.get(i), true));
        }
        while (!level.isEmpty()) {
            List<Future<Step>> steps = new ArrayList<>();
            for (Task task : level) {
                steps.add(workers.submit(() -> step(task)));
            }
            List<Task> next = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                Step step = await(steps.get(i));
                if (level.get(i).counted && step.sourceSum != null) {
                    findings.sourceRows += step.sourceSum.rows;
                    findings.targetRows += step.targetSum.rows;
                }
                next.addAll(step.children);
                if (step.leaf != null) {
                    findings.leaves.add(step.leaf);
                }
            }
            level = next;
        }
    }

    private Step step(Task task) {
        if (hashForms != null) {
            CompletableFuture<Checksum> fromSource = onSource(c -> checksum(c, VerifyStatements.rangeHash(sourceScope, task.range, hashForms)));
            Checksum t = target.call(c -> checksum(c, VerifyStatements.rangeHash(targetScope, task.range, hashForms)));
            return compared(task, join(fromSource), t);
        }
        CompletableFuture<Checksum> fromSource = onSource(c -> checksum(c, VerifyStatements.rangeDigest(sourceScope, task.range, forms, digestRows, uniqueKey)));
        Checksum t = target.call(c -> checksum(c, VerifyStatements.rangeDigest(targetScope, task.range, forms, digestRows, uniqueKey)));
        Checksum s = join(fromSource);
        if (Math.max(s.rows, t.rows) > digestRows) {
            // too big for one digest: cut it, its slices counted in its place; one that cannot be cut sums row hashes
            List<Task> children = cut(task, true, task.counted);
            if (!children.isEmpty()) {
                return new Step(children, null, null, null);
            }
            CompletableFuture<Checksum> summed = onSource(c -> checksum(c, VerifyStatements.checksum(sourceScope, task.range)));
            t = target.call(c -> checksum(c, VerifyStatements.checksum(targetScope, task.range)));
            s = join(summed);
        }
        return compared(task, s, t);
    }

    /** A range whose checksums are known: done when they are equal, else cut, or its rows compared. */
    private Step compared(Task task, Checksum s, Checksum t) {
        if (s.equals(t)) {
            return new Step(List.of(), null, s, t);
        }
        // a range that cannot be cut (one first-key value holds all its rows) is compared row by row
        if (Math.max(s.rows, t.rows) > LEAF_ROWS) {
            List<Task> children = cut(task, s.rows >= t.rows, false);
            if (!children.isEmpty()) {
                return new Step(children, null, s, t);
            }
        }
        CompletableFuture<List<Row>> sourceRows = onSource(c -> rows(c, VerifyStatements.rows(sourceScope, task.range), sourceScope));
        List<Row> targetRows = target.call(c -> rows(c, VerifyStatements.rows(targetScope, task.range), targetScope));
        return new Step(List.of(), Findings.diffByKey(task.path, join(sourceRows), targetRows, sourceScope, request.show()), s, t);
    }

    /** The range cut at its own quantiles on one side; empty when it cannot be cut (NULL keys, one key value, too deep). */
    private List<Task> cut(Task task, boolean bySource, boolean counted) {
        if (task.range.nulls() || task.path.size() >= MAX_DEPTH) {
            return List.of();
        }
        List<String> bounds = bySource
                ? source.call(c -> boundaries(c, VerifyStatements.boundaries(sourceScope, task.range, FANOUT)))
                : target.call(c -> boundaries(c, VerifyStatements.boundaries(targetScope, task.range, FANOUT)));
        List<KeyRange> slices = slices(task.range.lo(), bounds, task.range.hi());
        if (slices.size() < 2) {
            return List.of();
        }
        List<Task> children = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            List<Integer> path = new ArrayList<>(task.path);
            path.add(i);
            children.add(new Task(List.copyOf(path), slices.get(i), counted));
        }
        return children;
    }

    /**
     * How many rows one range digest may hold ({@link #DIGEST_BYTES} of the source's rows on disk, at least {@value #MIN_DIGEST_ROWS})
     * and how many rows the source has, by its statistics.
     */
    private void sizeDigests() {
        double[] size = source.call(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(VerifyStatements.tableSize(sourceScope))) {
                return rs.next() ? new double[] {rs.getDouble(1), rs.getDouble(2)} : new double[] {0, 0};
            }
        });
        estimatedRows = (long) Math.max(0, size[0]);
        if (size[0] > 0 && size[1] > 0) {
            double width = size[1] * 8192 / size[0];
            digestRows = (int) Math.max(MIN_DIGEST_ROWS, Math.min(MAX_DIGEST_ROWS, digestBytes / width));
        }
    }

    /**
     * The first cut: even slices of [min, max] for an integer key (both servers' extremes, so no
     * row is outside), the source's key quantiles for any other key; then the NULL keys when the
     * key is the user's and may hold them.
     */
    private List<KeyRange> initialRanges() {
        sizeDigests();
        // ranges of half a digest on average, so that few are too big for one
        int pieces = (int) Math.min(MAX_INITIAL_RANGES, Math.max(request.parallel() * 4L, 2 * estimatedRows / digestRows + 1));
        List<String> bounds;
        if (ValueRule.of(sourceScope.key().get(0)) == ValueRule.INTEGER) {
            CompletableFuture<String[]> s = onSource(c -> extent(c, VerifyStatements.keyExtent(sourceScope)));
            String[] t = target.call(c -> extent(c, VerifyStatements.keyExtent(targetScope)));
            bounds = evenBounds(join(s), t, pieces);
        }
        else {
            bounds = source.call(c -> boundaries(c, VerifyStatements.boundaries(sourceScope, KeyRange.ALL, pieces)));
            if (bounds.isEmpty()) {
                bounds = target.call(c -> boundaries(c, VerifyStatements.boundaries(targetScope, KeyRange.ALL, pieces)));
            }
        }
        List<KeyRange> ranges = new ArrayList<>(slices(null, bounds, null));
        if (!request.key().isEmpty()) {
            ranges.add(KeyRange.NULLS);
        }
        return ranges;
    }

    static List<String> evenBounds(String[] source, String[] target, int pieces) {
        BigInteger min = null;
        BigInteger max = null;
        for (String[] extent : List.of(source, target)) {
            if (extent[0] != null) {
                BigInteger lo = new BigInteger(extent[0]);
                BigInteger hi = new BigInteger(extent[1]);
                min = min == null ? lo : min.min(lo);
                max = max == null ? hi : max.max(hi);
            }
        }
        List<String> bounds = new ArrayList<>();
        if (min == null) {
            return bounds;
        }
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        for (int i = 1; i < pieces; i++) {
            String b = min.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(pieces))).toString();
            if (!bounds.contains(b) && !b.equals(min.toString())) {
                bounds.add(b);
            }
        }
        return bounds;
    }

    /** [lo, b1), [b1, b2), ..., [bn, hi); a bound equal to the one before it is dropped (its slice would be empty). */
    static List<KeyRange> slices(String lo, List<String> bounds, String hi) {
        List<KeyRange> out = new ArrayList<>();
        String from = lo;
        for (String b : bounds) {
            if (!b.equals(from)) {
                out.add(KeyRange.between(from, b));
                from = b;
            }
        }
        out.add(KeyRange.between(from, hi));
        return out;
    }

    // ---- key-less tables: buckets of row hashes, compared as multisets ----

    private void compareBuckets(Findings findings) {
        String sourceSql = VerifyStatements.bucketChecksums(sourceScope, BUCKET_BITS, hashForms);
        CompletableFuture<Map<Long, Checksum>> s = onSource(c -> buckets(c, sourceSql));
        Map<Long, Checksum> t = target.call(c -> buckets(c, VerifyStatements.bucketChecksums(targetScope, BUCKET_BITS, hashForms)));
        Map<Long, Checksum> sb = join(s);
        findings.sourceRows = sb.values().stream().mapToLong(Checksum::rows).sum();
        findings.targetRows = t.values().stream().mapToLong(Checksum::rows).sum();
        List<Long> differing = new ArrayList<>();
        for (long b = 0; b < 1L << BUCKET_BITS; b++) {
            Checksum x = sb.get(b);
            Checksum y = t.get(b);
            if (x == null ? y != null : !x.equals(y)) {
                differing.add(b);
            }
        }
        List<Future<Findings.Leaf>> fetches = new ArrayList<>();
        for (int i = 0; i < differing.size(); i += BUCKETS_PER_FETCH) {
            List<Long> chunk = differing.subList(i, Math.min(differing.size(), i + BUCKETS_PER_FETCH));
            int index = i;
            fetches.add(workers.submit(() -> {
                CompletableFuture<List<Row>> sr = onSource(c -> rows(c, VerifyStatements.bucketRows(sourceScope, BUCKET_BITS, hashForms, chunk), sourceScope));
                List<Row> tr = target.call(c -> rows(c, VerifyStatements.bucketRows(targetScope, BUCKET_BITS, hashForms, chunk), targetScope));
                return Findings.diffAsMultiset(List.of(index), join(sr), tr, request.show());
            }));
        }
        for (Future<Findings.Leaf> f : fetches) {
            findings.leaves.add(await(f));
        }
    }

    // ---- reading ----

    /** One fetched row: key and column values in canonical text, and the columns as displayed. */
    record Row(List<String> key, List<String> canonical, List<String> display) {
    }

    private static Checksum checksum(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new Checksum(rs.getLong(1), rs.getString(2));
        }
    }

    private static String[] extent(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }

    private static List<String> boundaries(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        // the first is the range's smallest key: a cut there would leave an empty slice
        return out.isEmpty() ? out : out.subList(1, out.size());
    }

    private static Map<Long, Checksum> buckets(Connection c, String sql) throws SQLException {
        Map<Long, Checksum> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Checksum(rs.getLong(2), rs.getString(3)));
            }
        }
        return out;
    }

    private static List<Row> rows(Connection c, String sql, VerifyScope scope) throws SQLException {
        int keys = scope.key().size();
        int columns = scope.columns().size();
        List<Row> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> key = new ArrayList<>(keys);
                List<String> canonical = new ArrayList<>(columns);
                List<String> display = new ArrayList<>(columns);
                int i = 1;
                for (int k = 0; k < keys; k++) {
                    key.add(rs.getString(i++));
                }
                for (int k = 0; k < columns; k++) {
                    canonical.add(rs.getString(i++));
                }
                for (int k = 0; k < columns; k++) {
                    display.add(rs.getString(i++));
                }
                out.add(new Row(key, canonical, display));
            }
        }
        return out;
    }

    // ---- threads ----

    private <T> CompletableFuture<T> onSource(Side.Work<T> work) {
        return CompletableFuture.supplyAsync(() -> source.call(work), sourceReaders);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        }
        catch (CompletionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        }
        catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LadingException("interrupted", e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
