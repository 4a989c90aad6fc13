package io.lading.verifier;

import io.lading.verifier.TableVerifier.Row;
import io.lading.verifier.VerifyReport.ColumnDifference;
import io.lading.verifier.VerifyReport.Difference;
import io.lading.warehouse.verify.VerifyScope;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The differences of a verify, gathered per leaf (a small key range, or a batch of hash buckets)
 * and put in key order at the end: leaves sort by their path, rows within a leaf come in key order.
 */
final class Findings {
    final int show;
    long sourceRows;
    long targetRows;
    final List<Leaf> leaves = new ArrayList<>();

    Findings(int show) {
        this.show = show;
    }

    /** One leaf's differences, and its place in key order. */
    record Leaf(List<Integer> path, Tally tally) {
    }

    /** Exact counts of each kind of difference, and the first {@code show} of each, in the order they were added. */
    static final class Tally {
        private final int show;
        long onlyInSource;
        long onlyInTarget;
        long differing;
        final List<String> firstOnlyInSource = new ArrayList<>();
        final List<String> firstOnlyInTarget = new ArrayList<>();
        final List<Difference> firstDiffering = new ArrayList<>();
        final Map<String, Long> differingByColumn = new TreeMap<>();

        Tally(int show) {
            this.show = show;
        }

        void onlyInSource(String key, long times) {
            onlyInSource += times;
            addFirst(firstOnlyInSource, key, times);
        }

        void onlyInTarget(String key, long times) {
            onlyInTarget += times;
            addFirst(firstOnlyInTarget, key, times);
        }

        void differing(Difference d) {
            differing++;
            addFirst(firstDiffering, d, 1);
            d.columns().forEach(c -> differingByColumn.merge(c.column(), 1L, Long::sum));
        }

        /** Appends a later tally: its firsts come after this one's. */
        void add(Tally later) {
            onlyInSource += later.onlyInSource;
            onlyInTarget += later.onlyInTarget;
            differing += later.differing;
            later.firstOnlyInSource.forEach(k -> addFirst(firstOnlyInSource, k, 1));
            later.firstOnlyInTarget.forEach(k -> addFirst(firstOnlyInTarget, k, 1));
            later.firstDiffering.forEach(d -> addFirst(firstDiffering, d, 1));
            later.differingByColumn.forEach((c, n) -> differingByColumn.merge(c, n, Long::sum));
        }

        private <T> void addFirst(List<T> list, T value, long times) {
            for (long i = 0; i < times && list.size() < show; i++) {
                list.add(value);
            }
        }
    }

    /** Rows matched by key; rows of a duplicated key are matched in the order they come. */
    static Leaf diffByKey(List<Integer> path, List<Row> source, List<Row> target, VerifyScope scope, int show) {
        Map<List<String>, Deque<Row>> byKey = new LinkedHashMap<>();
        for (Row t : target) {
            byKey.computeIfAbsent(t.key(), k -> new ArrayDeque<>()).add(t);
        }
        Tally tally = new Tally(show);
        for (Row s : source) {
            Deque<Row> match = byKey.get(s.key());
            Row t = match == null ? null : match.poll();
            if (t == null) {
                tally.onlyInSource(keyText(s.key()), 1);
                continue;
            }
            List<ColumnDifference> columns = new ArrayList<>();
            for (int i = 0; i < s.canonical().size(); i++) {
                if (!Objects.equals(s.canonical().get(i), t.canonical().get(i))) {
                    columns.add(new ColumnDifference(scope.columns().get(i).name(), s.display().get(i), t.display().get(i)));
                }
            }
            if (!columns.isEmpty()) {
                tally.differing(new Difference(keyText(s.key()), columns));
            }
        }
        byKey.values().forEach(left -> left.forEach(t -> tally.onlyInTarget(keyText(t.key()), 1)));
        return new Leaf(path, tally);
    }

    /** Rows counted by their canonical content: what one side holds more often than the other, listed by content. */
    static Leaf diffAsMultiset(List<Integer> path, List<Row> source, List<Row> target, int show) {
        Map<List<String>, Long> balance = new HashMap<>();
        Map<List<String>, String> text = new HashMap<>();
        for (Row s : source) {
            balance.merge(s.canonical(), 1L, Long::sum);
            text.putIfAbsent(s.canonical(), rowText(s.display()));
        }
        for (Row t : target) {
            balance.merge(t.canonical(), -1L, Long::sum);
            text.putIfAbsent(t.canonical(), rowText(t.display()));
        }
        List<Map.Entry<List<String>, Long>> unbalanced = new ArrayList<>(balance.entrySet().stream().filter(e -> e.getValue() != 0).toList());
        unbalanced.sort(Comparator.comparing(e -> text.get(e.getKey())));
        Tally tally = new Tally(show);
        for (Map.Entry<List<String>, Long> e : unbalanced) {
            if (e.getValue() > 0) {
                tally.onlyInSource(text.get(e.getKey()), e.getValue());
            }
            else {
                tally.onlyInTarget(text.get(e.getKey()), -e.getValue());
            }
        }
        return new Leaf(path, tally);
    }

    VerifyReport report(VerifyRequest request, List<String> notes, double seconds) {
        leaves.sort(Comparator.comparing(Leaf::path, Findings::comparePaths));
        Tally all = new Tally(show);
        leaves.forEach(leaf -> all.add(leaf.tally()));
        return new VerifyReport(request.subject(), sourceRows, targetRows, all.onlyInSource, all.onlyInTarget, all.differing,
                all.firstOnlyInSource, all.firstOnlyInTarget, all.firstDiffering, all.differingByColumn, notes, seconds);
    }

    private static int comparePaths(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** A key as the report prints it: the value, or {@code (a, b)} for a composite key. */
    static String keyText(List<String> key) {
        return key.size() == 1 ? String.valueOf(key.get(0)) : rowText(key);
    }

    private static String rowText(List<String> values) {
        List<String> parts = new ArrayList<>(values.size());
        values.forEach(v -> parts.add(v == null ? "NULL" : v));
        return "(" + String.join(", ", parts) + ")";
    }
}
