package io.lading.unloader;

import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.Manifest;
import io.lading.format.TextOptions;
import io.lading.format.parquet.ParquetRowReader;
import io.lading.format.parquet.StoreInputFile;
import io.lading.storage.Location;
import io.lading.storage.local.LocalObjectStore;
import io.lading.warehouse.CopyStatements;
import io.lading.warehouse.TableName;
import io.lading.warehouse.testing.PgFixture;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * json has no equality). Parquet files: logical types from parquet-mr's footer, values back
 * through the formats module's reader and COPY.
 */
class UnloadRoundTripTest {
    @AutoClose
    static final PgFixture pg = new PgFixture("unl_");
    static final String TABLE = pg.table("hard");
    static final ParquetReadOptions PLAIN = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();

    @TempDir
    Path root;

    @BeforeAll
    static void createTable() throws Exception {
        pg.createHardRows("hard");
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
        UnloadRequest request = Unloads.request(TABLE, to).text(options).compression(compression, 6).files(3, 1).parallel(2).build();
        UnloadResult result = Unloads.unload(request, store, 2, 64);
        assertEquals(pg.count("select count(*) from " + TABLE), result.rows());
        assertEquals(3, result.files());

        String copy = pg.table("copy");
        pg.execute("create table " + copy + " (like " + TABLE + ")");
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
            assertEquals(0, pg.difference(TABLE, copy));
            assertEquals(result.rows(), pg.count("select count(*) from " + copy));
        }
        finally {
            pg.execute("drop table if exists " + copy);
        }
    }

    @Test
    void hardRowsSurviveParquet() throws Exception {
        Files.createDirectories(root.resolve("bkt"));
        LocalObjectStore store = new LocalObjectStore(root);
        UnloadRequest request = Unloads.request(TABLE, Location.parse("file:///bkt/pq/")).text(null)
                .compression(Compression.ZSTD, 6).files(2, 1).parallel(2).build();
        UnloadResult result = Unloads.unload(request, store, 2, 256);
        Manifest manifest = Unloads.manifest(store, result.manifestLocation());
        assertEquals(2, manifest.entries().size());
        assertEquals(pg.count("select count(*) from " + TABLE), manifest.totalRecords());

        String back = pg.table("pqback");
        pg.execute("create table " + back + " (like " + TABLE + ")");
        try {
            for (Manifest.Entry e : manifest.entries()) {
                Location file = Location.parse(e.url());
                assertTrue(e.url().endsWith(".parquet"), e.url());
                try (ParquetFileReader footer = ParquetFileReader.open(StoreInputFile.of(store, file), PLAIN)) {
                    MessageType type = footer.getFooter().getFileMetaData().getSchema();
                    assertEquals(LogicalTypeAnnotation.decimalType(10, 38), type.getType("n").getLogicalTypeAnnotation());
                    assertEquals(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS),
                            type.getType("tstz").getLogicalTypeAnnotation());
                    assertEquals(LogicalTypeAnnotation.dateType(), type.getType("d").getLogicalTypeAnnotation());
                    assertEquals(LogicalTypeAnnotation.stringType(), type.getType("nu").getLogicalTypeAnnotation());
                    assertEquals(e.recordCount(), footer.getRecordCount());
                }
                try (ParquetRowReader reader = ParquetRowReader.open(store, file)) {
                    pg.connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + back + " FROM STDIN", reader.copyTextStream());
                }
            }
            assertEquals(0, pg.difference(TABLE, back));
        }
        finally {
            pg.execute("drop table if exists " + back);
        }
    }
}
