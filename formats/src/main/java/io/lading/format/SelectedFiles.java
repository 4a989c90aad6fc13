package io.lading.format;

import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.SelectionRule;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a read of a location selects ({@link FileSelector}): the rule that applied, where it applied
 * (the manifest itself for {@code MANIFEST}), the manifest (null without one), and the objects in
 * read order; possibly none.
 */
public record SelectedFiles(SelectionRule rule, Location location, Manifest manifest, List<File> files) {
    public SelectedFiles {
        requireNonNull(rule, "rule is null");
        requireNonNull(location, "location is null");
        files = List.copyOf(requireNonNull(files, "files is null"));
        if ((rule == SelectionRule.MANIFEST) != (manifest != null)) {
            throw new IllegalArgumentException("a manifest comes with the manifest rule and only with it, not " + rule);
        }
    }

    /** One selected object, with the rows its manifest entry promises ({@code -1}: no manifest, or no count in it). */
    public record File(ObjectInfo object, long recordCount) {
        public File {
            requireNonNull(object, "object is null");
        }
    }
}
