package io.lading.transfer;

import io.lading.storage.Location;
import io.lading.storage.ObjectInfo;

import static java.util.Objects.requireNonNull;

/**
 * One object to transfer: the source as listed, where it goes, and what the source manifest says of
 * it ({@code recordCount} -1 when unknown; {@code mandatory} false without a manifest).
 */
public record TransferItem(ObjectInfo source, Location target, long recordCount, boolean mandatory) {
    public TransferItem {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        if (target.isFolder()) {
            throw new IllegalArgumentException("target is a folder: " + target);
        }
    }
}
