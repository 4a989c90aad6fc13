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

    /** One leaf's differences: exact counts, and its first {@code show} of each kind. */
    record Leaf(List<Integer> path, long onlyInSource, long onlyInTarget, long differing, List<String> firstOnlyInSource,
            List<String> firstOnlyInTarget, List<Difference> firstDiffering, Map<String, Long> differingByColumn) {
    }

    /** Rows matched by key; rows of a duplicated key are matched in the order they come. */
    static Leaf diffByKey(List<Integer> path, List<Row> source, List<Row> target, VerifyScope scope, int show) {
        Map<List<String>, Deque<Row>> byKey = new LinkedHashMap<>();
        for (Row t : target) {
            byKey.computeIfAbsent(t.key(), k -> new ArrayDeque<>()).add(t);
        }
        long onlyS = 0;
        long onlyT = 0;
        long differing = 0;
        List<String> firstS = new ArrayList<>();
        List<String> firstT = new ArrayList<>();
        List<Difference> firstD = new ArrayList<>();
        Map<String, Long> byColumn = new TreeMap<>();
        for (Row s : source) {
            Deque<Row> match = byKey.get(s.key());
            Row t = match == null ? null : match.poll();
            if (t == null) {
                onlyS++;
                addFirst(firstS, keyText(s.key()), show);
                continue;
            }
            List<ColumnDifference> columns = new ArrayList<>();
            for (int i = 0; i < s.canonical().size(); i++) {
                if (!java.util.Objects.equals(s.canonical().get(i), t.canonical().get(i))) {
                    String name = scope.columns().get(i).name();
                    columns.add(new ColumnDifference(name, s.display().get(i), t.display().get(i)));
                    byColumn.merge(name, 1L, Long::sum);
                }
            }
            if (!columns.isEmpty()) {
                differing++;
                if (firstD.size() < show) {
                    firstD.add(new Difference(keyText(s.key()), columns));
                }
            }
        }
        for (Deque<Row> left : byKey.values()) {
            for (Row t : left) {
                onlyT++;
                addFirst(firstT, keyText(t.key()), show);
            }
        }
        return new Leaf(path, onlyS, onlyT, differing, firstS, firstT, firstD, byColumn);
    }

    /** Rows counted by their canonical content: what one side holds more often than the other. */
    static Leaf diffAsMultiset(List<Integer> path, List<Row> source, List<Row> target, int show) {
        Map<List<String>, Long> balance = new HashMap<>();
        Map<List<String>, Row> sample = new HashMap<>();
        for (Row s : source) {
            balance.merge(s.canonical(), 1L, Long::sum);
            sample.putIfAbsent(s.canonical(), s);
        }
        for (Row t : target) {
            balance.merge(t.canonical(), -1L, Long::sum);
            sample.putIfAbsent(t.canonical(), t);
        }
        long onlyS = 0;
        long onlyT = 0;
        List<String> firstS = new ArrayList<>();
        List<String> firstT = new ArrayList<>();
        for (Map.Entry<List<String>, Long> e : balance.entrySet()) {
            long n = e.getValue();
            String text = rowText(sample.get(e.getKey()).display());
            for (long i = 0; i < Math.min(Math.abs(n), show); i++) {
                (n > 0 ? firstS : firstT).add(text);
            }
            if (n > 0) {
                onlyS += n;
            }
            else {
                onlyT -= n;
            }
        }
        firstS.sort(Comparator.naturalOrder());
        firstT.sort(Comparator.naturalOrder());
        return new Leaf(path, onlyS, onlyT, 0, head(firstS, show), head(firstT, show), List.of(), Map.of());
    }

    VerifyReport report(VerifyRequest request, List<String> notes, double seconds) {
        leaves.sort(Comparator.comparing(Leaf::path, Findings::comparePaths));
        long onlyS = 0;
        long onlyT = 0;
        long differing = 0;
        List<String> firstS = new ArrayList<>();
        List<String> firstT = new ArrayList<>();
        List<Difference> firstD = new ArrayList<>();
        Map<String, Long> byColumn = new TreeMap<>();
        for (Leaf leaf : leaves) {
            onlyS += leaf.onlyInSource();
            onlyT += leaf.onlyInTarget();
            differing += leaf.differing();
            leaf.firstOnlyInSource().forEach(k -> addFirst(firstS, k, show));
            leaf.firstOnlyInTarget().forEach(k -> addFirst(firstT, k, show));
            leaf.firstDiffering().forEach(d -> {
                if (firstD.size() < show) {
                    firstD.add(d);
                }
            });
            leaf.differingByColumn().forEach((c, n) -> byColumn.merge(c, n, Long::sum));
        }
        return new VerifyReport(request.subject(), sourceRows, targetRows, onlyS, onlyT, differing, firstS, firstT, firstD,
                byColumn, notes, seconds);
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

    private static void addFirst(List<String> list, String value, int show) {
        if (list.size() < show) {
            list.add(value);
        }
    }

    private static <T> List<T> head(List<T> list, int n) {
        return new ArrayList<>(list.subList(0, Math.min(n, list.size())));
    }
}
