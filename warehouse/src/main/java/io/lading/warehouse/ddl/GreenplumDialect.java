package io.lading.warehouse.ddl;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.storage.StoreOptions;
import io.lading.warehouse.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Greenplum's gpcloud {@code s3} protocol: {@code LOCATION('s3://<host[:port]>/<bucket>/<prefix>
 * config=<path> [region=<r>]')}. The keys live in {@code s3.conf} on every segment host (see
 * {@link #s3Config}), never in the DDL. gpcloud selects by raw key prefix only.
 *
 * <p>Options: {@code config=PATH} (required: where s3.conf is on the segment hosts) and the
 * s3.conf settings {@code threadnum} (1-8), {@code chunksize} (bytes, 8 MiB-128 MiB),
 * {@code low_speed_limit}, {@code low_speed_time}, {@code verifycert}, {@code loglevel}.
 */
public final class GreenplumDialect implements ExternalTableDialect {
    static final String NAME = "greenplum";
    static final String CONFIG = "config";
    /** Where gpcloud looks for s3.conf when the LOCATION has no {@code config=}: relative to each segment's data directory. */
    public static final String DEFAULT_CONFIG = "s3/s3.conf";
    static final String DEFAULT_COMPATIBLE_REGION = "us-east-1";

    private static final List<TuningOption> S3_CONF = List.of(
            TuningOption.range("threadnum", 1, 8, true, true),
            TuningOption.range("chunksize", 8L << 20, 128L << 20, true, true),
            TuningOption.range("low_speed_limit", 0, Integer.MAX_VALUE, true, true),
            TuningOption.range("low_speed_time", 0, Integer.MAX_VALUE, true, true),
            TuningOption.words("verifycert", Set.of("true", "false"), true, true),
            TuningOption.words("loglevel", Set.of("error", "warning", "info", "debug"), true, true));

    @Override
    public String name() {
        return NAME;
    }

    /** gpcloud lists the prefix and reads all it finds: deeper folders, manifests, other runs' files. */
    @Override
    public boolean readsRawPrefix() {
        return true;
    }

    /** gpcloud's functions and protocol, as its documentation sets them up once per database. */
    @Override
    public List<String> setupStatements() {
        return List.of(
                "CREATE OR REPLACE FUNCTION write_to_s3() RETURNS integer AS '$libdir/gpcloud.so', 's3_export' LANGUAGE C STABLE",
                "CREATE OR REPLACE FUNCTION read_from_s3() RETURNS integer AS '$libdir/gpcloud.so', 's3_import' LANGUAGE C STABLE",
                "CREATE PROTOCOL s3 (writefunc = write_to_s3, readfunc = read_from_s3)");
    }

    @Override
    public List<String> createStatements(ExternalTableSpec spec, Secrets secrets) {
        Endpoint endpoint = check(spec);
        TuningOption.checkAll(NAME, spec, S3_CONF, Set.of(CONFIG));
        String config = spec.options().get(CONFIG);
        if (config != null && config.isBlank()) {
            throw new LadingException("greenplum: --s3-config is empty; give the path of s3.conf on every segment host, or leave it out"
                    + " for gpcloud's default " + DEFAULT_CONFIG + " in each segment's data directory");
        }
        StringBuilder location = new StringBuilder("s3://")
                .append(GpFormat.locationValue(NAME, "endpoint", endpoint.host()))
                .append('/').append(spec.location().bucket())
                .append('/').append(spec.location().key().isEmpty() ? "" : GpFormat.locationValue(NAME, "prefix", spec.location().key()));
        if (config != null) {
            location.append(" config=").append(GpFormat.locationValue(NAME, "config path", config));
        }
        if (endpoint.region() != null) {
            location.append(" region=").append(GpFormat.locationValue(NAME, "region", endpoint.region()));
        }
        List<String> lines = new ArrayList<>();
        lines.add(GpFormat.createHead(spec));
        lines.add("LOCATION (" + Sql.literal(location.toString()) + ")");
        lines.addAll(GpFormat.tail(NAME, spec));
        return List.of(String.join("\n", lines));
    }

    @Override
    public List<String> dropStatements(ExternalTableSpec spec) {
        return List.of("DROP EXTERNAL TABLE IF EXISTS " + spec.name().sql());
    }

    /**
     * The {@code s3.conf} the table's {@code config=} path (or {@link #DEFAULT_CONFIG}) must hold on every segment host:
     * {@code [default]} with accessid, secret, token (when set), threadnum, chunksize, encryption
     * ({@code false} for an http endpoint), {@code version = 2} for an S3-compatible (non-AWS)
     * endpoint, autocompress (gzip on write unless {@code --compression none}).
     */
    public static String s3Config(ExternalTableSpec spec, Secrets secrets) {
        Endpoint endpoint = check(spec);
        List<Map.Entry<String, String>> tuning = TuningOption.checkAll(NAME, spec, S3_CONF, Set.of(CONFIG));
        Credentials c = spec.credentials();
        StringBuilder out = new StringBuilder("[default]\n");
        out.append("accessid = ").append(confValue("accessid", Credentials.show(c.accessKeyId(), "AWS access key id", secrets))).append('\n');
        out.append("secret = ").append(confValue("secret", Credentials.show(c.secretKey(), "AWS secret access key", secrets))).append('\n');
        if (c.sessionToken() != null) {
            out.append("token = ").append(confValue("token", Credentials.show(c.sessionToken(), "AWS session token", secrets))).append('\n');
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("threadnum", "4");
        values.put("chunksize", Long.toString(64L << 20));
        for (Map.Entry<String, String> e : tuning) {
            values.put(e.getKey(), e.getValue());
        }
        values.put("encryption", endpoint.https() ? "true" : "false");
        if (endpoint.compatible()) {
            values.put("version", "2");
        }
        values.put("autocompress", spec.compression() == Compression.NONE ? "false" : "true");
        values.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        return out.toString();
    }

    private static String confValue(String what, String value) {
        if (value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new LadingException("greenplum: the " + what + " contains a quote or a line break, which s3.conf cannot hold");
        }
        return '"' + value + '"';
    }

    /** Where gpcloud connects: host[:port], https or not, AWS or S3-compatible, and the region to name. */
    record Endpoint(String host, boolean https, boolean compatible, String region) {
    }

    /** Where the table's s3.conf must be, as a person reads it: {@code /path on every segment host}, or gpcloud's default. */
    public static String configPlace(ExternalTableSpec spec) {
        String config = spec.options().get(CONFIG);
        return config != null ? config + " on every segment host" : DEFAULT_CONFIG + " in every segment's data directory";
    }

    private static Endpoint check(ExternalTableSpec spec) {
        Location location = spec.location();
        if (location.scheme() == Location.Scheme.FILE) {
            throw new LadingException("greenplum reads and writes S3 or an S3-compatible store; use an s3:// location, not " + location);
        }
        if (spec.selection() != SelectionRule.PREFIX) {
            throw new LadingException("greenplum: gpcloud selects by raw key prefix only; use --match prefix, not "
                    + spec.selection().optionName());
        }
        if (spec.errorTable() != null) {
            throw new LadingException("greenplum: LOG ERRORS INTO a table is gone since Greenplum 5; use --log-errors and gp_read_error_log");
        }
        StoreOptions options = location.options();
        String endpoint = options.endpoint();
        String region = options.region();
        if (endpoint == null || endpoint.isBlank()) {
            if (location.scheme() == Location.Scheme.OSS) {
                throw new LadingException("greenplum reaches OSS through its S3-compatible endpoint: give --endpoint");
            }
            return new Endpoint(region == null ? "s3.amazonaws.com" : "s3." + region + ".amazonaws.com", true, false, region);
        }
        boolean https = !endpoint.regionMatches(true, 0, "http://", 0, 7);
        String host = GpFormat.hostOf(endpoint);
        boolean compatible = !host.toLowerCase(java.util.Locale.ROOT).endsWith("amazonaws.com");
        if (compatible && region == null) {
            region = DEFAULT_COMPATIBLE_REGION;
        }
        return new Endpoint(host, https, compatible, region);
    }
}
