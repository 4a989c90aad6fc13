package io.lading.unloader;

import io.lading.format.Manifest;
import io.lading.storage.Location;

/**
 * A committed unload: the manifest as written, where it is, and the figures for the summary.
 *
 * @param rawBytes bytes read from the database (TEXT/CSV as rendered, or COPY BINARY)
 * @param compressedBytes bytes of all files as stored
 */
public record UnloadResult(Manifest manifest, Location manifestLocation, long rows, long rawBytes, long compressedBytes,
        int files, int generations, double seconds) {
}
