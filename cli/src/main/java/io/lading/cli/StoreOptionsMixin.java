package io.lading.cli;

import io.lading.storage.StoreOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --endpoint}, {@code --region}, {@code --path-style}, {@code --read-timeout}: how to reach the store. */
public final class StoreOptionsMixin {
    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Store endpoint (S3-compatible server or OSS endpoint). Also ?endpoint= on the location.")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION", description = "Store region. Also ?region= on the location.")
    String region;

    @Option(names = "--path-style", description = "Path-style addressing (MinIO, Ceph, S3Proxy). Also ?path_style=true.")
    Boolean pathStyle;

    @Option(names = "--read-timeout", paramLabel = "TIME", converter = TimeConverter.class,
            description = "How long a store connection may go without a byte before Lading drops it and resumes the read"
                    + " (or retries the request) on a new one (default: 30s; e.g. 10s, 500ms, 2m).")
    Duration readTimeout;

    /** Options from flags; a location's own query parameters win over these. */
    public StoreOptions toStoreOptions() {
        return new StoreOptions(endpoint, region, pathStyle, readTimeout);
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or bare seconds. */
    static final class TimeConverter implements ITypeConverter<Duration> {
        private static final Pattern TIME = Pattern.compile("(\\d+)(ms|s|m)?");

        @Override
        public Duration convert(String text) {
            Matcher m = TIME.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (!m.matches() || m.group(1).length() > 9 || Long.parseLong(m.group(1)) == 0) {
                throw new TypeConversionException("'" + text + "' is not a positive time; use e.g. 30s, 500ms or 2m");
            }
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
    }
}
