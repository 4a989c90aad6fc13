package io.lading.loader;

import java.time.Duration;
import java.util.List;

/**
 * What a load did. {@code filesBinary} of the loaded files went as binary COPY (encoded on this
 * side), the others as text. {@code rejects} holds every rejected row of the load (they are few:
 * the reject limit bounds them); {@code manifestRecords} is -1 without a manifest.
 */
public record LoadResult(
        String target,
        int filesSelected,
        int filesLoaded,
        int filesSkipped,
        int filesBinary,
        long rows,
        long bytes,
        List<Reject> rejects,
        long manifestRecords,
        Duration elapsed) {
    public LoadResult {
        rejects = List.copyOf(rejects);
    }
}
