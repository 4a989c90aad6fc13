package io.lading.unloader;

/**
 * One part of the source read by one COPY: rows matching {@code predicate} (null: all rows). The
 * splits of a plan cover every row exactly once: ranges are half-open and the first and last are
 * open-ended, NULLs have their own split.
 */
public record Split(int index, String predicate) {
}
