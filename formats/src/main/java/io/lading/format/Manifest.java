package io.lading.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lading.common.LadingException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The bill of lading: which files hold how many rows, in Redshift's {@code MANIFEST VERBOSE} JSON
 * ({@code entries[].url}, {@code mandatory}, {@code meta.content_length}, {@code meta.record_count},
 * {@code schema.elements[]}, {@code meta} totals). {@code schema} is null when the manifest has none.
 * {@code runId} ({@code meta.run_id}, Lading's own field) names the run of the export that wrote the
 * files; null in manifests written by other tools or older Lading.
 */
public record Manifest(List<Entry> entries, TableSchema schema, String runId) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One file; {@code contentLength} and {@code recordCount} are -1 when the manifest omits them. */
    public record Entry(String url, boolean mandatory, long contentLength, long recordCount) {
        public Entry {
            requireNonNull(url, "url is null");
        }
    }

    public Manifest {
        requireNonNull(entries, "entries is null");
        entries = List.copyOf(entries);
        if (runId != null && runId.isBlank()) {
            throw new IllegalArgumentException("runId is blank");
        }
    }

    /** A manifest that names no run. */
    public Manifest(List<Entry> entries, TableSchema schema) {
        this(entries, schema, null);
    }

    public long totalRecords() {
        return entries.stream().mapToLong(e -> Math.max(0, e.recordCount())).sum();
    }

    public long totalBytes() {
        return entries.stream().mapToLong(e -> Math.max(0, e.contentLength())).sum();
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("entries");
        for (Entry e : entries) {
            ObjectNode node = list.addObject();
            node.put("url", e.url());
            node.put("mandatory", e.mandatory());
            ObjectNode meta = node.putObject("meta");
            if (e.contentLength() >= 0) {
                meta.put("content_length", e.contentLength());
            }
            if (e.recordCount() >= 0) {
                meta.put("record_count", e.recordCount());
            }
        }
        if (schema != null) {
            ArrayNode elements = root.putObject("schema").putArray("elements");
            for (Column c : schema.columns()) {
                ObjectNode element = elements.addObject();
                element.put("name", c.name());
                element.putObject("type").put("base", c.pgType());
            }
        }
        ObjectNode meta = root.putObject("meta");
        meta.put("content_length", totalBytes());
        meta.put("record_count", totalRecords());
        if (runId != null) {
            meta.put("run_id", runId);
        }
        try {
            return JSON.writeValueAsBytes(root);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a manifest; {@code source} names it in the error a malformed one gives. */
    public static Manifest parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        }
        catch (IOException e) {
            throw new LadingException("manifest " + source + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.path("entries").isArray()) {
            throw new LadingException("manifest " + source + " has no \"entries\" array; expected Redshift manifest JSON");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : root.get("entries")) {
            JsonNode url = node.get("url");
            if (url == null || !url.isTextual()) {
                throw new LadingException("manifest " + source + " has an entry without a \"url\"");
            }
            JsonNode meta = node.path("meta");
            entries.add(new Entry(url.asText(), node.path("mandatory").asBoolean(false),
                    meta.path("content_length").asLong(-1), meta.path("record_count").asLong(-1)));
        }
        TableSchema schema = null;
        JsonNode elements = root.path("schema").path("elements");
        if (elements.isArray() && !elements.isEmpty()) {
            List<Column> columns = new ArrayList<>();
            for (JsonNode element : elements) {
                columns.add(new Column(element.path("name").asText(), element.path("type").path("base").asText("text")));
            }
            schema = new TableSchema(columns);
        }
        JsonNode runId = root.path("meta").path("run_id");
        return new Manifest(entries, schema, runId.isTextual() && !runId.asText().isBlank() ? runId.asText() : null);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
