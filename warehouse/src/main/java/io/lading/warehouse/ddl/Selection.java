package io.lading.warehouse.ddl;

import io.lading.common.LadingException;

import java.util.Locale;

/**
 * Which objects under a location a table reads or writes (DESIGN.md, "Selection rules"):
 * {@code PREFIX} every key starting with the string, {@code DIR} the objects directly in a folder
 * (key ends with '/'), {@code FILEPATH} one file and its {@code .1 .2 ...} continuations (read only),
 * {@code MANIFEST} exactly the files a manifest lists (Redshift COPY only).
 */
public enum Selection {
    PREFIX, DIR, FILEPATH, MANIFEST;

    public static Selection parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new LadingException("unknown selection '" + text + "'; use prefix, dir, filepath or manifest");
        }
    }

    /** The option name in oss_ext / oss_fdw syntax: {@code prefix}, {@code dir}, {@code filepath}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
