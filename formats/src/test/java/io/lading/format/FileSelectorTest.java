package io.lading.format;

import io.lading.common.LadingException;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectStores;
import io.lading.storage.SelectionRule;
import io.lading.storage.StoreOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resolver on the local store: the sibling manifest of an export, an explicit rule winning, and
 * the manifest's entries checked. The same table of locations through ls, load and ddl, on the
 * local store and S3, is {@code SelectionAgreementTest} in the cli module.
 */
class FileSelectorTest {
    @TempDir
    Path dir;

    private ObjectStore store;
    private Location base;

    @BeforeEach
    void setUp() {
        base = Location.parse("file://" + dir + "/");
        store = ObjectStores.open(base, StoreOptions.NONE);
    }

    private Location write(String key, String content) throws IOException {
        Path p = dir.resolve(key);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return base.resolve(key);
    }

    private Location manifest(String key, Manifest.Entry... entries) throws IOException {
        Location location = base.resolve(key);
        Path p = dir.resolve(key);
        Files.createDirectories(p.getParent());
        Files.write(p, new Manifest(List.of(entries), null).toJson());
        return location;
    }

    private static List<String> uris(SelectedFiles selected) {
        return selected.files().stream().map(f -> f.object().location().toString()).toList();
    }

    /** What {@code lading unload --to .../orders/} leaves: two files and the manifest beside the folder. */
    private Location export() throws IOException {
        Location a = write("exports/orders/part-0.csv", "1\n2\n");
        Location b = write("exports/orders/part-1.csv", "3\n");
        write("exports/orders_old/part-0.csv", "9\n");
        return manifest("exports/orders.manifest", new Manifest.Entry(b.toString(), true, 2, 1),
                new Manifest.Entry(a.toString(), true, 4, 2));
    }

    @Test
    void aFolderWithItsSiblingManifestReadsTheManifest() throws IOException {
        Location manifest = export();
        for (String key : List.of("exports/orders/", "exports/orders", "exports/orders.manifest")) {
            SelectedFiles selected = FileSelector.select(store, base.resolve(key), null);
            assertEquals(SelectionRule.MANIFEST, selected.rule(), key);
            assertEquals(manifest, selected.location(), key);
            assertEquals(List.of(base.resolve("exports/orders/part-1.csv").toString(), base.resolve("exports/orders/part-0.csv").toString()),
                    uris(selected), key);
            assertEquals(List.of(1L, 2L), selected.files().stream().map(SelectedFiles.File::recordCount).toList(), key);
        }
    }

    @Test
    void anExplicitRuleWins() throws IOException {
        export();
        SelectedFiles folder = FileSelector.select(store, base.resolve("exports/orders/"), SelectionRule.DIR);
        assertEquals(SelectionRule.DIR, folder.rule());
        assertNull(folder.manifest());
        assertEquals(List.of(base.resolve("exports/orders/part-0.csv").toString(), base.resolve("exports/orders/part-1.csv").toString()),
                uris(folder));
        assertEquals(List.of(-1L, -1L), folder.files().stream().map(SelectedFiles.File::recordCount).toList());

        SelectedFiles prefix = FileSelector.select(store, base.resolve("exports/orders"), SelectionRule.PREFIX);
        assertEquals(3, prefix.files().size()); // orders_old too: a prefix is a string
    }

    @Test
    void withoutAManifestTheNameDecides() throws IOException {
        write("raw/sales/a.csv", "1\n");
        write("raw/sales/deep/b.csv", "2\n");
        assertEquals(SelectionRule.DIR, FileSelector.select(store, base.resolve("raw/sales/"), null).rule());
        assertEquals(1, FileSelector.select(store, base.resolve("raw/sales/"), null).files().size());
        assertEquals(SelectionRule.PREFIX, FileSelector.select(store, base.resolve("raw/sales"), null).rule());
        assertEquals(2, FileSelector.select(store, base.resolve("raw/sales"), null).files().size());
        SelectedFiles none = FileSelector.select(store, base.resolve("raw/nothing"), null);
        assertEquals(SelectionRule.PREFIX, none.rule());
        assertEquals(List.of(), none.files());
    }

    @Test
    void aMissingManifestNamedSoIsAnError() {
        Location missing = base.resolve("exports/gone.manifest");
        LadingException e = assertThrows(LadingException.class, () -> FileSelector.select(store, missing, null));
        assertEquals("cannot read manifest " + missing + ": object " + missing + " does not exist", e.getMessage());
    }

    @Test
    void aFileThatChangedSinceTheUnloadIsAnError() throws IOException {
        Location a = write("exports/t/part-0.csv", "1\n2\n");
        Location manifest = manifest("exports/t.manifest", new Manifest.Entry(a.toString(), true, 3, 2));
        LadingException e = assertThrows(LadingException.class, () -> FileSelector.select(store, base.resolve("exports/t/"), null));
        assertEquals("file " + a + " has 4 bytes but manifest " + manifest + " says 3; the files changed since the unload", e.getMessage());
    }

    @Test
    void manifestEntriesMustBeInTheManifestsStore() throws IOException {
        Location manifest = manifest("m/x.manifest", new Manifest.Entry("s3://bucket/part-0.csv", true, -1, -1));
        LadingException e = assertThrows(LadingException.class, () -> FileSelector.select(store, manifest, null));
        assertEquals("manifest " + manifest + " lists s3://bucket/part-0.csv, which is not in the manifest's store;"
                + " Lading reads manifests whose files are in the same store", e.getMessage());

        Location bad = manifest("m/bad.manifest", new Manifest.Entry("ftp://host/x", true, -1, -1));
        e = assertThrows(LadingException.class, () -> FileSelector.select(store, bad, SelectionRule.MANIFEST));
        assertTrue(e.getMessage().startsWith("manifest " + bad + " lists an invalid url: "), e.getMessage());
    }
}
