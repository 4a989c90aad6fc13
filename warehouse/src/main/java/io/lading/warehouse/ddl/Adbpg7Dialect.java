package io.lading.warehouse.ddl;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.warehouse.Sql;
import io.lading.warehouse.TableName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * AnalyticDB for PostgreSQL 7, {@code oss_fdw}: a server (endpoint, bucket), a user mapping that
 * holds the keys, and a foreign table whose OPTIONS name only the selection and the format; the keys
 * never appear in the table's definition. Options: {@code server=NAME} (default
 * {@code <table>_oss_server}), {@code user=NAME} (default {@code CURRENT_USER}).
 */
final class Adbpg7Dialect implements ExternalTableDialect {
    static final String NAME = "adbpg7";

    private static final Set<String> OPTIONS = Set.of("server", "user");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> setupStatements() {
        return List.of("CREATE EXTENSION IF NOT EXISTS oss_fdw");
    }

    @Override
    public List<String> createStatements(ExternalTableSpec spec, Secrets secrets) {
        check(spec);
        String endpoint = spec.location().options().endpoint();
        if (endpoint == null || endpoint.isBlank()) {
            throw new LadingException("adbpg7 needs the OSS endpoint: --endpoint oss-cn-hangzhou-internal.aliyuncs.com or ?endpoint= on the location");
        }
        String server = server(spec).sql();
        Credentials c = spec.credentials();
        List<String> statements = new ArrayList<>();
        statements.add("CREATE SERVER " + server + " FOREIGN DATA WRAPPER oss_fdw OPTIONS (endpoint "
                + Sql.literal(GpFormat.hostOf(endpoint)) + ", bucket " + Sql.literal(spec.location().bucket()) + ")");
        statements.add("CREATE USER MAPPING FOR " + user(spec) + " SERVER " + server + " OPTIONS (id "
                + Sql.literal(Credentials.show(c.accessKeyId(), "OSS AccessKey ID", secrets)) + ", key "
                + Sql.literal(Credentials.show(c.secretKey(), "OSS AccessKey secret", secrets)) + ")");
        List<String> options = new ArrayList<>();
        options.add(spec.selection().optionName() + " " + Sql.literal(spec.location().key()));
        options.add("format " + Sql.literal(spec.format().name().toLowerCase(Locale.ROOT)));
        if (spec.compression() == Compression.GZIP) {
            options.add("filetype 'gzip'");
        }
        TextOptions t = spec.text();
        if (t != null) {
            TextOptions d = TextOptions.defaults(spec.format());
            if (t.header()) {
                options.add("header 'true'");
            }
            if (!t.delimiter().equals(d.delimiter())) {
                options.add("delimiter " + Sql.literal(t.delimiter()));
            }
            if (spec.format() == FileFormat.CSV && !t.quote().equals(d.quote())) {
                options.add("quote " + Sql.literal(t.quote()));
            }
            String defaultEscape = spec.format() == FileFormat.CSV ? t.quote() : d.escape();
            if (!t.escape().equals(defaultEscape)) {
                options.add("escape " + Sql.literal(t.escape()));
            }
            if (!t.nullString().equals(d.nullString())) {
                options.add("null " + Sql.literal(t.nullString()));
            }
            if (t.encoding() != null) {
                options.add("encoding " + Sql.literal(t.encoding()));
            }
        }
        if (spec.rejectLimit() != null) {
            if (spec.logErrors()) {
                options.add("log_errors 'true'");
            }
            options.add("segment_reject_limit " + Sql.literal(Long.toString(spec.rejectLimit().count())));
        }
        statements.add("CREATE FOREIGN TABLE " + spec.name().sql() + " " + GpFormat.columns(spec) + "\nSERVER " + server
                + "\nOPTIONS (" + String.join(", ", options) + ")");
        return statements;
    }

    private static void check(ExternalTableSpec spec) {
        if (spec.location().scheme() != Location.Scheme.OSS) {
            throw new LadingException("adbpg7 reads and writes OSS only; use an oss:// location, not " + spec.location());
        }
        for (String key : spec.options().keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new LadingException("unknown --option '" + key + "' for dialect adbpg7; known: server, user");
            }
        }
        if (spec.selection() != SelectionRule.PREFIX && spec.selection() != SelectionRule.DIR) {
            throw new LadingException("adbpg7: oss_fdw selects by prefix or dir, not " + spec.selection().optionName());
        }
        if (spec.rejectLimit() != null && spec.rejectLimit().percent()) {
            throw new LadingException("adbpg7: segment_reject_limit counts rows; give --reject-limit as a number of rows");
        }
        if (spec.rejectLimit() != null) {
            GpFormat.checkSegmentRejectLimit(spec.rejectLimit());
        }
        if (spec.errorTable() != null) {
            throw new LadingException("adbpg7: oss_fdw keeps rejected rows in its own error log; use --log-errors without a table");
        }
        if (spec.distribution() != null) {
            throw new LadingException("adbpg7: a foreign table has no distribution; drop --distributed-by/--distributed-randomly");
        }
        if (spec.fillMissingFields() || !spec.forceNotNull().isEmpty()
                || (spec.text() != null && (spec.text().newline() != null || !spec.text().forceQuote().isEmpty()))) {
            throw new LadingException("adbpg7: oss_fdw has no FILL MISSING FIELDS, FORCE NOT NULL, FORCE QUOTE or NEWLINE option");
        }
        if (spec.format() == FileFormat.PARQUET && spec.compression() != null && spec.compression() != Compression.NONE) {
            throw new LadingException("adbpg7: Parquet files carry their own compression; drop --compression");
        }
    }

    /** {@code <table>_oss_server} next to the table, or {@code --option server=NAME}. */
    static TableName server(ExternalTableSpec spec) {
        String name = spec.options().get("server");
        if (name == null) {
            name = spec.name().name() + "_oss_server";
            if (name.getBytes(StandardCharsets.UTF_8).length > 63) {
                throw new LadingException("adbpg7: server name '" + name + "' is longer than 63 bytes; name one with --option server=NAME");
            }
        }
        return new TableName(null, name);
    }

    private static String user(ExternalTableSpec spec) {
        String user = spec.options().get("user");
        return user == null ? "CURRENT_USER" : Sql.ident(user);
    }

    @Override
    public List<String> dropStatements(ExternalTableSpec spec) {
        String server = server(spec).sql();
        return List.of(
                "DROP FOREIGN TABLE IF EXISTS " + spec.name().sql(),
                "DROP USER MAPPING IF EXISTS FOR " + user(spec) + " SERVER " + server,
                "DROP SERVER IF EXISTS " + server);
    }
}
