package io.lading.warehouse.ddl;

import io.lading.common.LadingException;

/**
 * {@code SEGMENT REJECT LIMIT n ROWS|PERCENT}: how many bad rows a load tolerates. Greenplum and
 * AnalyticDB require at least 2 rows, or a percentage from 1 to 100.
 */
public record RejectLimit(long count, boolean percent) {
    public RejectLimit {
        if (percent && (count < 1 || count > 100)) {
            throw new LadingException("--reject-limit percentage must be from 1 to 100, not " + count + "%");
        }
        if (!percent && count < 2) {
            throw new LadingException("--reject-limit must be at least 2 rows (a Greenplum rule), not " + count);
        }
    }

    /** {@code 5}, {@code 5 rows}, {@code 10%} or {@code 10 percent}. */
    public static RejectLimit parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
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

    /** {@code 5} or {@code 10 PERCENT}: ROWS is the default and the documentation's examples leave it out. */
    public String sql() {
        return percent ? count + " PERCENT" : Long.toString(count);
    }
}
