package io.lading.format.text;

import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import static java.util.Objects.requireNonNull;

/**
 * TEXT input that PostgreSQL's COPY cannot read as it is, rewritten on the client into TEXT it reads
 * exactly (docs/load.md, "Redshift UNLOAD output"). Two forms Redshift's UNLOAD writes:
 * <ul>
 *   <li>{@code ESCAPE OFF}: backslashes are data (an UNLOAD without {@code ESCAPE}). PostgreSQL's TEXT
 *       has no such option, so every backslash is doubled, in the data and in the NULL string.</li>
 *   <li>{@code removeQuotes}: every field in double quotes, the quotes in the data escaped
 *       ({@code UNLOAD ... ADDQUOTES ESCAPE}; Redshift COPY's {@code REMOVEQUOTES}). With backslash
 *       escapes a quote that no backslash precedes can only open or close a field: it is dropped.</li>
 * </ul>
 * The rewritten bytes are plain TEXT with backslash escapes: {@link #copyOptions} says how COPY, the
 * binary encoder and the record splitter read them. Only a reader that passes the bytes through
 * Lading can rewrite them: a warehouse's external table cannot.
 */
public record TextRewrite(boolean doubleBackslashes, boolean removeQuotes) {
    public static final TextRewrite NONE = new TextRewrite(false, false);

    /** The rewrite the options and {@code removeQuotes} ask for; refused where no exact one exists. */
    public static TextRewrite of(TextOptions options, boolean removeQuotes) {
        requireNonNull(options, "options is null");
        boolean off = options.format() == FileFormat.TEXT && options.escape().equalsIgnoreCase("OFF");
        if (removeQuotes) {
            if (options.format() != FileFormat.TEXT) {
                throw new LadingException("--remove-quotes is for TEXT files (UNLOAD ... ADDQUOTES ESCAPE); CSV removes its quotes itself");
            }
            if (off) {
                throw new LadingException("--remove-quotes needs backslash escapes (UNLOAD ... ADDQUOTES ESCAPE); for ADDQUOTES"
                        + " without ESCAPE use --format csv --delimiter '|'");
            }
        }
        return new TextRewrite(off, removeQuotes);
    }

    public boolean rewrites() {
        return doubleBackslashes || removeQuotes;
    }

    /** How the rewritten bytes are read: backslash escapes, the NULL string as it now appears. */
    public TextOptions copyOptions(TextOptions options) {
        if (!doubleBackslashes) {
            return options;
        }
        return new TextOptions(options.format(), options.delimiter(), options.nullString().replace("\\", "\\\\"), options.quote(),
                "\\", options.header(), options.forceQuote(), options.encoding(), options.newline());
    }

    /** The input rewritten; as it is without a rewrite. */
    public InputStream apply(InputStream in) {
        return rewrites() ? new Rewriting(in, doubleBackslashes, removeQuotes) : in;
    }

    private static final class Rewriting extends FilterInputStream {
        private final boolean doubleBackslashes;
        private final boolean removeQuotes;
        private final byte[] raw = new byte[1 << 15];
        private final byte[] out = new byte[2 << 15];
        private int pos;
        private int limit;
        /** removeQuotes: the previous byte was an escaping backslash, so this one is data. */
        private boolean escaped;

        Rewriting(InputStream in, boolean doubleBackslashes, boolean removeQuotes) {
            super(in);
            this.doubleBackslashes = doubleBackslashes;
            this.removeQuotes = removeQuotes;
        }

        @Override
        public int read() throws IOException {
            while (pos == limit) {
                if (!fill()) {
                    return -1;
                }
            }
            return out[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == limit) {
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(out, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() throws IOException {
            int n = in.read(raw, 0, raw.length);
            if (n < 0) {
                return false;
            }
            int w = 0;
            for (int i = 0; i < n; i++) {
                byte c = raw[i];
                if (doubleBackslashes) {
                    if (c == '\\') {
                        out[w++] = '\\';
                    }
                    out[w++] = c;
                }
                else if (escaped) {
                    escaped = false;
                    out[w++] = c;
                }
                else if (c == '\\') {
                    escaped = true;
                    out[w++] = c;
                }
                else if (c != '"' || !removeQuotes) {
                    out[w++] = c;
                }
            }
            pos = 0;
            limit = w;
            return true;
        }

        @Override
        public int available() {
            return limit - pos;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
