package io.lading.warehouse;

import io.lading.common.LadingException;

import java.util.Locale;

/**
 * How many rows the database may reject before a load fails: {@code N} rows, or {@code N%} of the
 * rows. A copy-mode load counts rows over the whole load and checks a percentage per file; an
 * external table says {@code SEGMENT REJECT LIMIT n [PERCENT]}, where Greenplum adds rules of its
 * own (the dialects check those).
 */
public record RejectLimit(long count, boolean percent) {
    public RejectLimit {
        if (count < 0) {
            throw new LadingException("--reject-limit must not be negative: " + count);
        }
        if (percent && count > 100) {
            throw new LadingException("--reject-limit percentage must be at most 100, not " + count + "%");
        }
    }

    /** {@code 5}, {@code 5 rows}, {@code 10%} or {@code 10 percent}. */
    public static RejectLimit parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        boolean percent = false;
        if (t.endsWith("%")) {
            percent = true;
            t = t.substring(0, t.length() - 1).trim();
        }
        else if (t.endsWith("percent")) {
            percent = true;
            t = t.substring(0, t.length() - "percent".length()).trim();
        }
        else if (t.endsWith("rows")) {
            t = t.substring(0, t.length() - "rows".length()).trim();
        }
        try {
            return new RejectLimit(Long.parseLong(t), percent);
        }
        catch (NumberFormatException e) {
            throw new LadingException("invalid --reject-limit '" + text + "'; expected N (rows) or N% (percent)");
        }
    }

    /** Whether {@code rejected} rows out of {@code rows} are past the limit. */
    public boolean exceededBy(long rejected, long rows) {
        return percent ? rejected * 100 > count * rows : rejected > count;
    }

    /** {@code 5} or {@code 10 PERCENT}: ROWS is the default and the documentation's examples leave it out. */
    public String sql() {
        return percent ? count + " PERCENT" : Long.toString(count);
    }

    @Override
    public String toString() {
        return count + (percent ? "%" : "");
    }
}
