package io.lading.transfer;

import io.lading.storage.Location;

/**
 * What a transfer did: objects selected, how many moved through this process ({@code streamed}),
 * how many the store copied itself ({@code copiedInStore}), how many were already there
 * ({@code skipped}); bytes streamed, rows per the manifest, retried attempts, objects whose
 * destination checksum matched ({@code verified}) or that only the size could check
 * ({@code sizeOnly}), and the manifest written (null without one).
 */
public record TransferResult(long objects, long streamed, long copiedInStore, long skipped, long bytes, long records,
        long retries, long verified, long sizeOnly, Location manifest, double seconds) {
}
