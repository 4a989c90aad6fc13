package io.lading.format.parquet;

import io.lading.format.Compression;

import static java.util.Objects.requireNonNull;

/**
 * Codec and memory caps of one Parquet writer.
 *
 * <p><b>Memory rule.</b> A writer holds its current row group in memory (encoded, compressed
 * pages plus one open page per column) until the group reaches {@code rowGroupSize}, so its heap
 * use is about {@code rowGroupSize + columns * pageSize} plus a few hundred KiB of codec buffers.
 * With N writers open at once under a heap budget B (the unloader: B = half of the heap, N up to
 * 256), {@link #forOpenWriters} chooses {@code rowGroupSize = clamp(B / (2 N), 1 MiB, 128 MiB)}
 * (the factor 2 leaves room for pages overshooting between size checks and for codec buffers)
 * and {@code pageSize = clamp(rowGroupSize / 8, 64 KiB, 1 MiB)}: 256 writers under a 256 MiB
 * budget get 1 MiB row groups with 128 KiB pages; one writer gets 128 MiB groups and 1 MiB pages.
 *
 * @param compression {@link Compression#SNAPPY}, {@link Compression#ZSTD}, {@link Compression#GZIP} or {@link Compression#NONE}
 * @param rowGroupSize bytes of buffered row group that trigger a flush
 * @param pageSize bytes of one uncompressed page (also the dictionary page cap)
 */
public record ParquetWriteOptions(Compression compression, long rowGroupSize, int pageSize) {
    public static final long MIN_ROW_GROUP = 1L << 20;
    public static final long MAX_ROW_GROUP = 128L << 20;
    public static final int MIN_PAGE = 64 << 10;
    public static final int MAX_PAGE = 1 << 20;

    public ParquetWriteOptions {
        requireNonNull(compression, "compression is null");
        if (rowGroupSize < 64 << 10) {
            throw new IllegalArgumentException("rowGroupSize below 64 KiB: " + rowGroupSize);
        }
        if (pageSize < 1024 || pageSize > rowGroupSize) {
            throw new IllegalArgumentException("pageSize must be between 1 KiB and rowGroupSize: " + pageSize);
        }
    }

    /** Caps for one of {@code openWriters} writers sharing {@code heapBudgetBytes}; see the class comment. */
    public static ParquetWriteOptions forOpenWriters(Compression compression, int openWriters, long heapBudgetBytes) {
        if (openWriters < 1) {
            throw new IllegalArgumentException("openWriters must be at least 1: " + openWriters);
        }
        long rowGroup = Math.max(MIN_ROW_GROUP, Math.min(MAX_ROW_GROUP, heapBudgetBytes / (2L * openWriters)));
        int page = (int) Math.max(MIN_PAGE, Math.min(MAX_PAGE, rowGroup / 8));
        return new ParquetWriteOptions(compression, rowGroup, page);
    }

    /** {@link #forOpenWriters} with half of this JVM's maximum heap as the budget. */
    public static ParquetWriteOptions forOpenWriters(Compression compression, int openWriters) {
        return forOpenWriters(compression, openWriters, Runtime.getRuntime().maxMemory() / 2);
    }
}
