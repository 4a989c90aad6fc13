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
 * files; null in manifests written by other tools or older Lading. {@code recordCount} is the total
 * when the entries carry no counts (a server-side unload's), else -1: the entries' sum.
 */
public record Manifest(List<Entry> entries, TableSchema schema, String runId, long recordCount) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One file; {@code contentLength} and {@code recordCount} are -1 when the manifest omits them. */
    public record Entry(String url, boolean mandatory, long contentLength, long recordCount) {
        public Entry {
            requireNonNull(url, "url is null");
        }
    }

    /**
     * @param recordCount the total for {@code meta.record_count} when the entries carry no counts
     *        (a server-side unload knows only its INSERT's total), or -1: the sum of the entries'
     */
    public Manifest {
        requireNonNull(entries, "entries is null");
        entries = List.copyOf(entries);
        if (runId != null && runId.isBlank()) {
            throw new IllegalArgumentException("runId is blank");
        }
        if (recordCount < -1) {
            throw new IllegalArgumentException("recordCount must be -1 (the entries' sum) or a count: " + recordCount);
        }
    }

    /** A manifest that names no run; the entries' counts are the total. */
    public Manifest(List<Entry> entries, TableSchema schema) {
        this(entries, schema, null, -1);
    }

    /** The entries' counts are the total. */
    public Manifest(List<Entry> entries, TableSchema schema, String runId) {
        this(entries, schema, runId, -1);
    }

    public long totalRecords() {
        return recordCount >= 0 ? recordCount : entries.stream().mapToLong(e -> Math.max(0, e.recordCount())).sum();
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
                columns.add(new Column(element.path("name").asText(), pgType(element.path("type"))));
            }
            schema = new TableSchema(columns);
        }
        JsonNode runId = root.path("meta").path("run_id");
        // entries without counts (a server-side unload's): the total is meta.record_count, when given
        boolean counted = entries.stream().allMatch(e -> e.recordCount() >= 0);
        return new Manifest(entries, schema, runId.isTextual() && !runId.asText().isBlank() ? runId.asText() : null,
                counted ? -1 : Math.max(-1, root.path("meta").path("record_count").asLong(-1)));
    }

    /**
     * A column's type: Lading writes the whole type in {@code base}; Redshift's VERBOSE writes the length
     * and the precision apart ({@code {"base":"character varying","max_length":100}},
     * {@code {"base":"numeric","precision":12,"scale":2}}), folded in here.
     */
    private static String pgType(JsonNode type) {
        String base = type.path("base").asText("text");
        if (base.contains("(")) {
            return base;
        }
        if (type.path("max_length").canConvertToInt() && type.path("max_length").asInt() > 0) {
            return base + "(" + type.path("max_length").asInt() + ")";
        }
        if (type.path("precision").canConvertToInt() && type.path("precision").asInt() > 0) {
            return base + "(" + type.path("precision").asInt() + "," + type.path("scale").asInt(0) + ")";
        }
        return base;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
