package io.lading.storage.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.TreeMap;

/**
 * User metadata of local objects as extended attributes ({@code user.lading.meta.<name>} on Linux).
 * A file system without them keeps no metadata: reads give none and writes are dropped, which
 * costs a later transfer only a re-check, never a wrong answer.
 */
final class UserAttributes {
    private static final String PREFIX = "lading.meta.";

    private UserAttributes() {
    }

    static Map<String, String> read(Path file) {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        Map<String, String> result = new TreeMap<>();
        if (view == null) {
            return result;
        }
        try {
            for (String name : view.list()) {
                if (name.startsWith(PREFIX)) {
                    ByteBuffer value = ByteBuffer.allocate(view.size(name));
                    view.read(name, value);
                    result.put(name.substring(PREFIX.length()), new String(value.array(), 0, value.position(), StandardCharsets.US_ASCII));
                }
            }
        }
        catch (IOException | UnsupportedOperationException e) {
            return Map.of(); // no extended attributes here
        }
        return result;
    }

    static void write(Path file, Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return;
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                view.write(PREFIX + e.getKey(), ByteBuffer.wrap(e.getValue().getBytes(StandardCharsets.US_ASCII)));
            }
        }
        catch (IOException | UnsupportedOperationException e) {
            // no extended attributes on this file system: the object is kept without metadata
        }
    }
}
