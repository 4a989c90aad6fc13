package io.lading.unloader;

import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.Manifest;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.local.LocalObjectStore;
import io.lading.warehouse.CopyStatements;
import io.lading.warehouse.TableName;
import io.lading.warehouse.testing.PgFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.postgresql.PGConnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fidelity without Lading's loader: unload the hard data set, gunzip each file, COPY it back with
 * the same options into a fresh table, and compare with EXCEPT ALL both ways (rows as text, since
 * json has no equality).
 */
class UnloadRoundTripTest {
    static PgFixture pg;
    static String table;

    @TempDir
    Path root;

    @BeforeAll
    static void createTable() throws Exception {
        pg = new PgFixture("unl_");
        table = pg.table("hard");
        pg.createHardRows("hard");
    }

    @AfterAll
    static void dropSchema() throws Exception {
        pg.close();
    }

    static Stream<TextOptions> options() {
        return Stream.of(
                TextOptions.defaults(FileFormat.TEXT),
                TextOptions.defaults(FileFormat.CSV),
                new TextOptions(FileFormat.CSV, "|", "NULL", "'", "\\", true, List.of("*"), null, null),
                new TextOptions(FileFormat.CSV, ";", "<null>", "\"", null, true, List.of("s", "vc"), "UTF8", null),
                new TextOptions(FileFormat.TEXT, ",", "\\NULL", null, null, true, List.of(), null, null));
    }

    @ParameterizedTest
    @MethodSource("options")
    void roundTripWithTheSameOptions(TextOptions options) throws Exception {
        roundTrip(options, Compression.GZIP);
    }

    @ParameterizedTest
    @MethodSource("options")
    void roundTripUncompressed(TextOptions options) throws Exception {
        roundTrip(options, Compression.NONE);
    }

    private void roundTrip(TextOptions options, Compression compression) throws Exception {
        Files.createDirectories(root.resolve("bkt"));
        LocalObjectStore store = new LocalObjectStore(root);
        Location to = Location.parse("file:///bkt/exports/hard/");
        UnloadRequest request = Unloads.request(table, to).text(options).compression(compression, 6).files(3, 1).parallel(2).build();
        UnloadResult result = Unloads.unload(request, store, 2, 64);
        assertEquals(pg.count("select count(*) from " + table), result.rows());
        assertEquals(3, result.files());

        String copy = pg.table("copy");
        pg.execute("create table " + copy + " (like " + table + ")");
        try {
            Manifest manifest = Unloads.manifest(store, result.manifestLocation());
            for (Manifest.Entry e : manifest.entries()) {
                String expectedSuffix = options.format() == FileFormat.CSV ? ".csv" : ".txt";
                assertTrue(e.url().endsWith(expectedSuffix + compression.suffix()), e.url());
                byte[] data = Unloads.read(store, Location.parse(e.url()), compression == Compression.GZIP);
                long loaded = pg.connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        CopyStatements.copyIn(TableName.parse(copy), List.of(), options), new ByteArrayInputStream(data));
                assertEquals(e.recordCount(), loaded, e.url());
            }
            assertEquals(0, pg.difference(table, copy));
            assertEquals(result.rows(), pg.count("select count(*) from " + copy));
        }
        finally {
            pg.execute("drop table if exists " + copy);
        }
    }
}
