package io.lading.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What a finished job prints: one human line on stdout ({@code unload public.orders: 100,000 rows,
 * 4 files, 12.3 MB in 2.1 s (5.9 MB/s)}), or with {@code --json} one JSON object on stdout with the
 * same figures plus job-specific details and, printed, {@code "ok": true}. {@code bytes} is what the rate is
 * computed from; in JSON a command names what its bytes are in {@code details}
 * ({@link #BYTES_UNCOMPRESSED}, {@link #BYTES_STORED}; null where unknown), and only a command that
 * names neither gets a plain {@code bytes}. docs/json.md lists every field.
 */
public record Summary(String operation, String subject, long rows, long files, long bytes, double seconds,
        Map<String, Object> details) {
    /** Bytes of the rows as the database renders them (text/CSV), before compression. */
    public static final String BYTES_UNCOMPRESSED = "bytes_uncompressed";
    /** Bytes of the files in the store, as compressed. */
    public static final String BYTES_STORED = "bytes_stored";

    /** Built on first use: a Jackson mapper costs hundreds of classes that a human line never needs. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    public Summary {
        requireNonNull(operation, "operation is null");
        requireNonNull(subject, "subject is null");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds is negative: " + seconds);
        }
    }

    public double megabytesPerSecond() {
        return seconds > 0 ? bytes / 1e6 / seconds : 0;
    }

    public double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }

    /** The human line. */
    public String line() {
        return String.format(Locale.ROOT, "%s %s: %,d rows, %,d files, %s in %.1f s (%.1f MB/s, %,.0f rows/s)",
                operation, subject, rows, files, ProgressReporter.bytes(bytes), seconds, megabytesPerSecond(), rowsPerSecond());
    }

    /** The figures as one JSON object. */
    public String toJson() {
        return figures().toString();
    }

    private ObjectNode figures() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("operation", operation);
        root.put("subject", subject);
        root.put("rows", rows);
        root.put("files", files);
        if (!details.containsKey(BYTES_UNCOMPRESSED) && !details.containsKey(BYTES_STORED)) {
            root.put("bytes", bytes);
        }
        root.put("seconds", Math.round(seconds * 1000) / 1000.0);
        root.put("mb_per_second", Math.round(megabytesPerSecond() * 100) / 100.0);
        root.put("rows_per_second", Math.round(rowsPerSecond()));
        details.forEach((k, v) -> root.set(k, Json.MAPPER.valueToTree(v)));
        return root;
    }

    /**
     * What {@code --json} prints when a command fails: {@code ok} false, the error line, the exit
     * code, then what was done before the failure ({@code partial}, possibly empty).
     */
    static String failureJson(String operation, String error, int exitCode, Map<String, Object> partial) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("ok", false);
        root.put("operation", operation);
        root.put("error", error);
        root.put("exit_code", exitCode);
        partial.forEach((k, v) -> root.set(k, Json.MAPPER.valueToTree(v)));
        return root.toString();
    }

    /** The JSON object when asked, otherwise the human line, on {@code out} (stdout). */
    public void print(PrintWriter out, boolean json) {
        // a run's object says it succeeded, as a failed run's says it did not (failureJson)
        out.println(json ? figures().put("ok", true).toString() : line());
        out.flush();
    }
}
