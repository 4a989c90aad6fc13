package io.lading.verifier;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a verify found. Counts are exact; the lists hold the first keys of each kind in key order
 * (for a key-less table: rows by their content), at most as many as asked for.
 */
public record VerifyReport(String subject, long sourceRows, long targetRows, long onlyInSource, long onlyInTarget, long differing,
        List<String> firstOnlyInSource, List<String> firstOnlyInTarget, List<Difference> firstDiffering,
        Map<String, Long> differingByColumn, List<String> notes, double seconds) {
    public VerifyReport {
        requireNonNull(subject, "subject is null");
        firstOnlyInSource = List.copyOf(firstOnlyInSource);
        firstOnlyInTarget = List.copyOf(firstOnlyInTarget);
        firstDiffering = List.copyOf(firstDiffering);
        differingByColumn = Map.copyOf(differingByColumn);
        notes = List.copyOf(notes);
    }

    public boolean identical() {
        return onlyInSource == 0 && onlyInTarget == 0 && differing == 0;
    }

    /** A row with the same key on both sides and different values: the columns that differ. */
    public record Difference(String key, List<ColumnDifference> columns) {
        public Difference {
            requireNonNull(key, "key is null");
            columns = List.copyOf(columns);
        }
    }

    /** One differing column, as each server displays the value ({@code null} for NULL). */
    public record ColumnDifference(String column, String source, String target) {
        public ColumnDifference {
            requireNonNull(column, "column is null");
        }
    }
}
