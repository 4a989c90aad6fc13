package io.lading.format;

import io.lading.common.LadingException;

import java.util.Locale;
import java.util.Optional;

/** The record formats Lading reads and writes. */
public enum FileFormat {
    TEXT("txt"), CSV("csv"), PARQUET("parquet");

    private static final String[] COMPRESSION_SUFFIXES = {".gz", ".bz2", ".zst"};

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    /** File extension without the compression suffix: {@code txt}, {@code csv}, {@code parquet}. */
    public String extension() {
        return extension;
    }

    /**
     * The format a file name says: {@code .csv}; {@code .txt}, {@code .tsv}, {@code .text} or
     * {@code .tbl}; {@code .parquet}; each optionally followed by a compression suffix, {@code .gz},
     * {@code .bz2} or {@code .zst} (the suffix says nothing of the compression, which is read from
     * the bytes). Empty for any other name, such as Redshift's {@code orders_0000_part_00.gz}.
     */
    public static Optional<FileFormat> ofFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (String suffix : COMPRESSION_SUFFIXES) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".txt") || name.endsWith(".tsv") || name.endsWith(".text") || name.endsWith(".tbl")) {
            return Optional.of(TEXT);
        }
        return name.endsWith(".parquet") ? Optional.of(PARQUET) : Optional.empty();
    }

    public static FileFormat parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new LadingException("unknown format '" + text + "'; use text, csv or parquet");
        }
    }
}
