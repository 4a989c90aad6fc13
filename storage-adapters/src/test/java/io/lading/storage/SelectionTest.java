package io.lading.storage;

import io.lading.common.LadingException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The selection rules as pure functions over the full seed key lists, no store needed. */
class SelectionTest {
    private static final Location BUCKET = Location.parse("oss://bucket/");

    private static List<ObjectInfo> listing(String... keys) {
        return java.util.Arrays.stream(keys).map(k -> new ObjectInfo(BUCKET.withKey(k), k.endsWith("/") ? 0 : 10, null, null)).toList();
    }

    private static List<String> keys(List<ObjectInfo> objects) {
        return objects.stream().map(ObjectInfo::key).toList();
    }

    // listed out of order, with folder markers, to show both are handled
    private static final List<ObjectInfo> PREFIX_SEED = listing("test/filenameyyy/bb/aa", "test/filename/", "test/filename",
            "test/filenameexxx", "test/filename/aa", "test/filenameyyy/", "test/filenameyyy/aa", "other/test/filename");

    @Test
    void prefixIsARawStringPrefix() {
        assertEquals(List.of("test/filename", "test/filename/aa", "test/filenameexxx", "test/filenameyyy/aa", "test/filenameyyy/bb/aa"),
                keys(new Selection.Prefix(BUCKET.withKey("test/filename")).select(PREFIX_SEED)));
    }

    @Test
    void prefixWithASlashSelectsOnlyInsideTheFolder() {
        assertEquals(List.of("test/filename/aa"), keys(new Selection.Prefix(BUCKET.withKey("test/filename/")).select(PREFIX_SEED)));
    }

    @Test
    void emptyPrefixIsTheWholeBucketWithoutFolderMarkers() {
        assertEquals(6, new Selection.Prefix(BUCKET).select(PREFIX_SEED).size());
    }

    @Test
    void ladingManifestsBesideAFolderAreNeverData() {
        List<ObjectInfo> unloaded = listing("exports/orders/part-000.csv.gz", "exports/orders/part-001.csv.gz", "exports/orders.manifest");
        assertEquals(List.of("exports/orders/part-000.csv.gz", "exports/orders/part-001.csv.gz"),
                keys(new Selection.Prefix(BUCKET.withKey("exports/orders")).select(unloaded)));
        assertEquals(List.of(), keys(new Selection.Dir(BUCKET.withKey("exports/")).select(unloaded)));
        assertEquals("exports/orders.manifest", Selection.manifestBeside(BUCKET.withKey("exports/orders/")).key());
    }

    @Test
    void prefixIgnoresOtherBuckets() {
        List<ObjectInfo> other = List.of(new ObjectInfo(Location.parse("oss://elsewhere/test/filename"), 1, null, null));
        assertEquals(List.of(), new Selection.Prefix(BUCKET.withKey("test/filename")).select(other));
    }

    @Test
    void dirSelectsOnlyDirectChildren() {
        List<ObjectInfo> seed = listing("test/", "test/a", "test/b", "test/sub/", "test/sub/c", "test/sub/d/e", "testx", "test2/f");
        assertEquals(List.of("test/a", "test/b"), keys(new Selection.Dir(BUCKET.withKey("test/")).select(seed)));
        assertEquals(List.of("test/sub/c"), keys(new Selection.Dir(BUCKET.withKey("test/sub/")).select(seed)));
        assertEquals(List.of("testx"), keys(new Selection.Dir(BUCKET).select(seed)));
        assertEquals(List.of("test/filename", "test/filenameexxx"), keys(new Selection.Dir(BUCKET.withKey("test/")).select(PREFIX_SEED)));
    }

    @Test
    void dirMustEndWithSlash() {
        LadingException e = assertThrows(LadingException.class, () -> new Selection.Dir(BUCKET.withKey("test")));
        assertEquals("dir selection needs a location ending with '/': oss://bucket/test", e.getMessage());
    }

    @Test
    void filePathStopsAtTheFirstGap() {
        List<ObjectInfo> seed = listing("filename.4", "filename.2", "filename", "filename.1", "filename.x", "filename.01", "filenamez");
        assertEquals(List.of("filename", "filename.1", "filename.2"), keys(new Selection.FilePath(BUCKET.withKey("filename")).select(seed)));
    }

