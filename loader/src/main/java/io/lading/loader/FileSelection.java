package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.format.FileSelector;
import io.lading.format.Manifest;
import io.lading.format.SelectedFiles;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.SelectionRule;

import java.util.List;

/**
 * Which objects a load reads: {@link FileSelector}'s selection of {@code --from}, the one
 * {@code lading ls} prints, as files to load. A load of nothing is an error.
 */
public final class FileSelection {
    /** The objects to load in order, and the manifest they came from (null without one). */
    public record Selected(List<LoadFile> files, Manifest manifest, SelectionRule rule) {
        public Selected {
            files = List.copyOf(files);
        }
    }

    private FileSelection() {
    }

    /** @param rule {@code --match}; null: the rule the location implies */
    public static Selected resolve(ObjectStore store, Location from, SelectionRule rule) {
        SelectedFiles selected = FileSelector.select(store, from, rule);
        if (selected.files().isEmpty()) {
            throw new LadingException(selected.manifest() != null
                    ? "manifest " + selected.location() + " lists no existing files; nothing to load"
                    : "no objects match " + selected.rule().optionName() + " " + from + "; check the location and --match");
        }
        List<LoadFile> files = selected.files().stream().map(f -> new LoadFile(f.object(), f.recordCount())).toList();
        return new Selected(files, selected.manifest(), selected.rule());
    }
}
