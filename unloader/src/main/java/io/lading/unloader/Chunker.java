package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.pgbinary.PgBinaryRowDecoder;

/**
 * Gathers one reader's rows into chunks of whole rows and passes each on once it holds
 * {@code chunkSize} bytes (or the split ends). Used by one thread; a row is copied once, into
 * a pooled buffer.
 */
final class Chunker implements PgBinaryRowDecoder.RowSink {
    /** Receives a full chunk. */
    @FunctionalInterface
    interface Consumer {
        void chunk(Chunk chunk) throws InterruptedException;
    }

    private final int chunkSize;
    private final BufferPool pool;
    private final Consumer consumer;
    private byte[] buffer;
    private int length;
    private long rows;

    Chunker(int chunkSize, BufferPool pool, Consumer consumer) {
        this.chunkSize = chunkSize;
        this.pool = pool;
        this.consumer = consumer;
    }

    /** Before a split's first row. */
    void start() {
        buffer = pool.take();
        length = 0;
        rows = 0;
    }

    /** One row into the current chunk; a full chunk is passed on. */
    @Override
    public void row(byte[] row, int offset, int n) {
        try {
            if (length + n > buffer.length) {
                if (length > 0) {
                    emit();
                }
                if (n > buffer.length) {
                    buffer = new byte[n];
                }
            }
            System.arraycopy(row, offset, buffer, length, n);
            length += n;
            rows++;
            if (length >= chunkSize) {
                emit();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LadingException("interrupted");
        }
    }

    /** After a split's last row: passes on what is left. */
    void end() throws InterruptedException {
        if (length > 0) {
            consumer.chunk(new Chunk(buffer, length, rows));
        }
        buffer = null;
    }

    /** After a split that failed: drops what it held. */
    void discard() {
        buffer = null;
    }

    private void emit() throws InterruptedException {
        consumer.chunk(new Chunk(buffer, length, rows));
        buffer = pool.take();
        length = 0;
        rows = 0;
    }
}
