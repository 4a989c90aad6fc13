package io.lading.loader;

import io.lading.format.FileFormat;
import io.lading.format.TextOptions;

import java.util.List;

/**
 * The TEXT/CSV options the user gave ({@code --delimiter --null --quote --escape --header
 * --encoding}); null fields take the defaults of the format each file turns out to have.
 */
public record TextOverrides(String delimiter, String nullString, String quote, String escape, boolean header, String encoding) {
    public static final TextOverrides NONE = new TextOverrides(null, null, null, null, false, null);

    /** Validated options for {@code format}: the place where a bad combination is refused. */
    public TextOptions forFormat(FileFormat format) {
        return TextOptions.withDefaults(format, delimiter, nullString, quote, escape, header, List.of(), encoding, null);
    }
}