    @Test
    void filePathReadsInNumericOrder() {
        String[] keys = new String[12];
        keys[0] = "f";
        for (int i = 1; i < 12; i++) {
            keys[i] = "f." + i;
        }
        List<String> selected = keys(new Selection.FilePath(BUCKET.withKey("f")).select(listing(keys)));
        assertEquals(List.of(keys), selected); // f.10 after f.9, not after f.1
    }

    @Test
    void filePathWithoutTheFirstFileSelectsNothing() {
        assertEquals(List.of(), new Selection.FilePath(BUCKET.withKey("filename")).select(listing("filename.1", "filename.2")));
    }

    @Test
    void filePathIsNotAFolder() {
        LadingException e = assertThrows(LadingException.class, () -> new Selection.FilePath(BUCKET.withKey("dir/")));
        assertEquals("filepath selection needs a file, not a folder: oss://bucket/dir/", e.getMessage());
    }

    @Test
    void manifestSelectsExactlyItsEntriesInOrder() {
        Location manifest = BUCKET.withKey("unload/manifest");
        List<ObjectInfo> seed = listing("unload/a", "unload/b", "unload/c", "unload/manifest", "unload/d/");
        Selection.ManifestFiles selection = new Selection.ManifestFiles(manifest, List.of(
                new Selection.ManifestEntry(BUCKET.withKey("unload/c"), true),
                new Selection.ManifestEntry(BUCKET.withKey("unload/missing"), false),
                new Selection.ManifestEntry(BUCKET.withKey("unload/d/"), false),
                new Selection.ManifestEntry(BUCKET.withKey("unload/a"), true)));
        assertEquals(List.of("unload/c", "unload/a"), keys(selection.select(seed)));
    }

    @Test
    void manifestWithAMissingMandatoryFileNamesIt() {
        Location manifest = BUCKET.withKey("unload/manifest");
        Selection.ManifestFiles selection = new Selection.ManifestFiles(manifest, List.of(
                new Selection.ManifestEntry(BUCKET.withKey("unload/a"), true),
                new Selection.ManifestEntry(BUCKET.withKey("unload/missing"), true)));
        StorageException e = assertThrows(StorageException.class, () -> selection.select(listing("unload/a")));
        assertEquals("mandatory file oss://bucket/unload/missing listed in manifest oss://bucket/unload/manifest does not exist",
                e.getMessage());
        assertEquals(StorageException.Reason.NOT_FOUND, e.reason());
    }

    @Test
    void ruleByName() {
        assertEquals(new Selection.Dir(BUCKET.withKey("d/")), Selection.of(SelectionRule.parse("dir"), BUCKET.withKey("d/")));
        LadingException e = assertThrows(LadingException.class, () -> SelectionRule.parse("glob"));
        assertEquals("unknown selection 'glob'; use prefix, dir, filepath or manifest", e.getMessage());
    }

    @Test
    void manifestsAreNeverData() {
        List<ObjectInfo> redshift = listing("unload/0000_part_00", "unload/manifest", "unload/a.manifest", "unload.manifest");
        assertEquals(List.of("unload/0000_part_00"), keys(new Selection.Prefix(BUCKET.withKey("unload")).select(redshift)));
        assertEquals(List.of("unload/0000_part_00"), keys(new Selection.Dir(BUCKET.withKey("unload/")).select(redshift)));
        assertEquals(List.of(), new Selection.FilePath(BUCKET.withKey("unload/manifest")).select(redshift));
        // Redshift's <prefix>manifest after an UNLOAD prefix
        List<ObjectInfo> prefixed = listing("unload/orders_0000_part_00.gz", "unload/orders_0001_part_00.gz", "unload/orders_manifest");
        assertEquals(List.of("unload/orders_0000_part_00.gz", "unload/orders_0001_part_00.gz"),
                keys(new Selection.Prefix(BUCKET.withKey("unload/orders_")).select(prefixed)));
        assertEquals(SelectionRule.MANIFEST, SelectionRule.byName(BUCKET.withKey("unload/orders_manifest")));
    }

    @Test
    void redshiftsManifestAfterItsPrefix() {
        assertEquals("unload/orders_manifest", Selection.redshiftManifest(BUCKET.withKey("unload/orders_")).key());
        assertEquals("unload/manifest", Selection.redshiftManifest(BUCKET.withKey("unload/")).key());
    }

    @Test
    void theManifestBesideAnExport() {
        assertEquals("exports/orders.manifest", Selection.manifestBeside(BUCKET.withKey("exports/orders")).key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Selection.manifestBeside(BUCKET));
        assertEquals("not a folder below the bucket root: oss://bucket/", e.getMessage());
    }
}
