package io.lading.format;

import io.lading.common.LadingException;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * TEXT/CSV options with PostgreSQL/Greenplum COPY semantics and defaults. TEXT: delimiter tab,
 * NULL {@code \N}, backslash escapes. CSV: delimiter {@code ,}, quote {@code "}, escape = quote,
 * NULL = unquoted empty string. Invalid combinations are rejected here, where they are born, with
 * a message naming the option.
 *
 * @param forceQuote columns always quoted in CSV output; {@code ["*"]} for all; empty for none
 * @param newline {@code LF}, {@code CR} or {@code CRLF} (null: the format default, LF)
 */
public record TextOptions(
        FileFormat format,
        String delimiter,
        String nullString,
        String quote,
        String escape,
        boolean header,
        List<String> forceQuote,
        String encoding,
        String newline) {
    public TextOptions {
        requireNonNull(format, "format is null");
        if (format == FileFormat.PARQUET) {
            throw new IllegalArgumentException("TextOptions are for TEXT and CSV, not PARQUET");
        }
        requireNonNull(delimiter, "delimiter is null");
        requireNonNull(nullString, "nullString is null");
        forceQuote = forceQuote == null ? List.of() : List.copyOf(forceQuote);
        singleByte("delimiter", delimiter);
        if (delimiter.equals("\n") || delimiter.equals("\r")) {
            throw new LadingException("--delimiter cannot be a newline or carriage return");
        }
        if (nullString.contains("\n") || nullString.contains("\r")) {
            throw new LadingException("--null cannot contain a newline or carriage return");
        }
        if (format == FileFormat.CSV) {
            requireNonNull(quote, "quote is null");
            singleByte("quote", quote);
            if (escape == null) {
                escape = quote;
            }
            singleByte("escape", escape);
            if (quote.equals(delimiter)) {
                throw new LadingException("--quote and --delimiter must differ (both are '" + quote + "')");
            }
            if (nullString.contains(quote)) {
                throw new LadingException("CSV quote character '" + quote + "' must not appear in --null");
            }
        }
        else {
            if (quote != null) {
                throw new LadingException("--quote is available only in CSV format");
            }
            if (!forceQuote.isEmpty()) {
                throw new LadingException("--force-quote is available only in CSV format");
            }
            if (escape == null) {
                escape = "\\";
            }
            if (!escape.equalsIgnoreCase("OFF")) {
                singleByte("escape", escape);
            }
            if ("\\".equals(escape) && "\\.abcdefghijklmnopqrstuvwxyz0123456789".contains(delimiter)) {
                // PostgreSQL's own rule: these would read as (part of) a backslash escape
                throw new LadingException("--delimiter '" + printable(delimiter) + "' is not allowed in TEXT format"
                        + " (backslash, '.', lower-case letters and digits are escape characters); choose another or use CSV");
            }
        }
        if (nullString.contains(delimiter)) {
            throw new LadingException("--delimiter '" + printable(delimiter) + "' must not appear in --null '" + printable(nullString) + "'");
        }
        if (newline != null && !List.of("LF", "CR", "CRLF").contains(newline)) {
            throw new LadingException("--newline must be LF, CR or CRLF, not '" + newline + "'");
        }
    }

    public static TextOptions defaults(FileFormat format) {
        return switch (format) {
            case TEXT -> new TextOptions(FileFormat.TEXT, "\t", "\\N", null, "\\", false, List.of(), null, null);
            case CSV -> new TextOptions(FileFormat.CSV, ",", "", "\"", "\"", false, List.of(), null, null);
            case PARQUET -> throw new IllegalArgumentException("no text options for PARQUET");
        };
    }

    /** The same options with {@code header} false: for a COPY whose header line Lading handles itself. */
    public TextOptions withoutHeader() {
        return new TextOptions(format, delimiter, nullString, quote, escape, false, forceQuote, encoding, newline);
    }

    /**
     * The options a user gave, each null one taking {@code format}'s default (a CSV escape defaults to
     * the quote, a TEXT escape to backslash), validated like any other.
     */
    public static TextOptions withDefaults(FileFormat format, String delimiter, String nullString, String quote, String escape,
            boolean header, List<String> forceQuote, String encoding, String newline) {
        TextOptions d = defaults(format);
        return new TextOptions(format,
                delimiter != null ? delimiter : d.delimiter(),
                nullString != null ? nullString : d.nullString(),
                format == FileFormat.CSV && quote == null ? d.quote() : quote,
                escape, header, forceQuote, encoding, newline);
    }

    private static void singleByte(String option, String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length != 1) {
            throw new LadingException("--" + option + " must be a single one-byte character, not '" + printable(value) + "'");
        }
    }

    /** Control characters spelled out so an error line stays one line. */
    public static String printable(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
