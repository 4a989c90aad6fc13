package io.lading.unloader;

import io.lading.format.Compression;
import io.lading.format.Manifest;
import io.lading.format.parquet.ParquetRowReader;
import io.lading.format.parquet.StoreInputFile;
import io.lading.storage.Location;
import io.lading.storage.local.LocalObjectStore;
import io.lading.warehouse.testing.PgFixture;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hard data set through Parquet: logical types from parquet-mr's footer, values back through COPY. */
class UnloadParquetTest {
    static PgFixture pg;
    static String table;
    static final ParquetReadOptions PLAIN = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();

    @TempDir
    Path root;

    @BeforeAll
    static void createTable() throws Exception {
        pg = new PgFixture("unl_");
        table = pg.table("pq");
        pg.createHardRows("pq");
    }

    @AfterAll
    static void dropSchema() throws Exception {
        pg.close();
    }

    @Test
    void hardRowsSurviveParquet() throws Exception {
        Files.createDirectories(root.resolve("bkt"));
        LocalObjectStore store = new LocalObjectStore(root);
        UnloadRequest request = Unloads.request(table, Location.parse("file:///bkt/pq/")).text(null)
                .compression(Compression.ZSTD, 6).files(2, 1).parallel(2).build();
        UnloadResult result = Unloads.unload(request, store, 2, 256);
        Manifest manifest = Unloads.manifest(store, result.manifestLocation());
        assertEquals(2, manifest.entries().size());
        assertEquals(pg.count("select count(*) from " + table), manifest.totalRecords());

        String back = pg.table("pqback");
        pg.execute("create table " + back + " (like " + table + ")");
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
            assertEquals(0, pg.difference(table, back));
        }
        finally {
            pg.execute("drop table if exists " + back);
        }
    }
}
