package io.lading.transfer;

import io.lading.format.Manifest;
import io.lading.storage.Location;

/**
 * What a rebalancing transfer did: {@code inputs} objects read ({@code bytesRead} as stored),
 * {@code outputs} files written ({@code bytesWritten} compressed; {@code rawBytes} each file's
 * uncompressed bytes, in file order), {@code records} in all, files whose ETag was checked
 * ({@code verified}) or only their size ({@code sizeOnly}), and the manifest written.
 */
public record RebalanceResult(long inputs, long outputs, long records, long bytesRead, long bytesWritten, long[] rawBytes,
        long verified, long sizeOnly, Location manifestLocation, Manifest manifest, double seconds) {
}
