package io.lading.warehouse.ddl;

/** Which way an external table moves rows: segments read files (load) or write them (unload). */
public enum Direction {
    READABLE, WRITABLE
}
