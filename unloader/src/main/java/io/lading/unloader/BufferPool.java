package io.lading.unloader;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Chunk buffers the writers are done with, for the readers to fill again instead of allocating
 * (and collecting) a MiB per chunk. A buffer is a chunk and a quarter: room to finish the row that
 * fills a chunk without growing.
 */
final class BufferPool {
    private final int bufferSize;
    private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();

    BufferPool(int chunkSize) {
        this.bufferSize = chunkSize + (chunkSize >> 2);
    }

    byte[] take() {
        byte[] b = spare.poll();
        return b != null ? b : new byte[bufferSize];
    }

    /** Takes back a buffer of the pool's size; one grown for a large row is left to the collector. */
    void give(byte[] buffer) {
        if (buffer.length == bufferSize) {
            spare.offer(buffer);
        }
    }

    int bufferSize() {
        return bufferSize;
    }
}
