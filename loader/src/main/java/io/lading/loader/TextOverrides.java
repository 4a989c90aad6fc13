package io.lading.loader;

import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.format.text.TextRewrite;

import java.util.List;

/**
 * The TEXT/CSV options the user gave ({@code --delimiter --null --quote --escape --header
 * --encoding --remove-quotes}); null fields take the defaults of the format each file turns out to have.
 *
 * @param removeQuotes TEXT fields in double quotes, quotes in the data escaped (Redshift's
 *        {@code UNLOAD ... ADDQUOTES ESCAPE}): Lading drops the enclosing quotes ({@link TextRewrite})
 */
public record TextOverrides(String delimiter, String nullString, String quote, String escape, boolean header, String encoding,
        boolean removeQuotes) {
    public static final TextOverrides NONE = new TextOverrides(null, null, null, null, false, null);

    public TextOverrides(String delimiter, String nullString, String quote, String escape, boolean header, String encoding) {
        this(delimiter, nullString, quote, escape, header, encoding, false);
    }

    /** Validated options for {@code format}: the place where a bad combination is refused. */
    public TextOptions forFormat(FileFormat format) {
        return TextOptions.withDefaults(format, delimiter, nullString, quote, escape, header, List.of(), encoding, null);
    }

    /** What Lading rewrites before COPY reads files of {@code format} with these options. */
    public TextRewrite rewrite(FileFormat format) {
        return format == FileFormat.PARQUET ? TextRewrite.NONE : TextRewrite.of(forFormat(format), removeQuotes);
    }
}
