package io.lading.verifier;

import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.format.FileSelector;
import io.lading.format.Manifest;
import io.lading.format.Sniffer;
import io.lading.format.TextOptions;
import io.lading.format.parquet.ParquetRowReader;
import io.lading.format.text.CopyRecordSplitter;
import io.lading.storage.Location;
import io.lading.storage.ObjectDetails;
import io.lading.storage.ObjectInfo;
import io.lading.storage.ObjectStore;
import io.lading.storage.Selection;
import io.lading.storage.SelectionRule;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.util.Objects.requireNonNull;

/**
 * Checks an unload (or a transfer) against its manifest without a database: every entry exists
 * with the size the manifest gives, decompresses cleanly and holds the records the manifest
 * counts, counted exactly as COPY splits records (quoted newlines in CSV, escaped ones in TEXT;
 * Parquet rows decoded one by one); its bytes give the checksum {@code lading transfer} stored in
 * its user metadata, when it has one; and the folders of the entries hold no data file the manifest
 * does not list, since a load by prefix or dir would read it.
 */
public final class FileVerifier {
    /** What the files were written as: {@code format} null means by each file's name (or Parquet by its magic). */
    public record Options(FileFormat format, TextOptions textOptions, int parallel) {
        public Options {
            if (parallel < 1 || parallel > 64) {
                throw new IllegalArgumentException("parallel must be 1 to 64: " + parallel);
            }
            if (format == FileFormat.PARQUET && textOptions != null) {
                throw new IllegalArgumentException("text options do not apply to parquet");
            }
        }
    }

    /**
     * Files checked, records counted, bytes listed, stored checksums compared with the bytes, and
     * every problem found, one line each.
     */
    public record FilesReport(String manifest, int files, long records, long bytes, int checksums, List<String> problems, double seconds) {
        public FilesReport {
            requireNonNull(manifest, "manifest is null");
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private FileVerifier() {
    }

    /** {@code location}: a manifest, or the folder an unload wrote (its manifest is beside it), as {@code load} reads them. */
    public static FilesReport verify(ObjectStore store, Location location, Options options) {
        long start = System.nanoTime();
        Location manifestLocation = SelectionRule.byName(location) == SelectionRule.MANIFEST ? location : Selection.manifestBeside(location);
        Manifest manifest = read(store, manifestLocation);
        List<Location> files = FileSelector.filesOf(manifestLocation, manifest);
        for (Location file : files) {
            // the folder beside the manifest is listed for extra files: its entries must be in its bucket
            if (!file.bucket().equals(manifestLocation.bucket())) {
                throw new LadingException("manifest " + manifestLocation + " lists " + file
                        + ", which is not in the manifest's bucket; check the files where they are");
            }
        }
        List<String> problems = new ArrayList<>();
        long records = 0;
        long bytes = 0;
        int checksums = 0;
        ExecutorService pool = Executors.newFixedThreadPool(options.parallel(), Threads.daemon("lading-verify-files"));
        try {
            List<Future<FileCheck>> checks = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Location file = files.get(i);
                Manifest.Entry entry = manifest.entries().get(i);
                checks.add(pool.submit(() -> check(store, file, entry, options)));
            }
            for (Future<FileCheck> f : checks) {
                FileCheck check = await(f);
                problems.addAll(check.problems);
                records += check.records;
                bytes += check.bytes;
                checksums += check.checksummed ? 1 : 0;
            }
        }
        finally {
            pool.shutdownNow();
        }
        problems.addAll(extraFiles(store, files));
        return new FilesReport(manifestLocation.toString(), files.size(), records, bytes, checksums, problems,
                (System.nanoTime() - start) / 1e9);
    }

    private record FileCheck(long records, long bytes, boolean checksummed, List<String> problems) {
    }

