package io.lading.unloader;

import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.storage.Location;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Names of one run's files: {@code part-<run>-<generation>-<file>.<ext>}, zero-padded so that the
 * sorted listing is the read order (generation by generation, file 0..N-1), and file {@code i} of
 * every generation lands on segment {@code i mod S}. The run id keeps a new run's names apart from
 * an old run's in the same folder, so {@code --overwrite} never replaces a file it has not yet
 * committed.
 */
public record FileNames(Location folder, String runId, int files, FileFormat format, Compression compression) {
    public FileNames {
        requireNonNull(folder, "folder is null");
        requireNonNull(runId, "runId is null");
        if (files < 1) {
            throw new IllegalArgumentException("files must be positive: " + files);
        }
    }

    /** What every name of this run starts with, e.g. {@code part-20261120T233722123-} (UTC, to the millisecond). */
    public String prefix() {
        return "part-" + runId + "-";
    }

    public String extension() {
        if (format == FileFormat.PARQUET) {
            return ".parquet";
        }
        return "." + format.extension() + compression.suffix();
    }

    public String name(int generation, int file) {
        int width = Math.max(5, Integer.toString(files - 1).length());
        return String.format(Locale.ROOT, "%s%04d-%0" + width + "d%s", prefix(), generation, file, extension());
    }

    public Location location(int generation, int file) {
        return folder.resolve(name(generation, file));
    }
}
