package io.lading.common;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as a user writes them, Go and Docker style: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 7d}, {@code 0}. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("0|(\\d+[dhms])+");
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    private Durations() {
    }

    /** Parses {@code text}; anything else is a {@link LadingException} that says what is expected. */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!WHOLE.matcher(t).matches()) {
            throw new LadingException("'" + text + "' is not a duration; use e.g. 30s, 10m, 1h, 1h30m or 7d");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
            }
        }
        catch (NumberFormatException | ArithmeticException e) {
            throw new LadingException("'" + text + "' is too long a duration");
        }
        return total;
    }

    /** The way {@link #parse} reads it back, e.g. {@code 1h30m}; {@code 0} for zero. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0";
        }
        StringBuilder text = new StringBuilder();
        long seconds = duration.getSeconds();
        long[] sizes = {86400, 3600, 60, 1};
        String units = "dhms";
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                text.append(seconds / sizes[i]).append(units.charAt(i));
                seconds %= sizes[i];
            }
        }
        return text.toString();
    }
}
