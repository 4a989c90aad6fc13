package io.lading.storage.multipart;

import io.lading.storage.Location;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the S3 and OSS stores do alike, whatever their SDK. */
public final class RemoteStores {
    /** Both S3's and OSS's batch delete take at most 1,000 keys of one bucket. */
    public static final int MAX_DELETE_BATCH = 1000;

    private RemoteStores() {
    }

    /** The locations to delete, grouped by bucket in batches of at most 1,000; folder keys dropped. */
    public static List<List<Location>> deleteBatches(Collection<Location> locations) {
        Map<String, List<Location>> byBucket = new LinkedHashMap<>();
        for (Location location : locations) {
            if (!location.isFolder()) {
                byBucket.computeIfAbsent(location.bucket(), b -> new ArrayList<>()).add(location);
            }
        }
        List<List<Location>> batches = new ArrayList<>();
        for (List<Location> all : byBucket.values()) {
            for (int from = 0; from < all.size(); from += MAX_DELETE_BATCH) {
                batches.add(all.subList(from, Math.min(all.size(), from + MAX_DELETE_BATCH)));
            }
        }
        return batches;
    }

    /** An ETag without the quotes the HTTP header carries. */
    public static String unquote(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }
}
