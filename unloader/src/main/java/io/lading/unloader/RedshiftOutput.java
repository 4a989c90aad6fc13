package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Redshift UNLOAD wrote under the staging prefix, checked against its own manifest before
 * anything is adopted: every entry inside the staging prefix, named {@code <slice>_part_<nn>},
 * present with its {@code meta.content_length}. Object {@code <slice>_part_<nn>} becomes
 * {@code part-<run>-<nn>-<slice>}: generation {@code nn}, file {@code slice}.
 */
final class RedshiftOutput {
    /** {@code 0003_part_01}, {@code 0003_part_01.gz}, {@code 0003_part_01.parquet} (and .bz2, .zst). */
    private static final Pattern NAME = Pattern.compile("(\\d+)_part_(\\d+)(?:\\.[A-Za-z0-9]+)?");

    /** The files to move, and the total for Lading's manifest (-1: the files' counts add up to it). */
    record Adopted(List<StagedFile> files, long recordCount) {
    }

    private RedshiftOutput() {
    }

    static Adopted adopt(ObjectStore store, RedshiftUnloadPlan plan) {
        Location at = plan.redshiftManifest();
        Manifest manifest = Manifest.parse(read(store, at), at.toString());
        Location prefix = plan.stagingPrefix();
        List<StagedFile> files = new ArrayList<>();
        Map<Location, String> byTarget = new HashMap<>();
        boolean counted = true;
        for (Manifest.Entry entry : manifest.entries()) {
            Location url;
            try {
                url = Location.parse(entry.url());
            }
            catch (LadingException e) {
                throw new LadingException("Redshift's manifest " + at + " lists '" + entry.url() + "', which is not a location: " + e.getMessage());
            }
            if (url.scheme() != prefix.scheme() || !url.bucket().equals(prefix.bucket()) || !url.key().startsWith(prefix.key())) {
                throw new LadingException("Redshift's manifest " + at + " lists " + entry.url() + ", which is not under the staging prefix "
                        + prefix + "; nothing was adopted");
            }
            String name = url.key().substring(prefix.key().length());
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new LadingException("Redshift's manifest " + at + " lists " + entry.url()
                        + ", which is not named <slice>_part_<nn> as Redshift's UNLOAD names its files");
            }
            Location staged = prefix.withKey(url.key());
            Optional<ObjectInfo> object = store.stat(staged);
            if (object.isEmpty()) {
                throw new LadingException("manifest entry " + entry.url() + " of " + at + " is missing: the UNLOAD listed it but the store has no such object");
            }
            if (entry.contentLength() >= 0 && object.get().size() != entry.contentLength()) {
                throw new LadingException("manifest entry " + entry.url() + " of " + at + " has " + object.get().size()
                        + " bytes, but the manifest says " + entry.contentLength() + " (meta.content_length)");
            }
            int slice = Integer.parseInt(m.group(1));
            int part = Integer.parseInt(m.group(2));
            Location target = plan.names().location(part, slice);
            String previous = byTarget.put(target, entry.url());
            if (previous != null) {
                throw new LadingException("Redshift's manifest " + at + " lists slice " + slice + " part " + part + " twice: "
                        + previous + " and " + entry.url());
            }
            counted &= entry.recordCount() >= 0;
            files.add(new StagedFile(store, staged, target, part, entry.recordCount()));
        }
        if (counted) {
            return new Adopted(files, -1);
        }
        if (manifest.recordCount() < 0) {
            throw new LadingException("Redshift's manifest " + at + " has no record counts (meta.record_count);"
                    + " the UNLOAD must be MANIFEST VERBOSE");
        }
        // counts of some files only: the manifest's total is the one Lading's manifest can state
        List<StagedFile> uncounted = files.stream().map(f -> new StagedFile(store, f.staged(), f.location(), f.generation(), -1)).toList();
        return new Adopted(uncounted, manifest.recordCount());
    }

    private static byte[] read(ObjectStore store, Location at) {
        if (store.stat(at).isEmpty()) {
            throw new LadingException("Redshift's UNLOAD wrote no manifest at " + at + "; nothing was adopted");
        }
        try (InputStream in = store.open(at)) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read Redshift's manifest " + at, e);
        }
    }
}
