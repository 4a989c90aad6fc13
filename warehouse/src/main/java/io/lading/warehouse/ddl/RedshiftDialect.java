package io.lading.warehouse.ddl;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.warehouse.Sql;
import io.lading.warehouse.TableName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Redshift has no external table for this: a readable spec becomes {@code COPY t (cols) FROM
 * 's3://...'}, a writable one {@code UNLOAD ('SELECT cols FROM t') TO 's3://...' MANIFEST VERBOSE}.
 * Redshift literals treat backslash as an escape and have no {@code E''}, so every value here goes
 * through {@link Sql#backslashLiteral}, the UNLOAD query included (its inner quotes doubled).
 *
 * <p>Options: {@code maxfilesize} (UNLOAD, MB, 5-6200, default 256), {@code parallel} (UNLOAD, on|off).
 *
 * <p>{@link #unload} is the same UNLOAD for any select text: {@code lading unload} runs it into a
 * staging prefix ({@code UnloadCommand} on a Redshift source).
 */
public final class RedshiftDialect implements ExternalTableDialect {
    static final String NAME = "redshift";
    static final String DEFAULT_MAX_FILE_SIZE_MB = "256";

    private static final List<TuningOption> OPTIONS = List.of(
            TuningOption.range("maxfilesize", 5, 6200, false, true),
            TuningOption.words("parallel", Set.of("on", "off"), false, true));

    private static final Set<String> ENCODINGS = Set.of("UTF8", "UTF16", "UTF16LE", "UTF16BE");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> setupStatements() {
        return List.of();
    }

    RedshiftDialect() {
    }

    @Override
    public List<String> createStatements(ExternalTableSpec spec, Secrets secrets) {
        if (!spec.readable()) {
            return List.of(unload("SELECT " + Sql.identList(spec.schema().names()) + " FROM " + spec.name().sql(), spec, secrets, true));
        }
        return List.of(statement(spec, secrets, null, true));
    }

    /**
     * {@code UNLOAD ('select') TO 's3://...' <auth> MANIFEST VERBOSE <format> ...} for a writable
     * {@code spec} (its name is not used: {@code select} says what is unloaded).
     *
     * @param allowOverwrite {@code ALLOWOVERWRITE}: for a location the user names; an unload into a
     *        fresh staging prefix leaves it out, so that a name collision fails instead of replacing files
     */
    public static String unload(String select, ExternalTableSpec spec, Secrets secrets, boolean allowOverwrite) {
        if (spec.readable()) {
            throw new IllegalArgumentException("an UNLOAD needs a writable spec");
        }
        return statement(spec, secrets, java.util.Objects.requireNonNull(select, "select is null"), allowOverwrite);
    }

    private static String statement(ExternalTableSpec spec, Secrets secrets, String select, boolean allowOverwrite) {
        Location location = spec.location();
        if (location.scheme() != Location.Scheme.S3) {
            throw new LadingException("redshift reads and writes S3 only; use an s3:// location, not " + location);
        }
        if (spec.selection() == SelectionRule.DIR || spec.selection() == SelectionRule.FILEPATH) {
            throw new LadingException("redshift: COPY and UNLOAD take a key prefix (a folder is a prefix ending with '/') or a manifest; use --match prefix or manifest");
        }
        if (spec.logErrors()) {
            throw new LadingException("redshift records rejected rows in stl_load_errors by itself; drop --log-errors");
        }
        if (spec.rejectLimit() != null && spec.rejectLimit().percent()) {
            throw new LadingException("redshift: MAXERROR counts rows; give --reject-limit as a number of rows");
        }
        if (spec.distribution() != null) {
            throw new LadingException("redshift: UNLOAD has no distribution; drop --distributed-by/--distributed-randomly");
        }
        if (!spec.forceNotNull().isEmpty() || (spec.text() != null && (spec.text().newline() != null || !spec.text().forceQuote().isEmpty()))) {
            throw new LadingException("redshift: COPY/UNLOAD have no FORCE NOT NULL, FORCE QUOTE or NEWLINE option");
        }
        if (spec.compression() != null && spec.compression() != Compression.NONE
                && (spec.compression() != Compression.GZIP || spec.format() == FileFormat.PARQUET)) {
            throw new LadingException("redshift: --compression gzip is for TEXT/CSV; Parquet files carry their own compression");
        }
        List<Map.Entry<String, String>> options = TuningOption.checkAll(NAME, spec, OPTIONS);
        List<String> lines = new ArrayList<>();
        String url = Sql.backslashLiteral(location.scheme().prefix() + "://" + location.bucket() + "/" + location.key());
        if (spec.readable()) {
            lines.add("COPY " + spec.name().sql() + " (" + Sql.identList(spec.schema().names()) + ")");
            lines.add("FROM " + url);
            lines.add(auth(spec.credentials(), secrets));
            if (spec.selection() == SelectionRule.MANIFEST) {
                lines.add("MANIFEST");
            }
            lines.addAll(format(spec, true));
            if (spec.text() != null && spec.text().header()) {
                lines.add("IGNOREHEADER 1");
            }
            if (spec.fillMissingFields()) {
                lines.add("FILLRECORD");
            }
            if (spec.rejectLimit() != null) {
                lines.add("MAXERROR " + spec.rejectLimit().count());
            }
        }
        else {
            if (spec.fillMissingFields()) {
                throw new LadingException("--fill-missing-fields is only for readable tables");
            }
            lines.add("UNLOAD (" + Sql.backslashLiteral(select) + ")");
            lines.add("TO " + url);
            lines.add(auth(spec.credentials(), secrets));
            lines.add("MANIFEST VERBOSE");
            lines.addAll(format(spec, false));
            if (spec.text() != null && spec.text().header()) {
                lines.add("HEADER");
            }
            String maxFileSize = DEFAULT_MAX_FILE_SIZE_MB;
            for (Map.Entry<String, String> option : options) {
                if (option.getKey().equals("maxfilesize")) {
                    maxFileSize = option.getValue();
                }
                else if (option.getKey().equals("parallel")) {
                    lines.add("PARALLEL " + option.getValue().toUpperCase(Locale.ROOT));
                }
            }
            lines.add("MAXFILESIZE " + maxFileSize + " MB");
            if (allowOverwrite) {
                lines.add("ALLOWOVERWRITE");
            }
        }
        if (location.options().region() != null) {
            lines.add("REGION " + Sql.backslashLiteral(location.options().region()));
        }
        return String.join("\n", lines);
    }

    /** FORMAT, control characters, compression and encoding. */
    private static List<String> format(ExternalTableSpec spec, boolean copy) {
        List<String> lines = new ArrayList<>();
        TextOptions t = spec.text();
        switch (spec.format()) {
            case PARQUET -> lines.add("FORMAT AS PARQUET");
            case CSV -> {
                if (!t.escape().equals(t.quote())) {
                    throw new LadingException("redshift: CSV escapes a quote by doubling it; --escape must equal --quote");
                }
                StringBuilder line = new StringBuilder("FORMAT AS CSV");
                if (!t.quote().equals("\"")) {
                    if (!copy) {
                        throw new LadingException("redshift: UNLOAD writes CSV with the '\"' quote only; drop --quote");
                    }
                    line.append(" QUOTE AS ").append(Sql.backslashLiteral(t.quote()));
                }
                if (!t.delimiter().equals(",")) {
                    line.append(" DELIMITER AS ").append(Sql.backslashLiteral(t.delimiter()));
                }
                if (!t.nullString().isEmpty()) {
                    line.append(" NULL AS ").append(Sql.backslashLiteral(t.nullString()));
                }
                lines.add(line.toString());
            }
            case TEXT -> {
                StringBuilder line = new StringBuilder("DELIMITER AS ").append(Sql.backslashLiteral(t.delimiter()))
                        .append(" NULL AS ").append(Sql.backslashLiteral(t.nullString()));
                if (t.escape().equals("\\")) {
                    line.append(" ESCAPE");
                }
                else if (!t.escape().equalsIgnoreCase("OFF")) {
                    throw new LadingException("redshift: TEXT escapes with backslash (ESCAPE) or not at all; --escape must be '\\' or OFF");
                }
                lines.add(line.toString());
            }
        }
        if (spec.compression() == Compression.GZIP) {
            lines.add("GZIP");
        }
        if (t != null && t.encoding() != null) {
            String encoding = t.encoding().toUpperCase(Locale.ROOT).replace("-", "");
            if (!ENCODINGS.contains(encoding)) {
                throw new LadingException("redshift: ENCODING must be UTF8, UTF16, UTF16LE or UTF16BE, not '" + t.encoding() + "'");
            }
            if (!copy) {
                throw new LadingException("redshift: UNLOAD always writes UTF8; drop --encoding");
            }
            lines.add("ENCODING AS " + encoding);
        }
        return lines;
    }

    private static String auth(Credentials c, Secrets secrets) {
        if (c.iamRole() != null) {
            return "IAM_ROLE " + Sql.backslashLiteral(c.iamRole());
        }
        String line = "ACCESS_KEY_ID " + Sql.backslashLiteral(Credentials.show(c.accessKeyId(), "AWS access key id", secrets))
                + " SECRET_ACCESS_KEY " + Sql.backslashLiteral(Credentials.show(c.secretKey(), "AWS secret access key", secrets));
        if (c.sessionToken() != null) {
            line += " SESSION_TOKEN " + Sql.backslashLiteral(Credentials.show(c.sessionToken(), "AWS session token", secrets));
        }
        return line;
    }

    @Override
    public List<String> dropStatements(ExternalTableSpec spec) {
        return List.of();
    }

    /** COPY loads the target directly: there is no external table to select from. */
    @Override
    public String insertSelect(TableName target, TableName source) {
        throw new UnsupportedOperationException("redshift has no external table; COPY loads the target itself");
    }

    @Override
    public String readErrorLog(TableName externalTable) {
        throw new UnsupportedOperationException("redshift keeps rejected rows in stl_load_errors");
    }

    @Override
    public String truncateErrorLog(TableName externalTable) {
        throw new UnsupportedOperationException("redshift keeps rejected rows in stl_load_errors");
    }
}
