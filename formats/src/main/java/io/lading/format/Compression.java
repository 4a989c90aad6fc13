package io.lading.format;

import io.lading.common.LadingException;

import java.util.Locale;

/** Compression of a data file: gzip or none for TEXT/CSV; Parquet's own codecs for Parquet. */
public enum Compression {
    NONE(""), GZIP(".gz"), SNAPPY(""), ZSTD("");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** What TEXT/CSV file names end with ({@code .gz}); Parquet names never carry it. */
    public String suffix() {
        return suffix;
    }

    public static Compression parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new LadingException("unknown compression '" + text + "'; use gzip, none, snappy or zstd");
        }
    }
}
