package io.lading.warehouse.ddl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Compares text with {@code src/test/resources/golden/<name>}. With {@code -Dlading.golden.update=true}
 * the file is (re)written instead, to be reviewed in the diff before it is committed.
 */
public final class Golden {
    private Golden() {
    }

    public static void assertGolden(String name, String actual) {
        if (Boolean.getBoolean("lading.golden.update")) {
            try {
                Path file = Path.of("src/test/resources/golden", name);
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new AssertionError(e);
            }
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "missing golden file golden/" + name);
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, "golden/" + name);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
