package io.lading.warehouse.ddl;

import io.lading.common.LadingException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A documented {@code --option key=value} of a dialect: an integer range or a set of words, and
 * whether it applies to readable tables, writable tables or both.
 */
record TuningOption(String name, long min, long max, Set<String> words, boolean readable, boolean writable) {
    static TuningOption range(String name, long min, long max, boolean readable, boolean writable) {
        return new TuningOption(name, min, max, Set.of(), readable, writable);
    }

    static TuningOption words(String name, Set<String> words, boolean readable, boolean writable) {
        return new TuningOption(name, 0, 0, words, readable, writable);
    }

    /** The value, checked; an integer option comes back without leading zeros or a sign. */
    String check(String dialect, String value) {
        if (!words.isEmpty()) {
            String v = value.toLowerCase(Locale.ROOT);
            if (!words.contains(v)) {
                throw new LadingException(dialect + ": " + name + " must be one of "
                        + words.stream().sorted().collect(Collectors.joining(", ")) + ", not '" + value + "'");
            }
            return v;
        }
        long n;
        try {
            n = Long.parseLong(value.trim());
        }
        catch (NumberFormatException e) {
            throw new LadingException(dialect + ": " + name + " must be an integer from " + min + " to " + max + ", not '" + value + "'");
        }
        if (n < min || n > max) {
            throw new LadingException(dialect + ": " + name + " must be from " + min + " to " + max + ", not " + n);
        }
        return Long.toString(n);
    }

    /**
     * Checks every option of the spec against the known ones, in the order of {@code known}, and
     * returns the checked values in that order.
     */
    static List<Map.Entry<String, String>> checkAll(String dialect, ExternalTableSpec spec, List<TuningOption> known) {
        return checkAll(dialect, spec, known, Set.of());
    }

    /** As {@link #checkAll(String, ExternalTableSpec, List)}, leaving {@code handled} keys to the caller. */
    static List<Map.Entry<String, String>> checkAll(String dialect, ExternalTableSpec spec, List<TuningOption> known, Set<String> handled) {
        for (String key : spec.options().keySet()) {
            if (handled.contains(key)) {
                continue;
            }
            TuningOption option = known.stream().filter(o -> o.name.equals(key)).findFirst().orElse(null);
            if (option == null) {
                throw new LadingException("unknown --option '" + key + "' for dialect " + dialect + "; known: "
                        + java.util.stream.Stream.concat(known.stream().map(TuningOption::name), handled.stream().sorted())
                                .collect(Collectors.joining(", ")));
            }
            if (spec.readable() ? !option.readable : !option.writable) {
                throw new LadingException(dialect + ": " + key + " is only for " + (option.readable ? "readable" : "writable") + " tables");
            }
        }
        return known.stream()
                .filter(o -> spec.options().containsKey(o.name))
                .map(o -> Map.entry(o.name, o.check(dialect, spec.options().get(o.name))))
                .toList();
    }
}
