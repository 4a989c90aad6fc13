package io.lading.transfer;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.Selection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a transfer does: every selected object under its destination name, and the manifest to write
 * last (null when the source had none). Names keep their path relative to the source's folder (the
 * key of FROM up to its last '/'), placed under the destination folder TO: {@code s3://a/exports/orders/part-0}
 * from {@code s3://a/exports/orders/} to {@code oss://b/in/orders/} is {@code oss://b/in/orders/part-0}.
 * Lading's sibling manifest ({@code exports/orders.manifest}) goes beside the destination folder
 * ({@code in/orders.manifest}); any other manifest (Redshift's {@code <prefix>manifest}) keeps its
 * relative name.
 */
public record TransferPlan(List<TransferItem> items, Manifest manifest, Location manifestTarget) {
    /** One selected source object with the rows its manifest entry promises (-1: unknown). */
    public record Source(ObjectInfo object, long recordCount) {
        public Source {
            requireNonNull(object, "object is null");
        }
    }

    public TransferPlan {
        items = List.copyOf(requireNonNull(items, "items is null"));
        if ((manifest == null) != (manifestTarget == null)) {
            throw new IllegalArgumentException("a manifest needs its target and a target its manifest");
        }
    }

    /**
     * @param from the source location as given (folder, prefix or manifest)
     * @param to the destination folder (a trailing '/' is implied)
     * @param manifest the source manifest the sources came from, or null
     * @param manifestLocation where that manifest is, or null
     */
    public static TransferPlan of(Location from, Location to, List<Source> sources, Manifest manifest, Location manifestLocation) {
        String base = folderOf(from.key());
        Location toFolder = to.asFolder();
        Map<String, Boolean> mandatory = new HashMap<>();
        if (manifest != null) {
            for (Manifest.Entry entry : manifest.entries()) {
                mandatory.put(Location.parse(entry.url()).toString(), entry.mandatory());
            }
        }
        List<TransferItem> items = new ArrayList<>();
        for (Source source : sources) {
            Location location = source.object().location();
            items.add(new TransferItem(source.object(), toFolder.withKey(toFolder.key() + relative(location, base, from)),
                    source.recordCount(), mandatory.getOrDefault(location.toString(), false)));
        }
        if (manifest == null) {
            return new TransferPlan(items, null, null);
        }
        Location target;
        if (!base.isEmpty() && manifestLocation.key().equals(Selection.manifestBeside(from.withKey(base)).key())) {
            if (toFolder.key().isEmpty()) {
                throw new LadingException("the source has a manifest beside its folder (" + manifestLocation
                        + "); give TO a folder below the bucket root so that the manifest can go beside it");
            }
            target = Selection.manifestBeside(toFolder);
        }
        else {
            target = toFolder.withKey(toFolder.key() + relative(manifestLocation, base, from));
        }
        return new TransferPlan(items, manifest, target);
    }

    private static String folderOf(String key) {
        return key.substring(0, key.lastIndexOf('/') + 1);
    }

    private static String relative(Location location, String base, Location from) {
        if (!location.key().startsWith(base)) {
            throw new LadingException(location + " is outside the folder of " + from
                    + "; transfer keeps names relative to it, so give FROM a folder that holds every file");
        }
        return location.key().substring(base.length());
    }

    /** The destination manifest: the source's entries in order, URLs of the destination, sizes checked by the transfer. */
    Manifest rewrittenManifest() {
        List<Manifest.Entry> entries = new ArrayList<>();
        for (TransferItem item : items) {
            entries.add(new Manifest.Entry(item.target().toString(), item.mandatory(), item.source().size(), item.recordCount()));
        }
        return new Manifest(entries, manifest.schema());
    }
}
