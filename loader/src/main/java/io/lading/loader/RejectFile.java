package io.lading.loader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lading.common.LadingException;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code --reject-file}: rejected rows as JSON lines (target, object, line, raw, message), appended
 * right after their file commits (with --atomic: after the publish). Unlike {@code lading_rejects}
 * it is not in the files' transactions: a process killed between a commit and the append leaves
 * that file's rejects out; a re-run skips the committed file, so nothing is ever recorded twice.
 */
final class RejectFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RejectFile() {
    }

    /** Appends under a lock: workers finish files concurrently. */
    static synchronized void append(Path path, String target, List<Reject> rejects) {
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (Reject r : rejects) {
                ObjectNode node = JSON.createObjectNode();
                node.put("target", target);
                node.put("object", r.objectUri());
                node.put("line", r.line());
                node.put("raw", r.rawLine());
                node.put("message", r.message());
                out.write(JSON.writeValueAsString(node));
                out.write('\n');
            }
        }
        catch (IOException e) {
            throw new LadingException("cannot write reject file " + path + ": " + e.getMessage(), e);
        }
    }
}
