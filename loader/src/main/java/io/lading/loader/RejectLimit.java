package io.lading.loader;

import io.lading.common.LadingException;

/**
 * How many rows the database may reject before the load fails. {@code N} counts rejected rows over
 * the whole load; {@code N%} is checked per file against that file's rows (Greenplum checks its
 * percent per segment, the unit of work; ours is the file).
 */
public record RejectLimit(long value, boolean percent) {
    public RejectLimit {
        if (value < 0) {
            throw new LadingException("--reject-limit must not be negative: " + value);
        }
        if (percent && value > 100) {
            throw new LadingException("--reject-limit percent must be 0-100, not " + value + "%");
        }
    }

    public static RejectLimit parse(String text) {
        String t = text.trim();
        boolean percent = t.endsWith("%");
        String number = percent ? t.substring(0, t.length() - 1).trim() : t;
        try {
            return new RejectLimit(Long.parseLong(number), percent);
        }
        catch (NumberFormatException e) {
            throw new LadingException("--reject-limit must be a row count N or a percentage N%, not '" + text + "'");
        }
    }

    /** Whether {@code rejected} rows out of {@code rows} are past a percent limit. */
    boolean exceededBy(long rejected, long rows) {
        return percent ? rejected * 100 > value * rows : rejected > value;
    }

    @Override
    public String toString() {
        return value + (percent ? "%" : "");
    }
}
