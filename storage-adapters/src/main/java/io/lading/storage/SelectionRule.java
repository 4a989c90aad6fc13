package io.lading.storage;

import io.lading.common.LadingException;

import java.util.Locale;

/**
 * How a location selects objects, exactly as AnalyticDB's {@code oss_ext} does (DESIGN.md,
 * "Selection rules"; {@link Selection} applies each to a listing): {@code PREFIX} every key starting
 * with the string, {@code DIR} the objects directly inside a folder (the key ends with '/'),
 * {@code FILEPATH} one file and its {@code .1 .2 ...} continuations (reading only), {@code MANIFEST}
 * exactly the files a manifest lists (reading only).
 */
public enum SelectionRule {
    PREFIX, DIR, FILEPATH, MANIFEST;

    /** The rule by the name users write ({@code --match}), in any case. */
    public static SelectionRule parse(String text) {
        for (SelectionRule rule : values()) {
            if (rule.optionName().equalsIgnoreCase(text)) {
                return rule;
            }
        }
        throw new LadingException("unknown selection '" + text + "'; use prefix, dir, filepath or manifest");
    }

    /**
     * The rule a location's name implies, decided without a store: {@code MANIFEST} for a manifest's
     * name ({@code orders.manifest}, or Redshift's {@code manifest}), {@code DIR} for a folder (a key
     * ending with '/', or the bucket root), else {@code PREFIX}. A reader that can ask the store goes
     * on to prefer the export's sibling manifest (formats' {@code FileSelector}).
     */
    public static SelectionRule byName(Location location) {
        if (Selection.isManifestName(location.key())) {
            return MANIFEST;
        }
        return location.isFolder() ? DIR : PREFIX;
    }

    /** The name users and {@code oss_ext} write: {@code prefix}, {@code dir}, {@code filepath}, {@code manifest}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
