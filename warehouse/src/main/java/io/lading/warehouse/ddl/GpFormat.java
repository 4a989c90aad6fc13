package io.lading.warehouse.ddl;

import io.lading.warehouse.RejectLimit;
import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.warehouse.Sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The Greenplum external-table clauses AnalyticDB 6 and gpcloud share: columns, FORMAT with only
 * the options that differ from the format's defaults (as the AnalyticDB examples write them),
 * ENCODING, and LOG ERRORS / SEGMENT REJECT LIMIT or DISTRIBUTED.
 */
final class GpFormat {
    private GpFormat() {
    }

    /** Greenplum's rules for SEGMENT REJECT LIMIT (and AnalyticDB's, which inherits them). */
    static void checkSegmentRejectLimit(RejectLimit limit) {
        if (limit.percent() && limit.count() < 1) {
            throw new LadingException("--reject-limit percentage must be from 1 to 100, not " + limit);
        }
        if (!limit.percent() && limit.count() < 2) {
            throw new LadingException("--reject-limit must be at least 2 rows (a Greenplum rule), not " + limit.count());
        }
    }

    static String columns(ExternalTableSpec spec) {
        List<String> lines = new ArrayList<>();
        for (var c : spec.schema().columns()) {
            ColumnList.checkType(c.name(), c.pgType());
            lines.add("    " + Sql.ident(c.name()) + " " + c.pgType());
        }
        return "(\n" + String.join(",\n", lines) + "\n)";
    }

    static String createHead(ExternalTableSpec spec) {
        return "CREATE " + (spec.readable() ? "READABLE" : "WRITABLE") + " EXTERNAL TABLE " + spec.name().sql() + " "
                + columns(spec);
    }

    /** {@code FORMAT 'CSV' (QUOTE '''' DELIMITER E'\t')} and the clauses after it, one per line. */
    static List<String> tail(String dialect, ExternalTableSpec spec) {
        if (spec.format() == FileFormat.PARQUET) {
            throw new LadingException(dialect + " external tables read TEXT or CSV, not Parquet");
        }
        TextOptions t = spec.text();
        TextOptions d = TextOptions.defaults(spec.format());
        boolean csv = spec.format() == FileFormat.CSV;
        if (!spec.readable() && t.header()) {
            throw new LadingException(dialect + " writable external tables cannot write a header; drop --header");
        }
        if (!t.escape().equalsIgnoreCase("OFF") && t.escape().equals(t.delimiter())) {
            throw new LadingException("--escape and --delimiter must differ (both are '" + TextOptions.printable(t.delimiter()) + "')");
        }
        List<String> options = new ArrayList<>();
        if (t.header()) {
            options.add("HEADER");
        }
        if (csv && !t.quote().equals(d.quote())) {
            options.add("QUOTE " + Sql.literal(t.quote()));
        }
        if (!t.delimiter().equals(d.delimiter())) {
            options.add("DELIMITER " + Sql.literal(t.delimiter()));
        }
        if (!t.nullString().equals(d.nullString())) {
            options.add("NULL " + Sql.literal(t.nullString()));
        }
        if (!spec.forceNotNull().isEmpty()) {
            options.add("FORCE NOT NULL " + Sql.identList(spec.forceNotNull()));
        }
        if (!t.forceQuote().isEmpty()) {
            options.add("FORCE QUOTE " + (t.forceQuote().equals(List.of("*")) ? "*" : Sql.identList(t.forceQuote())));
        }
        String defaultEscape = csv ? t.quote() : d.escape();
        if (!t.escape().equals(defaultEscape)) {
            options.add("ESCAPE " + (t.escape().equalsIgnoreCase("OFF") ? "'OFF'" : Sql.literal(t.escape())));
        }
        if (t.newline() != null) {
            options.add("NEWLINE " + Sql.literal(t.newline()));
        }
        if (spec.fillMissingFields()) {
            options.add("FILL MISSING FIELDS");
        }
        List<String> lines = new ArrayList<>();
        lines.add("FORMAT '" + spec.format().name() + "'" + (options.isEmpty() ? "" : " (" + String.join(" ", options) + ")"));
        if (t.encoding() != null) {
            lines.add("ENCODING " + Sql.literal(t.encoding()));
        }
        if (spec.rejectLimit() != null) {
            checkSegmentRejectLimit(spec.rejectLimit());
            String log = spec.logErrors() ? "LOG ERRORS " + (spec.errorTable() == null ? "" : "INTO " + spec.errorTable().sql() + " ") : "";
            lines.add(log + "SEGMENT REJECT LIMIT " + spec.rejectLimit().sql());
        }
        if (spec.distribution() != null) {
            lines.add(spec.distribution().sql());
        }
        return lines;
    }

    /**
     * A value inside a LOCATION string of space-separated {@code key=value} pairs: the server splits
     * on whitespace, so a value with whitespace or a control character cannot be written at all.
     * Quotes need nothing here: the whole LOCATION string goes through {@link Sql#literal}.
     */
    static String locationValue(String dialect, String what, String value) {
        return locationValue(dialect, what, value, false);
    }

    /** As {@link #locationValue(String, String, String)}; a secret is never quoted in the error. */
    static String locationValue(String dialect, String what, String value, boolean secret) {
        if (value.isEmpty()) {
            throw new LadingException(dialect + ": " + what + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new LadingException(dialect + ": " + what + (secret ? "" : " '" + TextOptions.printable(value) + "'")
                        + " contains whitespace or a control character, which a LOCATION string cannot express");
            }
        }
        return value;
    }

    /** {@code oss-cn-hangzhou.aliyuncs.com} from {@code https://oss-cn-hangzhou.aliyuncs.com/}. */
    static String hostOf(String endpoint) {
        String e = endpoint;
        int scheme = e.indexOf("://");
        if (scheme >= 0) {
            e = e.substring(scheme + 3);
        }
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        if (e.contains("/")) {
            throw new LadingException("endpoint '" + endpoint + "' must be a host[:port], without a path");
        }
        return e;
    }
}
