package io.lading.cli;

import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.loader.TextOverrides;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * {@code --delimiter --null --quote --escape --header --encoding}: the TEXT/CSV options of
 * PostgreSQL's COPY, the same for every command. Unset ones take the format's defaults.
 * {@code --remove-quotes} (Redshift COPY's REMOVEQUOTES) is for a copy-mode load only.
 */
public final class TextOptionsMixin {
    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "Field delimiter, one byte ('\\t' or 'tab' for a tab). Default: tab for text, ',' for csv.")
    String delimiter;

    @Option(names = "--null", paramLabel = "STRING", description = "NULL string. Default: \\N for text, unquoted empty for csv.")
    String nullString;

    @Option(names = "--quote", paramLabel = "CHAR", description = "CSV quote character (default \").")
    String quote;

    @Option(names = "--escape", paramLabel = "CHAR", description = "Escape character (csv: default the quote; text: \\ or OFF).")
    String escape;

    @Option(names = "--header", description = "Files have a header line: unload writes one at the top of every file, load and ddl skip it.")
    boolean header;

    @Option(names = "--encoding", paramLabel = "ENCODING", description = "File encoding, e.g. utf8, latin1 (default: the database's).")
    String encoding;

    @Option(names = "--remove-quotes", description = "load, copy mode: TEXT fields in double quotes with the quotes in the data"
            + " escaped (Redshift's UNLOAD ... ADDQUOTES ESCAPE); the enclosing quotes are dropped, as Redshift COPY's REMOVEQUOTES does.")
    boolean removeQuotes;

    /** Whether any of these options was given: Parquet takes none of them. */
    boolean given() {
        return delimiter != null || nullString != null || quote != null || escape != null || header || encoding != null || removeQuotes;
    }

    /** The options of a command that reads no files through Lading: {@code --remove-quotes} is refused there. */
    TextOptions forFormat(FileFormat format, List<String> forceQuote, String newline) {
        refuseRemoveQuotes();
        return TextOptions.withDefaults(format, delimiter(), nullString, quote, escape, header, forceQuote, encoding, newline);
    }

    /** For a load, whose files' format may only be known file by file. */
    TextOverrides overrides() {
        return new TextOverrides(delimiter(), nullString, quote, escape, header, encoding, removeQuotes);
    }

    /** Only a reader that passes the bytes through Lading can drop the quotes: not a warehouse's external table. */
    void refuseRemoveQuotes() {
        if (removeQuotes) {
            throw new UsageException("--remove-quotes is read by lading load in copy mode only (Lading drops the quotes on"
                    + " the way to COPY; an external table reads the files itself)");
        }
    }

    /** {@code \t} and {@code tab} mean a tab: a real one is hard to type in a shell. */
    private String delimiter() {
        return delimiter != null && (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) ? "\t" : delimiter;
    }
}
