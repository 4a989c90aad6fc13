package io.lading.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes files as Redshift's {@code UNLOAD ... MANIFEST VERBOSE} documents them, for the tests:
 * {@code <prefix><slice>_part_<nn>[.gz|.bz2|.zst]} and the manifest {@code <prefix>manifest}.
 * Rows are {@code String[]}, null for NULL. The text forms follow the UNLOAD reference: pipe-delimited
 * TEXT, NULL as the NULL AS string (empty by default); with ESCAPE a backslash before the delimiter,
 * LF, CR, backslash and (with ADDQUOTES) both quote characters; ADDQUOTES puts every non-NULL field in
 * double quotes; FORMAT CSV quotes as CSV does, NULL as an unquoted empty field. Compressed files
 * are written as two streams/members/frames, as pbzip2-style writers do.
 */
final class RedshiftUnloadFiles {
    enum Form { TEXT, TEXT_ESCAPE, ADDQUOTES, ADDQUOTES_ESCAPE, CSV, CSV_HEADER }

    enum Codec {
        NONE(""), GZIP(".gz"), BZIP2(".bz2"), ZSTD(".zst");

        final String suffix;

        Codec(String suffix) {
            this.suffix = suffix;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RedshiftUnloadFiles() {
    }

    /** One record as the form renders it, with its LF. */
    static String record(Form form, String nullAs, List<String> names, String[] row) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                s.append(form == Form.CSV || form == Form.CSV_HEADER ? ',' : '|');
            }
            String v = row[i];
            switch (form) {
                case TEXT -> s.append(v == null ? nullAs : v);
                case TEXT_ESCAPE -> s.append(v == null ? nullAs : escape(v, false));
                case ADDQUOTES -> s.append(v == null ? nullAs : '"' + v + '"');
                case ADDQUOTES_ESCAPE -> s.append(v == null ? nullAs : '"' + escape(v, true) + '"');
                case CSV, CSV_HEADER -> {
                    if (v != null) {
                        boolean quote = v.isEmpty() || v.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
                        s.append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
                    }
                }
            }
        }
        return s.append('\n').toString();
    }

    private static String escape(String v, boolean quotes) {
        StringBuilder s = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c == '\\' || c == '|' || c == '\n' || c == '\r' || quotes && (c == '"' || c == '\'')) {
                s.append('\\');
            }
            s.append(c);
        }
        return s.toString();
    }

    /**
     * Writes the rows dealt over {@code slices} files into {@code folder} under {@code prefix}, and the
     * manifest; returns the manifest's path. {@code urlBase} is what the manifest's URLs start with
     * (the folder's URI, ending in '/').
     */
    static Path write(Path folder, String urlBase, String prefix, Form form, Codec codec, String nullAs, List<String> names,
            List<String[]> rows, int slices) throws IOException {
        Files.createDirectories(folder);
        List<StringBuilder> texts = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            texts.add(new StringBuilder(form == Form.CSV_HEADER ? String.join(",", names) + "\n" : ""));
            counts.add(0);
        }
        for (int r = 0; r < rows.size(); r++) {
            texts.get(r % slices).append(record(form, nullAs, names, rows.get(r)));
            counts.set(r % slices, counts.get(r % slices) + 1);
        }
        ObjectNode manifest = JSON.createObjectNode();
        ArrayNode entries = manifest.putArray("entries");
        long total = 0;
        for (int i = 0; i < slices; i++) {
            String name = String.format("%s%04d_part_00%s", prefix, i, codec.suffix);
            byte[] bytes = compress(codec, texts.get(i).toString().getBytes(StandardCharsets.UTF_8));
            Files.write(folder.resolve(name), bytes);
            ObjectNode entry = entries.addObject();
            entry.put("url", urlBase + name);
            entry.putObject("meta").put("content_length", bytes.length).put("record_count", counts.get(i));
            total += bytes.length;
        }
        ArrayNode elements = manifest.putObject("schema").putArray("elements");
        for (String n : names) {
            ObjectNode e = elements.addObject();
            e.put("name", n);
            e.putObject("type").put("base", "character varying").put("max_length", 256);
        }
        manifest.putObject("meta").put("content_length", total).put("record_count", rows.size());
        Path path = folder.resolve(prefix + "manifest");
        Files.write(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        return path;
    }

    /** Two streams (members, frames) when the data has more than one byte: each must be read. */
    static byte[] compress(Codec codec, byte[] data) throws IOException {
        if (codec == Codec.NONE) {
            return data;
        }
        int half = data.length / 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(one(codec, data, 0, half));
        out.write(one(codec, data, half, data.length - half));
        return out.toByteArray();
    }

    private static byte[] one(Codec codec, byte[] data, int off, int len) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = switch (codec) {
            case GZIP -> new GZIPOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case ZSTD -> new ZstdOutputStream(out);
            case NONE -> throw new IllegalArgumentException("no codec");
        }) {
            c.write(data, off, len);
        }
        return out.toByteArray();
    }
}
