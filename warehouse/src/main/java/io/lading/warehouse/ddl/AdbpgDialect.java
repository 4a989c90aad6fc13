package io.lading.warehouse.ddl;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.storage.Location;
import io.lading.storage.SelectionRule;
import io.lading.warehouse.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AnalyticDB for PostgreSQL 6, {@code oss_ext}: {@code LOCATION('oss://<endpoint> prefix=|dir=|filepath=
 * id= key= bucket= [compressiontype=] [options]')}, the keys inside the LOCATION string.
 */
final class AdbpgDialect implements ExternalTableDialect {
    static final String NAME = "adbpg";

    /** In the order they are written; ranges from the AnalyticDB documentation. */
    private static final List<TuningOption> OPTIONS = List.of(
            TuningOption.words("async", Set.of("true", "false"), true, false),
            TuningOption.range("compressionlevel", 1, 9, true, true),
            TuningOption.range("oss_flush_block_size", 1, 128, false, true),
            TuningOption.range("oss_file_max_size", 8, 4000, false, true),
            TuningOption.range("num_parallel_worker", 1, 8, false, true),
            TuningOption.range("oss_connect_timeout", 1, Integer.MAX_VALUE, true, true),
            TuningOption.range("oss_dns_cache_timeout", 1, Integer.MAX_VALUE, true, true),
            TuningOption.range("oss_speed_limit", 1, Integer.MAX_VALUE, true, true),
            TuningOption.range("oss_speed_time", 1, Integer.MAX_VALUE, true, true));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> setupStatements() {
        return List.of("CREATE EXTENSION IF NOT EXISTS oss_ext");
    }

    @Override
    public List<String> createStatements(ExternalTableSpec spec, Secrets secrets) {
        if (spec.location().scheme() != Location.Scheme.OSS) {
            throw new LadingException("adbpg reads and writes OSS only; use an oss:// location, not " + spec.location());
        }
        if (spec.selection() == SelectionRule.MANIFEST) {
            throw new LadingException("adbpg: oss_ext has no manifest selection; use --match prefix, dir or filepath");
        }
        List<Map.Entry<String, String>> options = TuningOption.checkAll(NAME, spec, OPTIONS);
        if (spec.options().containsKey("compressionlevel") && spec.compression() != Compression.GZIP) {
            throw new LadingException("adbpg: compressionlevel needs --compression gzip");
        }
        String endpoint = spec.location().options().endpoint();
        if (endpoint == null || endpoint.isBlank()) {
            throw new LadingException("adbpg needs the OSS endpoint: --endpoint oss-cn-hangzhou.aliyuncs.com or ?endpoint= on the location");
        }
        Credentials c = spec.credentials();
        List<String> parts = new ArrayList<>();
        parts.add("oss://" + GpFormat.locationValue(NAME, "endpoint", GpFormat.hostOf(endpoint)));
        parts.add(spec.selection().optionName() + "=" + GpFormat.locationValue(NAME, spec.selection().optionName(), spec.location().key()));
        parts.add("id=" + GpFormat.locationValue(NAME, "the OSS AccessKey ID", Credentials.show(c.accessKeyId(), "OSS AccessKey ID", secrets), true));
        parts.add("key=" + GpFormat.locationValue(NAME, "the OSS AccessKey secret", Credentials.show(c.secretKey(), "OSS AccessKey secret", secrets), true));
        parts.add("bucket=" + GpFormat.locationValue(NAME, "bucket", spec.location().bucket()));
        if (spec.compression() != null) {
            parts.add("compressiontype=" + (spec.compression() == Compression.GZIP ? "gzip" : "none"));
        }
        for (Map.Entry<String, String> option : options) {
            parts.add(option.getKey() + "=" + option.getValue());
        }
        List<String> lines = new ArrayList<>();
        lines.add(GpFormat.createHead(spec));
        lines.add("LOCATION (" + Sql.literal(String.join(" ", parts)) + ")");
        lines.addAll(GpFormat.tail(NAME, spec));
        return List.of(String.join("\n", lines));
    }

    @Override
    public List<String> dropStatements(ExternalTableSpec spec) {
        return List.of("DROP EXTERNAL TABLE IF EXISTS " + spec.name().sql());
    }
}
