package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.Selection;
import io.lading.storage.SelectionRule;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What an external table reads, proved equal to Lading's selection of {@code --from} (the files
 * {@code lading ls} prints), so that the ledger names exactly the files the segments read and the
 * manifest's counts are the right ones to compare with.
 *
 * <p>{@code oss_ext} and {@code oss_fdw} apply the rule themselves ({@link Selection} models them):
 * the rule of the name (or {@code --match}) goes into the table; when Lading's selection came from the
 * export's sibling manifest, that rule must read exactly the manifest's files. gpcloud reads one raw
 * key prefix, every object under it, deeper folders and manifests included: the location's key (for a
 * manifest the user named, the longest common prefix of its files, the narrowest prefix that reads
 * them all), listed and compared with the selection.
 *
 * @param rule the selection the external table's LOCATION states
 * @param location the bucket and key it states
 * @param selected exactly the files it reads
 */
public record ExternalSelection(SelectionRule rule, Location location, FileSelection.Selected selected) {
    public ExternalSelection {
        requireNonNull(rule, "rule is null");
        requireNonNull(location, "location is null");
        requireNonNull(selected, "selected is null");
    }

    /**
     * @param match {@code --match}; null: the rule the location implies
     * @param rawPrefix the dialect reads a raw key prefix only (gpcloud)
     */
    public static ExternalSelection resolve(ObjectStore store, Location from, SelectionRule match, boolean rawPrefix, String dialect) {
        FileSelection.Selected selected = FileSelection.resolve(store, from, match);
        if (rawPrefix) {
            Location prefix = namedManifest(from, match) ? commonPrefix(from, selected, dialect) : from;
            checkPrefixReadsExactly(store, prefix, selected, dialect);
            return new ExternalSelection(SelectionRule.PREFIX, prefix, selected);
        }
        SelectionRule rule = match != null ? match : SelectionRule.byName(from);
        if (rule != SelectionRule.MANIFEST && selected.manifest() != null) {
            checkRuleReadsTheManifest(store, rule, from, selected, dialect);
        }
        return new ExternalSelection(rule, from, selected);
    }

    private static boolean namedManifest(Location from, SelectionRule match) {
        return match == SelectionRule.MANIFEST || match == null && SelectionRule.byName(from) == SelectionRule.MANIFEST;
    }

    /** The manifest's files' bucket and the longest key prefix they share. */
    private static Location commonPrefix(Location from, FileSelection.Selected selected, String dialect) {
        Location first = selected.files().get(0).object().location();
        String common = first.key();
        for (LoadFile file : selected.files()) {
            Location at = file.object().location();
            if (!at.bucket().equals(first.bucket())) {
                throw new LadingException(dialect + ": gpcloud reads one bucket, but the manifest lists files in " + first.bucket()
                        + " and " + at.bucket() + "; load each bucket's files on their own");
            }
            int n = 0;
            while (n < common.length() && n < at.key().length() && common.charAt(n) == at.key().charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        return new Location(first.scheme(), first.bucket(), common, from.options());
    }

    /** Every object under the prefix with a byte in it must be a selected file (zero-byte objects add no rows). */
    private static void checkPrefixReadsExactly(ObjectStore store, Location prefix, FileSelection.Selected selected, String dialect) {
        Set<String> wanted = selected.files().stream().map(LoadFile::uri).collect(Collectors.toSet());
        List<ObjectInfo> listed = store.list(prefix, false).stream().sorted(Comparator.comparing(ObjectInfo::key)).toList();
        List<ObjectInfo> extra = listed.stream().filter(o -> o.size() > 0 && !wanted.contains(o.location().toString())).toList();
        if (!extra.isEmpty()) {
            throw new LadingException(dialect + ": gpcloud reads every object under the raw prefix " + prefix + ", and "
                    + extra.get(0).location() + " is not one of the " + wanted.size() + " selected files" + (extra.size() == 1 ? ""
                    : " (nor are " + (extra.size() - 1) + " more)") + "; move it out of the way, or load from a folder or prefix"
                    + " that holds only the files to load");
        }
        Set<String> read = listed.stream().map(o -> o.location().toString()).collect(Collectors.toSet());
        selected.files().stream().filter(f -> !read.contains(f.uri())).findFirst().ifPresent(f -> {
            throw new LadingException(dialect + ": gpcloud reads the objects under the raw prefix " + prefix + ", and the selected "
                    + f.uri() + " is not one of them; load it from its own folder");
        });
    }

    /** The sibling manifest chose the files; the table's rule must read the same ones. */
    private static void checkRuleReadsTheManifest(ObjectStore store, SelectionRule rule, Location from, FileSelection.Selected selected,
            String dialect) {
        Set<String> wanted = selected.files().stream().map(LoadFile::uri).collect(Collectors.toSet());
        List<ObjectInfo> read = Selection.of(rule, from).resolve(store);
        String ruleText = rule.optionName();
        for (ObjectInfo o : read) {
            if (!wanted.contains(o.location().toString())) {
                throw new LadingException(dialect + ": the external table reads " + ruleText + " " + from + ", which holds "
                        + o.location() + ", a file the export's manifest does not list; move it out of the way, or pass --match "
                        + ruleText + " to load every file there without the manifest");
            }
        }
        Set<String> readUris = read.stream().map(o -> o.location().toString()).collect(Collectors.toSet());
        selected.files().stream().filter(f -> !readUris.contains(f.uri())).findFirst().ifPresent(f -> {
            throw new LadingException(dialect + ": the export's manifest lists " + f.uri() + ", which " + ruleText + " " + from
                    + " does not read; load the manifest's files in copy mode");
        });
    }
}
