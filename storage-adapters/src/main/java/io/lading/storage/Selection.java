package io.lading.storage;

import io.lading.common.LadingException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Which objects a load reads, with exactly AnalyticDB {@code oss_ext}'s semantics, in the order it
 * reads them. {@link #select} is a pure function over a key listing; {@link #resolve} lists a store
 * and applies it. Zero-byte folder markers (keys ending in '/') and manifests (keys ending in
 * {@code manifest}: {@code .manifest}, Redshift's {@code <prefix>manifest}) are never selected by
 * prefix, dir or filepath.
 */
public sealed interface Selection {
    /** The location whose listing the rule needs (a manifest's entries are stat'ed instead). */
    Location location();

    /** The selected objects of {@code listing} (any order, any extra keys), in read order. */
    List<ObjectInfo> select(Collection<ObjectInfo> listing);

    /** Lists {@code store} and selects; the result may be empty. Only dir lists just one level. */
    default List<ObjectInfo> resolve(ObjectStore store) {
        return select(store.list(location(), this instanceof Dir));
    }

    /**
     * The rule over {@code location}, for the rules a listing decides; a manifest's entries come from
     * reading it ({@link ManifestFiles}).
     */
    static Selection of(SelectionRule rule, Location location) {
        return switch (rule) {
            case PREFIX -> new Prefix(location);
            case DIR -> new Dir(location);
            case FILEPATH -> new FilePath(location);
            case MANIFEST -> throw new IllegalArgumentException("a manifest selection needs the manifest's entries: " + location);
        };
    }

    /** Every object whose key starts with the string, e.g. {@code test/filename} also selects {@code test/filenameyyy/aa}. */
    record Prefix(Location location) implements Selection {
        public Prefix {
            requireNonNull(location, "location is null");
        }

        @Override
        public List<ObjectInfo> select(Collection<ObjectInfo> listing) {
            return inKeyOrder(location, listing, key -> key.startsWith(location.key()));
        }
    }

    /** The objects directly inside a folder; the key must end with '/' (or be empty: the bucket root). */
    record Dir(Location location) implements Selection {
        public Dir {
            requireNonNull(location, "location is null");
            if (!location.isFolder()) {
                throw new LadingException("dir selection needs a location ending with '/': " + location);
            }
        }

        @Override
        public List<ObjectInfo> select(Collection<ObjectInfo> listing) {
            String dir = location.key();
            return inKeyOrder(location, listing, key -> key.startsWith(dir) && key.length() > dir.length() && key.indexOf('/', dir.length()) < 0);
        }
    }

    /** {@code F}, then {@code F.1}, {@code F.2}, ... consecutive from 1; the first gap ends it. Reading only. */
    record FilePath(Location location) implements Selection {
        public FilePath {
            requireNonNull(location, "location is null");
            if (location.isFolder()) {
                throw new LadingException("filepath selection needs a file, not a folder: " + location);
            }
        }

        @Override
        public List<ObjectInfo> select(Collection<ObjectInfo> listing) {
            Map<String, ObjectInfo> byKey = new HashMap<>();
            for (ObjectInfo o : listing) {
                if (sameBucket(location, o) && isData(o)) {
                    byKey.put(o.key(), o);
                }
            }
            List<ObjectInfo> result = new ArrayList<>();
            ObjectInfo next = byKey.get(location.key());
            for (int n = 1; next != null; n++) {
                result.add(next);
                next = byKey.get(location.key() + "." + n);
            }
            return result;
        }
    }

    /** One file a manifest lists; a missing mandatory file is an error, a missing optional one is skipped. */
    record ManifestEntry(Location location, boolean mandatory) {
        public ManifestEntry {
            requireNonNull(location, "location is null");
        }
    }

    /**
     * Exactly the files a (Redshift-format) manifest lists, in its order. {@code location} is the
     * manifest itself, for messages. Entries ending in '/' are folder markers: skipped when optional,
     * an error when mandatory.
     */
    record ManifestFiles(Location location, List<ManifestEntry> entries) implements Selection {
        public ManifestFiles {
            requireNonNull(location, "location is null");
            entries = List.copyOf(requireNonNull(entries, "entries is null"));
        }

        @Override
        public List<ObjectInfo> select(Collection<ObjectInfo> listing) {
            Map<String, ObjectInfo> byUri = new HashMap<>();
            for (ObjectInfo o : listing) {
                byUri.put(o.location().toString(), o);
            }
            return pick(entry -> Optional.ofNullable(byUri.get(entry.toString())));
        }

        /** Stats every entry in {@code store}; the caller makes sure the entries belong to it. */
        @Override
        public List<ObjectInfo> resolve(ObjectStore store) {
            return pick(store::stat);
        }

        private List<ObjectInfo> pick(Function<Location, Optional<ObjectInfo>> stat) {
            List<ObjectInfo> result = new ArrayList<>();
            for (ManifestEntry entry : entries) {
                Optional<ObjectInfo> found = entry.location().isFolder() ? Optional.empty() : stat.apply(entry.location());
                if (found.isPresent()) {
                    result.add(found.get());
                }
                else if (entry.mandatory()) {
                    throw new StorageException(StorageException.Reason.NOT_FOUND, "mandatory file " + entry.location()
                            + " listed in manifest " + location + " does not exist");
                }
            }
            return result;
        }
    }

    /** What Lading's unloader names the manifest it writes beside a folder: {@code exports/orders.manifest}. */
    String MANIFEST_SUFFIX = ".manifest";

    /**
     * Where Lading keeps the manifest of the export at a location, beside its folder: {@code exports/orders/}
     * and {@code exports/orders} -> {@code exports/orders.manifest}. The bucket root has none.
     */
    static Location manifestBeside(Location export) {
        String key = export.key().endsWith("/") ? export.key().substring(0, export.key().length() - 1) : export.key();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("not a folder below the bucket root: " + export);
        }
        return export.withKey(key + MANIFEST_SUFFIX);
    }

    /**
     * Where Redshift's {@code UNLOAD ... MANIFEST} puts the manifest of the files it wrote under a
     * prefix: {@code <prefix>manifest} ({@code unload/orders_} -> {@code unload/orders_manifest},
     * {@code unload/} -> {@code unload/manifest}).
     */
    static Location redshiftManifest(Location prefix) {
        return prefix.withKey(prefix.key() + REDSHIFT_MANIFEST);
    }

    /** The name Redshift gives the manifest after the UNLOAD prefix. */
    String REDSHIFT_MANIFEST = "manifest";

    /**
     * A manifest's name: a key ending in {@code manifest}, that is Lading's {@code orders.manifest} and
     * Redshift's {@code <prefix>manifest} ({@code orders_manifest}, {@code unload/manifest}).
     */
    static boolean isManifestName(String key) {
        return key.endsWith(REDSHIFT_MANIFEST); // Lading's MANIFEST_SUFFIX ends with it too
    }

    /** The data objects of {@code location}'s bucket whose key {@code selects}, in key order. */
    private static List<ObjectInfo> inKeyOrder(Location location, Collection<ObjectInfo> listing, Predicate<String> selects) {
        return listing.stream()
                .filter(o -> sameBucket(location, o) && isData(o) && selects.test(o.key()))
                .sorted(Comparator.comparing(ObjectInfo::key))
                .toList();
    }

    /** Folder markers and manifests are never data, whatever the rule. */
    private static boolean isData(ObjectInfo o) {
        return !o.key().endsWith("/") && !isManifestName(o.key());
    }

    private static boolean sameBucket(Location location, ObjectInfo o) {
        return o.location().scheme() == location.scheme() && o.location().bucket().equals(location.bucket());
    }
}