    private static FileCheck check(ObjectStore store, Location file, Manifest.Entry entry, Options options) {
        List<String> problems = new ArrayList<>();
        Optional<ObjectDetails> details = store.details(file);
        if (details.isEmpty()) {
            problems.add(file + ": missing" + (entry.mandatory() ? "" : " (not mandatory)"));
            return new FileCheck(0, 0, false, problems);
        }
        long size = details.get().info().size();
        StoredChecksum stored = StoredChecksum.of(details.get().metadata());
        StoredChecksum.Digest digest = stored == null ? null : stored.digest();
        if (entry.contentLength() >= 0 && entry.contentLength() != size) {
            problems.add(String.format("%s: %,d bytes, the manifest says %,d", file, size, entry.contentLength()));
        }
        long records = -1;
        try {
            FileFormat format = formatOf(store, file, options);
            records = format == FileFormat.PARQUET ? parquetRows(store, file) : textRecords(store, file, textOptions(format, options), digest);
        }
        catch (IOException | UncheckedIOException | LadingException e) {
            problems.add(file + ": cannot be read: " + firstLine(e.getMessage()));
        }
        if (records >= 0 && entry.recordCount() >= 0 && records != entry.recordCount()) {
            problems.add(String.format("%s: %,d records, the manifest says %,d", file, records, entry.recordCount()));
        }
        if (stored != null) {
            try {
                if (!digest.complete()) {
                    // Parquet is read in ranges, and a damaged text file stops early: read it whole
                    digest = stored.digest();
                    try (InputStream in = digest.wrap(store.open(file))) {
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                }
                stored.problem(file, digest).ifPresent(problems::add);
            }
            catch (IOException | UncheckedIOException e) {
                problems.add(file + ": cannot be read for its stored checksum: " + firstLine(e.getMessage()));
            }
        }
        return new FileCheck(Math.max(records, 0), size, stored != null, problems);
    }

    private static FileFormat formatOf(ObjectStore store, Location file, Options options) throws IOException {
        if (options.format() != null) {
            return options.format();
        }
        Optional<FileFormat> byName = FileFormat.ofFileName(file.fileName());
        if (byName.isPresent()) {
            return byName.get();
        }
        try (InputStream in = store.open(file, 0, Sniffer.HEAD_BYTES)) {
            if (Sniffer.of(in.readNBytes(Sniffer.HEAD_BYTES)) == Sniffer.PARQUET) {
                return FileFormat.PARQUET;
            }
        }
        throw new LadingException("cannot tell the format from the name (.csv, .txt, .parquet, optionally .gz, .bz2 or .zst); pass --format");
    }

    private static TextOptions textOptions(FileFormat format, Options options) {
        TextOptions given = options.textOptions();
        return given != null && given.format() == format ? given : TextOptions.defaults(format);
    }

    /** Records as COPY splits them; a header line is not a record. The stored bytes pass through {@code digest} (when given) on the way. */
    private static long textRecords(ObjectStore store, Location file, TextOptions text, StoredChecksum.Digest digest) throws IOException {
        InputStream raw = digest == null ? store.open(file) : digest.wrap(store.open(file));
        try (InputStream in = Sniffer.decompressed(new BufferedInputStream(raw, 1 << 16), file.toString())) {
            CopyRecordSplitter splitter = new CopyRecordSplitter(in, text);
            long n = 0;
            while (splitter.next() != null) {
                n++;
            }
            if (digest != null) {
                // whatever the decompressor left unread (it fails on trailing bytes it sees) still counts
                raw.transferTo(OutputStream.nullOutputStream());
            }
            return text.header() && n > 0 ? n - 1 : n;
        }
    }

    /** Every row decoded, not the footer's count alone: a damaged page must show. */
    private static long parquetRows(ObjectStore store, Location file) throws IOException {
        try (ParquetRowReader reader = ParquetRowReader.open(store, file)) {
            long n = 0;
            while (reader.next()) {
                n++;
            }
            if (n != reader.rowCount()) {
                throw new LadingException("decoded " + n + " rows, the footer says " + reader.rowCount());
            }
            return n;
        }
    }

    /** Data objects directly in the entries' folders that the manifest does not list. */
    private static List<String> extraFiles(ObjectStore store, List<Location> files) {
        Set<String> listed = new LinkedHashSet<>();
        Set<Location> folders = new LinkedHashSet<>();
        for (Location f : files) {
            listed.add(f.toString());
            String key = f.key();
            folders.add(f.withKey(key.substring(0, key.lastIndexOf('/') + 1)));
        }
        List<String> problems = new ArrayList<>();
        for (Location folder : folders) {
            // the dir selection rule: what a load of the folder reads (no folder markers, no manifests)
            for (ObjectInfo o : new Selection.Dir(folder).resolve(store)) {
                if (!listed.contains(o.location().toString())) {
                    problems.add(o.location() + ": in the folder but not in the manifest (a load by prefix or dir would read it)");
                }
            }
        }
        return problems;
    }

    private static Manifest read(ObjectStore store, Location manifest) {
        if (store.stat(manifest).isEmpty()) {
            throw new LadingException("manifest " + manifest + " does not exist");
        }
        try (InputStream in = store.open(manifest)) {
            return Manifest.parse(in.readAllBytes(), manifest.toString());
        }
        catch (IOException e) {
            throw new LadingException("cannot read manifest " + manifest + ": " + e.getMessage(), e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LadingException("interrupted", e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
