package io.lading.warehouse.verify;

/**
 * A slice of the key space by the first key column: {@code lo <= key < hi}, a missing bound
 * unbounded, both given as the key's text (the server coerces it back to the key's type); or the
 * rows whose first key column is NULL, which no range holds.
 */
public record KeyRange(String lo, String hi, boolean nulls) {
    public KeyRange {
        if (nulls && (lo != null || hi != null)) {
            throw new IllegalArgumentException("the NULL-key range has no bounds: " + lo + ", " + hi);
        }
    }

    public static final KeyRange ALL = new KeyRange(null, null, false);
    public static final KeyRange NULLS = new KeyRange(null, null, true);

    public static KeyRange between(String lo, String hi) {
        return new KeyRange(lo, hi, false);
    }

    @Override
    public String toString() {
        if (nulls) {
            return "[NULL]";
        }
        return "[" + (lo == null ? "-inf" : lo) + ", " + (hi == null ? "+inf" : hi) + ")";
    }
}
