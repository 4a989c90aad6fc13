package io.lading.format;

import io.lading.common.LadingException;

import java.util.Locale;

/** The record formats Lading reads and writes. */
public enum FileFormat {
    TEXT("txt"), CSV("csv"), PARQUET("parquet");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    /** File extension without the compression suffix: {@code txt}, {@code csv}, {@code parquet}. */
    public String extension() {
        return extension;
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
