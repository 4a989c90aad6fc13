package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.Selection;
import io.lading.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which objects a load reads: the selection rule applied to {@code --from} (AnalyticDB
 * {@code oss_ext} semantics, see DESIGN.md), and the manifest when the rule is one.
 */
public final class FileSelection {
    /** How {@code --from} selects objects; {@link #AUTO} picks the sibling manifest, dir or prefix. */
    public enum Match { AUTO, PREFIX, DIR, FILEPATH, MANIFEST }

    /** The objects to load in order, and the manifest they came from (null without one). */
    public record Selected(List<LoadFile> files, Manifest manifest, Match match) {
        public Selected {
            files = List.copyOf(files);
        }
    }

    private FileSelection() {
    }

    public static Selected resolve(ObjectStore store, Location from, Match match) {
        requireNonNull(match, "match is null");
        if (match == Match.AUTO) {
            Optional<Location> manifest = siblingManifest(store, from);
            if (manifest.isPresent()) {
                return fromManifest(store, manifest.get(), from);
            }
            match = from.isFolder() ? Match.DIR : Match.PREFIX;
        }
        if (match == Match.MANIFEST) {
            return fromManifest(store, from, from);
        }
        List<LoadFile> files = new ArrayList<>();
        for (ObjectInfo object : Selection.of(match.name().toLowerCase(Locale.ROOT), from).resolve(store)) {
            if (!isManifestName(object.key())) {
                files.add(new LoadFile(object, -1));
            }
        }
        if (files.isEmpty()) {
            throw new LadingException("no objects match " + match.name().toLowerCase(Locale.ROOT) + " " + from
                    + "; check the location and --match");
        }
        return new Selected(files, null, match);
    }

    /**
     * The manifest that describes {@code from}: {@code from} itself when it names a manifest,
     * else the unloader's sibling {@code <folder>.manifest} of a folder location.
     */
    static Optional<Location> siblingManifest(ObjectStore store, Location from) {
        Location candidate;
        if (isManifestName(from.key())) {
            candidate = from;
        }
        else if (from.isFolder() && !from.key().isEmpty()) {
            candidate = Selection.manifestBeside(from);
        }
        else {
            return Optional.empty();
        }
        return store.stat(candidate).map(info -> candidate);
    }

    static boolean isManifestName(String key) {
        return key.endsWith(Selection.MANIFEST_SUFFIX) || key.endsWith("/manifest") || key.equals("manifest");
    }

    private static Selected fromManifest(ObjectStore store, Location manifestLocation, Location from) {
        byte[] json;
        try (InputStream in = store.open(manifestLocation)) {
            json = in.readAllBytes();
        }
        catch (StorageException e) {
            throw new LadingException("cannot read manifest " + manifestLocation + ": " + e.getMessage(), e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Manifest manifest = Manifest.parse(json, manifestLocation.toString());
        List<Selection.ManifestEntry> entries = new ArrayList<>();
        Map<String, Manifest.Entry> byUri = new HashMap<>();
        for (Manifest.Entry entry : manifest.entries()) {
            Location location;
            try {
                location = Location.parse(entry.url()).withOptions(from.options());
            }
            catch (LadingException e) {
                throw new LadingException("manifest " + manifestLocation + " lists an invalid url: " + e.getMessage(), e);
            }
            entries.add(new Selection.ManifestEntry(location, entry.mandatory()));
            byUri.put(location.toString(), entry);
        }
        List<LoadFile> files = new ArrayList<>();
        for (ObjectInfo info : new Selection.ManifestFiles(manifestLocation, entries).resolve(store)) {
            Manifest.Entry entry = byUri.get(info.location().toString());
            if (entry.contentLength() >= 0 && entry.contentLength() != info.size()) {
                throw new LadingException("file " + info.location() + " has " + info.size() + " bytes but manifest "
                        + manifestLocation + " says " + entry.contentLength() + "; the files changed since the unload");
            }
            files.add(new LoadFile(info, entry.recordCount()));
        }
        if (files.isEmpty()) {
            throw new LadingException("manifest " + manifestLocation + " lists no existing files; nothing to load");
        }
        return new Selected(files, manifest, Match.MANIFEST);
    }
}
