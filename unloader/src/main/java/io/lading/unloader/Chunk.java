package io.lading.unloader;

/** Whole rows as the server sent them, {@code length} bytes of {@code data}; the unit dealt to files. */
record Chunk(byte[] data, int length, long rows) {
}
