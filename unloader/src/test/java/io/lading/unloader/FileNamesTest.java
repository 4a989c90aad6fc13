package io.lading.unloader;

import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.storage.Location;
import io.lading.storage.PendingWrite;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileNamesTest {
    /** An upload is told to be Lading's by its name: every name a run writes must match the stores' pattern. */
    @Test
    void aRunsFileNamesAreWhatTheStoresTakeForLadings() {
        FileNames names = new FileNames(Location.parse("s3://b/exports/t/"), Planner.newRunId(), 12, FileFormat.CSV, Compression.GZIP);
        assertTrue(PendingWrite.isRunFile(names.location(3, 11).key()), names.location(3, 11).key());
        FileNames parquet = new FileNames(Location.parse("s3://b/t/"), Planner.newRunId(), 1, FileFormat.PARQUET, Compression.SNAPPY);
        assertTrue(PendingWrite.isRunFile(parquet.location(0, 0).key()), parquet.location(0, 0).key());
        assertFalse(PendingWrite.isRunFile("exports/t/orders.csv.gz"));
        assertFalse(PendingWrite.isRunFile("exports/part-20261201T041500000-x/orders.csv"));
    }
}
