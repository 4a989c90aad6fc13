package io.lading.unloader;

import io.lading.common.LadingException;
import io.lading.format.Compression;
import io.lading.format.FileFormat;
import io.lading.format.parquet.ParquetWriteOptions;
import io.lading.storage.Location;
import io.lading.storage.ObjectStore;
import io.lading.storage.ObjectWrite;
import io.lading.storage.StorageException;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/** Opens the files of a plan: an uncommitted upload under the file's name, and the encoder of its format. */
final class FileSinks {
    private final UnloadPlan plan;
    private final ObjectStore store;
    private final ParquetWriteOptions parquetOptions;

    FileSinks(UnloadPlan plan, ObjectStore store) {
        this.plan = requireNonNull(plan, "plan is null");
        this.store = requireNonNull(store, "store is null");
        UnloadRequest request = plan.request();
        // all N files of a generation are open at once: their row groups share half the heap
        this.parquetOptions = request.format() == FileFormat.PARQUET
                ? ParquetWriteOptions.forOpenWriters(request.compression(), request.files()) : null;
    }

    /** File {@code file} of {@code generation}; a failure leaves no upload behind. */
    FileSink open(int generation, int file) {
        UnloadRequest request = plan.request();
        Location location = plan.names().location(generation, file);
        // files may pass the limit by about a chunk; the hint only sizes S3/OSS parts
        ObjectWrite write = store.create(location, Math.max(request.maxFileSize() * 2, 64L << 20));
        try {
            if (request.format() == FileFormat.PARQUET) {
                return new ParquetFileSink(location, generation, file, write, plan.schema(), parquetOptions);
            }
            int level = request.compression() == Compression.GZIP ? request.gzipLevel() : 0;
            return new TextFileSink(location, generation, file, write, level, plan.header());
        }
        catch (IOException | RuntimeException e) {
            write.abort();
            throw writeFailure(location, e);
        }
    }

    /** A store's or Lading's own error as it is; anything else named with the file. */
    static RuntimeException writeFailure(Location location, Exception e) {
        if (e instanceof StorageException || e instanceof LadingException) {
            return (RuntimeException) e;
        }
        return new LadingException("writing " + location + " failed: " + e.getMessage(), e);
    }
}
