package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.format.Sniffer;
import io.lading.format.TableSchema;
import io.lading.format.parquet.ParquetRowReader;
import io.lading.storage.ObjectStore;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Opens an object as the byte stream COPY reads: TEXT/CSV decompressed when its first bytes say
 * gzip, bzip2 or zstd (never by the name alone), Parquet decoded to COPY TEXT lines.
 */
final class FileInput {
    private static final int BUFFER = 1 << 16;

    private FileInput() {
    }

    /**
     * {@code --format} when given, else the extension (before any {@code .gz .bz2 .zst}), else the magic
     * bytes (Parquet). Redshift's TEXT/CSV names ({@code orders_0000_part_00}) say nothing: they need {@code --format}.
     */
    static FileFormat detectFormat(ObjectStore store, LoadFile file) throws IOException {
        Optional<FileFormat> byName = FileFormat.ofFileName(file.object().location().fileName());
        if (byName.isPresent()) {
            return byName.get();
        }
        try (InputStream in = store.open(file.object().location(), 0, Sniffer.HEAD_BYTES)) {
            byte[] head = in.readNBytes(Sniffer.HEAD_BYTES);
            if (Sniffer.of(head) == Sniffer.PARQUET) {
                return FileFormat.PARQUET;
            }
        }
        throw new LadingException("cannot tell the format of " + file.uri()
                + " from its name (.csv, .txt, .parquet, optionally .gz, .bz2 or .zst); pass --format text|csv|parquet");
    }

    /** The bytes for COPY: TEXT/CSV as stored (decompressed), Parquet as COPY TEXT lines. */
    static InputStream open(ObjectStore store, LoadFile file, FileFormat format) throws IOException {
        if (format == FileFormat.PARQUET) {
            ParquetRowReader reader = ParquetRowReader.open(store, file.object().location());
            return new FilterInputStream(reader.copyTextStream()) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    }
                    finally {
                        reader.close();
                    }
                }
            };
        }
        InputStream raw = new BufferedInputStream(store.open(file.object().location()), BUFFER);
        try {
            return Sniffer.decompressed(raw, file.uri());
        }
        catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The columns of a Parquet file, from its footer. */
    static TableSchema parquetSchema(ObjectStore store, LoadFile file) throws IOException {
        try (ParquetRowReader reader = ParquetRowReader.open(store, file.object().location())) {
            return reader.schema();
        }
    }
}
