package io.lading.cli;

import io.lading.storage.StoreOptions;
import picocli.CommandLine.Option;

/** {@code --endpoint}, {@code --region}, {@code --path-style}: how to reach the store. */
public final class StoreOptionsMixin {
    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Store endpoint (S3-compatible server or OSS endpoint). Also ?endpoint= on the location.")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION", description = "Store region. Also ?region= on the location.")
    String region;

    @Option(names = "--path-style", description = "Path-style addressing (MinIO, Ceph, S3Proxy). Also ?path_style=true.")
    Boolean pathStyle;

    /** Options from flags; a location's own query parameters win over these. */
    public StoreOptions toStoreOptions() {
        return new StoreOptions(endpoint, region, pathStyle);
    }
}
