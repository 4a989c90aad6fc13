package io.lading.format;

import io.lading.common.LadingException;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.Selection;
import io.lading.storage.SelectionRule;
import io.lading.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects a read of a location selects, in read order: the one resolver {@code ls} and
 * {@code load} call, so that {@code ls} prints exactly what {@code load} reads (docs/storage.md,
 * "Which rule applies"). An explicit rule always wins. Without one, {@link SelectionRule#byName}
 * decides, except that an export's manifest wins over {@code dir} and {@code prefix} when it exists:
 * Lading's beside the folder ({@code orders/} or {@code orders} -> {@code orders.manifest}), else
 * Redshift's after the UNLOAD prefix ({@code unload/orders_} -> {@code unload/orders_manifest},
 * {@code unload/} -> {@code unload/manifest}).
 */
public final class FileSelector {
    private FileSelector() {
    }

    /** @param rule the user's {@code --match}; null: the rule the location implies */
    public static SelectedFiles select(ObjectStore store, Location location, SelectionRule rule) {
        SelectionRule applied = rule != null ? rule : SelectionRule.byName(location);
        if (applied == SelectionRule.MANIFEST) {
            return fromManifest(store, location);
        }
        // listed before the sibling manifest is asked for, so a store failure names the location as given
        List<ObjectInfo> objects = Selection.of(applied, location).resolve(store);
        if (rule == null && !location.key().isEmpty()) {
            Location beside = Selection.manifestBeside(location);
            if (store.stat(beside).isPresent()) {
                return fromManifest(store, beside);
            }
            Location redshift = Selection.redshiftManifest(location);
            if (store.stat(redshift).isPresent()) {
                return fromManifest(store, redshift);
            }
        }
        List<SelectedFiles.File> files = objects.stream().map(o -> new SelectedFiles.File(o, -1)).toList();
        return new SelectedFiles(applied, location, null, files);
    }

    /**
     * The location of each entry of {@code manifest}, in its order, with the manifest's store options;
     * an entry outside the manifest's store is refused: one store is open for a read.
     */
    public static List<Location> filesOf(Location manifestLocation, Manifest manifest) {
        List<Location> files = new ArrayList<>();
        for (Manifest.Entry entry : manifest.entries()) {
            Location file;
            try {
                file = Location.parse(entry.url()).withOptions(manifestLocation.options());
            }
            catch (LadingException e) {
                throw new LadingException("manifest " + manifestLocation + " lists an invalid url: " + e.getMessage(), e);
            }
            if (file.scheme() != manifestLocation.scheme()) {
                throw new LadingException("manifest " + manifestLocation + " lists " + file
                        + ", which is not in the manifest's store; Lading reads manifests whose files are in the same store");
            }
            files.add(file);
        }
        return files;
    }

    /**
     * Exactly the files the manifest lists, each checked against its entry's size. Its entries must be
     * in the manifest's store: one store is open for a read.
     */
    private static SelectedFiles fromManifest(ObjectStore store, Location manifestLocation) {
        Manifest manifest = read(store, manifestLocation);
        List<Location> locations = filesOf(manifestLocation, manifest);
        List<Selection.ManifestEntry> entries = new ArrayList<>();
        Map<String, Manifest.Entry> byUri = new HashMap<>();
        for (int i = 0; i < locations.size(); i++) {
            Manifest.Entry entry = manifest.entries().get(i);
            entries.add(new Selection.ManifestEntry(locations.get(i), entry.mandatory()));
            byUri.put(locations.get(i).toString(), entry);
        }
        List<SelectedFiles.File> files = new ArrayList<>();
        for (ObjectInfo info : new Selection.ManifestFiles(manifestLocation, entries).resolve(store)) {
            Manifest.Entry entry = byUri.get(info.location().toString());
            if (entry.contentLength() >= 0 && entry.contentLength() != info.size()) {
                throw new LadingException("file " + info.location() + " has " + info.size() + " bytes but manifest "
                        + manifestLocation + " says " + entry.contentLength() + "; the files changed since the unload");
            }
            files.add(new SelectedFiles.File(info, entry.recordCount()));
        }
        return new SelectedFiles(SelectionRule.MANIFEST, manifestLocation, manifest, files);
    }

    private static Manifest read(ObjectStore store, Location manifestLocation) {
        try (InputStream in = store.open(manifestLocation)) {
            return Manifest.parse(in.readAllBytes(), manifestLocation.toString());
        }
        catch (StorageException e) {
            throw new LadingException("cannot read manifest " + manifestLocation + ": " + e.getMessage(), e);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + manifestLocation, e);
        }
    }
}
