package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.format.Manifest;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.SelectionRule;
import io.lading.storage.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What an external table reads against what Lading selects, on the local store (the listing is the
 * store's; gpcloud's raw prefix and oss_ext's rules are applied to it).
 */
class ExternalSelectionTest {
    @TempDir
    Path root;

    private String base() {
        return "file://" + root + "/";
    }

    private void file(String key, String content) throws Exception {
        Path p = root.resolve(key);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** An export: x/part-r1-0.csv and x/part-r1-1.csv (2 records each) and its sibling manifest x.manifest. */
    private void export() throws Exception {
        List<Manifest.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            file("x/part-r1-" + i + ".csv", "1,a\n2,b\n");
            entries.add(new Manifest.Entry(base() + "x/part-r1-" + i + ".csv", true, 8, 2));
        }
        file("x.manifest", new String(new Manifest(entries, null, "r1").toJson(), StandardCharsets.UTF_8));
    }

    private ExternalSelection resolve(String key, SelectionRule match, boolean rawPrefix) {
        Location from = Location.parse(base() + key);
        try (ObjectStore store = ObjectStores.open(from, StoreOptions.NONE)) {
            return ExternalSelection.resolve(store, from, match, rawPrefix, rawPrefix ? "greenplum" : "adbpg");
        }
    }

    private List<String> uris(ExternalSelection s) {
        return s.selected().files().stream().map(LoadFile::uri).toList();
    }

    @Test
    void aFolderWhosePrefixHoldsExactlyTheManifestsFilesIsReadByPrefixWithTheManifestsCounts() throws Exception {
        export();
        ExternalSelection s = resolve("x/", null, true);
        assertEquals(SelectionRule.PREFIX, s.rule());
        assertEquals(base() + "x/", s.location().toString());
        assertEquals(List.of(base() + "x/part-r1-0.csv", base() + "x/part-r1-1.csv"), uris(s));
        assertEquals(SelectionRule.MANIFEST, s.selected().rule(), "the sibling manifest x.manifest is not under x/");
        assertEquals(List.of(2L, 2L), s.selected().files().stream().map(LoadFile::expectedRecords).toList());
    }

    @Test
    void aKeyInASubFolderIsReadByTheRawPrefixButNotByDirAndIsRefused() throws Exception {
        file("y/a.csv", "1,a\n");
        file("y/deep/b.csv", "2,b\n");
        file("y/deep/c.csv", "3,c\n");
        LadingException e = assertThrows(LadingException.class, () -> resolve("y/", null, true));
        assertEquals("greenplum: gpcloud reads every object under the raw prefix " + base() + "y/, and " + base() + "y/deep/b.csv is not one of"
                + " the 1 selected files (nor are 1 more); move it out of the way, or load from a folder or prefix that holds only the"
                + " files to load", e.getMessage());
        // --match dir is the same selection; --match prefix selects what the prefix reads
        assertThrows(LadingException.class, () -> resolve("y/", SelectionRule.DIR, true));
        assertEquals(3, uris(resolve("y/", SelectionRule.PREFIX, true)).size());
    }

    @Test
    void aFolderWithoutManifestAndNoSubFoldersIsReadByItsPrefix() throws Exception {
        file("z/a.csv", "1,a\n");
        file("z/b.csv", "2,b\n");
        file("z2/other.csv", "3,c\n");
        ExternalSelection s = resolve("z/", null, true);
        assertEquals(SelectionRule.PREFIX, s.rule());
        assertEquals(List.of(base() + "z/a.csv", base() + "z/b.csv"), uris(s));
        assertEquals(List.of(-1L, -1L), s.selected().files().stream().map(LoadFile::expectedRecords).toList());
    }

    @Test
    void aPrefixThatAlsoReadsTheManifestIsRefused() throws Exception {
        export();
        LadingException e = assertThrows(LadingException.class, () -> resolve("x", null, true));
        assertEquals("greenplum: gpcloud reads every object under the raw prefix " + base() + "x, and " + base() + "x.manifest is not one of"
                + " the 2 selected files; move it out of the way, or load from a folder or prefix that holds only the files to load",
                e.getMessage());
    }

    @Test
    void aNamedManifestIsReadByTheLongestPrefixItsFilesShareSoAnotherRunsFilesStayOut() throws Exception {
        export();
        file("x/part-r0-0.csv", "9,z\n");
        ExternalSelection s = resolve("x.manifest", null, true);
        assertEquals(base() + "x/part-r1-", s.location().toString());
        assertEquals(List.of(base() + "x/part-r1-0.csv", base() + "x/part-r1-1.csv"), uris(s));
        // the folder is not: the other run's file is under x/
        LadingException e = assertThrows(LadingException.class, () -> resolve("x/", null, true));
        assertEquals("greenplum: gpcloud reads every object under the raw prefix " + base() + "x/, and " + base() + "x/part-r0-0.csv is not one of"
                + " the 2 selected files; move it out of the way, or load from a folder or prefix that holds only the files to load",
                e.getMessage());
    }

    @Test
    void ossExtReadsTheFolderByDirAndItMustHoldOnlyTheSiblingManifestsFiles() throws Exception {
        export();
        ExternalSelection s = resolve("x/", null, false);
        assertEquals(SelectionRule.DIR, s.rule());
        assertEquals(base() + "x/", s.location().toString());
        assertEquals(SelectionRule.MANIFEST, s.selected().rule());

        file("x/stale.csv", "9,z\n");
        LadingException e = assertThrows(LadingException.class, () -> resolve("x/", null, false));
        assertEquals("adbpg: the external table reads dir " + base() + "x/, which holds " + base() + "x/stale.csv, a file the export's"
                + " manifest does not list; move it out of the way, or pass --match dir to load every file there without the manifest",
                e.getMessage());
        assertEquals(3, uris(resolve("x/", SelectionRule.DIR, false)).size());
    }
}
