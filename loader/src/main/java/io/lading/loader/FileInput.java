package io.lading.loader;

import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.storage.ObjectStore;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens an object for loading: gzip detected by its magic bytes, never by the name alone. */
final class FileInput {
    private static final int BUFFER = 1 << 16;

    private FileInput() {
    }

    /** The decompressed bytes of the object. Read errors of a corrupt gzip name the object and offset. */
    static InputStream open(ObjectStore store, LoadFile file) throws IOException {
        InputStream raw = new BufferedInputStream(store.open(file.object().location()), BUFFER);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            CountingInputStream counted = new CountingInputStream(raw);
            return new GzipErrors(new GZIPInputStream(counted, BUFFER), counted, file.uri());
        }
        return raw;
    }

    /** The format named by the extension (before any {@code .gz}), or by Parquet's magic bytes. */
    static FileFormat detectFormat(ObjectStore store, LoadFile file) throws IOException {
        String name = file.object().location().fileName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv")) {
            return FileFormat.CSV;
        }
        if (name.endsWith(".txt") || name.endsWith(".tsv") || name.endsWith(".text") || name.endsWith(".tbl")) {
            return FileFormat.TEXT;
        }
        if (name.endsWith(".parquet")) {
            return FileFormat.PARQUET;
        }
        try (InputStream in = store.open(file.object().location(), 0, 4)) {
            if (new String(in.readNBytes(4), java.nio.charset.StandardCharsets.ISO_8859_1).equals("PAR1")) {
                return FileFormat.PARQUET;
            }
        }
        throw new LadingException("cannot tell the format of " + file.uri()
                + " from its name (.csv, .txt, .parquet, optionally .gz); pass --format text|csv|parquet");
    }

    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Turns the JDK's bare gzip errors into one line naming the object and the compressed offset. */
    private static final class GzipErrors extends FilterInputStream {
        private final CountingInputStream compressed;
        private final String uri;

        GzipErrors(InputStream in, CountingInputStream compressed, String uri) {
            super(in);
            this.compressed = compressed;
            this.uri = uri;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            }
            catch (ZipException | EOFException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            }
            catch (ZipException | EOFException e) {
                throw corrupt(e);
            }
        }

        private LadingException corrupt(IOException e) {
            String why = e instanceof EOFException ? "the gzip stream ends early" : e.getMessage();
            return new LadingException("corrupt gzip in " + uri + " near compressed byte offset " + compressed.count()
                    + ": " + why, e);
        }
    }
}
