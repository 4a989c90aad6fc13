package io.lading.unloader;

import io.lading.format.Compression;
import io.lading.format.Manifest;
import io.lading.format.parquet.ParquetRowReader;
import io.lading.format.parquet.StoreInputFile;
import io.lading.storage.Location;
import io.lading.storage.local.LocalObjectStore;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hard data set through Parquet: logical types from parquet-mr's footer, values back through COPY. */
class UnloadParquetTest {
    static final String TABLE = Fixtures.uniqueName("pq");
    static final ParquetReadOptions PLAIN = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();

    @TempDir
    Path root;

    @BeforeAll
    static void createTable() throws Exception {
        Fixtures.createHardRows(TABLE);
    }

    @AfterAll
    static void dropTable() {
        Fixtures.exec("drop table if exists " + TABLE);
    }

    @Test
    void hardRowsSurviveParquet() throws Exception {
        Files.createDirectories(root.resolve("bkt"));
        LocalObjectStore store = new LocalObjectStore(root);
        UnloadRequest request = Fixtures.request(TABLE, Location.parse("file:///bkt/pq/")).text(null)
                .compression(Compression.ZSTD, 6).files(2, 1).parallel(2).build();
        UnloadResult result = Fixtures.unload(request, store, 2, 256);
        Manifest manifest = Fixtures.manifest(store, result.manifestLocation());
        assertEquals(2, manifest.entries().size());
        assertEquals(Fixtures.count("select count(*) from " + TABLE), manifest.totalRecords());

        String back = Fixtures.uniqueName("pqback");
        Fixtures.exec("create table " + back + " (like " + TABLE + ")");
        try (Connection c = Fixtures.SOURCE.connect()) {
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
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + back + " FROM STDIN", reader.copyTextStream());
                }
            }
            String a = "select r::text from " + TABLE + " r";
            String b = "select r::text from " + back + " r";
            assertEquals(0, Fixtures.count("select count(*) from (" + a + " except all " + b + ") x"));
            assertEquals(0, Fixtures.count("select count(*) from (" + b + " except all " + a + ") x"));
        }
        finally {
            Fixtures.exec("drop table if exists " + back);
        }
    }
}
