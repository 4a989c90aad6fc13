package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.Selection;
import io.lading.warehouse.ConnectionSpec;
import io.lading.warehouse.TableName;

import static java.util.Objects.requireNonNull;

/**
 * Everything an unload was asked to do, validated where it is born: one line naming the option
 * and the offending value.
 *
 * @param table the table to unload, or null when {@code query} is given
 * @param query the query to unload, or null when {@code table} is given
 * @param to the destination folder (a trailing '/' is added)
 * @param textOptions TEXT/CSV options (null for Parquet)
 * @param segments S, the target cluster's segment count
 * @param filesPerSegment K: N = S * K files per generation
 * @param maxFileSize compressed bytes at which all N files roll over to a next generation
 * @param parallel R, the number of database readers
 * @param splitBy an integer/date/timestamp column to split ranges on, or null
 */
public record UnloadRequest(
        ConnectionSpec source,
        TableName table,
        String query,
        Location to,
        FileFormat format,
        Compression compression,
        int gzipLevel,
        TextOptions textOptions,
        int segments,
        int filesPerSegment,
        long maxFileSize,
        int parallel,
        String splitBy,
        boolean overwrite) {
    public static final long MIN_FILE_SIZE = 1024;

    public UnloadRequest {
        requireNonNull(source, "source is null");
        requireNonNull(to, "to is null");
        requireNonNull(format, "format is null");
        requireNonNull(compression, "compression is null");
        if ((table == null) == (query == null)) {
            throw new LadingException("give exactly one of --table and --query");
        }
        if (query != null && query.isBlank()) {
            throw new LadingException("--query is empty");
        }
        if (segments < 1) {
            throw new LadingException("--segments must be at least 1, not " + segments);
        }
        if (filesPerSegment < 1) {
            throw new LadingException("--files-per-segment must be at least 1, not " + filesPerSegment);
        }
        if ((long) segments * filesPerSegment > 100_000) {
            throw new LadingException("--segments x --files-per-segment = " + ((long) segments * filesPerSegment)
                    + " files is more than the 100000 Lading writes at once");
        }
        if (maxFileSize < MIN_FILE_SIZE) {
            throw new LadingException("--max-file-size must be at least 1KB, not " + maxFileSize + " bytes");
        }
        if (parallel < 1) {
            throw new LadingException("--parallel must be at least 1, not " + parallel);
        }
        if (gzipLevel < 1 || gzipLevel > 9) {
            throw new LadingException("--gzip-level must be between 1 and 9, not " + gzipLevel);
        }
        if (format == FileFormat.PARQUET) {
            if (compression != Compression.SNAPPY && compression != Compression.ZSTD
                    && compression != Compression.GZIP && compression != Compression.NONE) {
                throw new LadingException("--compression for parquet must be snappy, zstd, gzip or none");
            }
            if (textOptions != null) {
                throw new LadingException("TEXT/CSV options (--delimiter, --null, --quote, ...) do not apply to parquet");
            }
        }
        else {
            if (compression != Compression.GZIP && compression != Compression.NONE) {
                throw new LadingException("--compression for " + format.name().toLowerCase(java.util.Locale.ROOT)
                        + " must be gzip or none, not " + compression.name().toLowerCase(java.util.Locale.ROOT));
            }
            requireNonNull(textOptions, "textOptions is null");
            if (textOptions.format() != format) {
                throw new IllegalArgumentException("textOptions are for " + textOptions.format() + ", not " + format);
            }
        }
        if (to.key().isEmpty() || to.key().equals("/")) {
            throw new LadingException("--to " + to + " is a bucket root; name a folder inside the bucket"
                    + " (e.g. " + to.scheme().prefix() + "://" + to.bucket() + "/exports/orders/), since the manifest is written next to it");
        }
        to = to.asFolder();
        if (splitBy != null && splitBy.isEmpty()) {
            throw new LadingException("--split-by is empty");
        }
    }

    /** N, the number of files per generation. */
    public int files() {
        return segments * filesPerSegment;
    }

    /** What is unloaded, for messages: the table name or {@code query}. */
    public String subject() {
        return table != null ? table.toString() : "query";
    }

    /** The manifest, a sibling of the folder: {@code exports/orders/} -> {@code exports/orders.manifest}. */
    public Location manifest() {
        return Selection.manifestBeside(to);
    }

    /** Defaults as the command has them: csv, gzip level 6, S = K = 1, 1 GiB files, one reader per core. */
    public static final class Builder {
        private final ConnectionSpec source;
        private final TableName table;
        private final String query;
        private final Location to;
        private FileFormat format = FileFormat.CSV;
        private Compression compression = Compression.GZIP;
        private int gzipLevel = 6;
        private TextOptions textOptions = TextOptions.defaults(FileFormat.CSV);
        private int segments = 1;
        private int filesPerSegment = 1;
        private long maxFileSize = 1L << 30;
        private int parallel = Runtime.getRuntime().availableProcessors();
        private String splitBy;
        private boolean overwrite;

        public Builder(ConnectionSpec source, TableName table, String query, Location to) {
            this.source = source;
            this.table = table;
            this.query = query;
            this.to = to;
        }

        /** TEXT/CSV with these options (their format wins), or Parquet with {@code null}. */
        public Builder text(TextOptions options) {
            this.textOptions = options;
            this.format = options == null ? FileFormat.PARQUET : options.format();
            return this;
        }

        public Builder compression(Compression compression, int gzipLevel) {
            this.compression = compression;
            this.gzipLevel = gzipLevel;
            return this;
        }

        public Builder files(int segments, int filesPerSegment) {
            this.segments = segments;
            this.filesPerSegment = filesPerSegment;
            return this;
        }

        public Builder maxFileSize(long bytes) {
            this.maxFileSize = bytes;
            return this;
        }

        public Builder parallel(int readers) {
            this.parallel = readers;
            return this;
        }

        public Builder splitBy(String column) {
            this.splitBy = column;
            return this;
        }

        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        public UnloadRequest build() {
            return new UnloadRequest(source, table, query, to, format, compression, gzipLevel, textOptions, segments,
                    filesPerSegment, maxFileSize, parallel, splitBy, overwrite);
        }
    }
}
