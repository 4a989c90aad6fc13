package io.lading.format.text;

import io.lading.common.LadingException;
import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextRewriteTest {
    private static final TextOptions ESCAPED = TextOptions.withDefaults(FileFormat.TEXT, "|", "", null, null, false, List.of(), null, null);
    private static final TextOptions OFF = TextOptions.withDefaults(FileFormat.TEXT, "|", "\\N", null, "OFF", false, List.of(), null, null);

    private static String rewrite(TextRewrite rewrite, String input) throws IOException {
        // one byte per read as well as whole: an escape split between reads keeps its state
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        String whole = new String(rewrite.apply(new ByteArrayInputStream(bytes)).readAllBytes(), StandardCharsets.UTF_8);
        InputStream trickle = rewrite.apply(new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        });
        assertEquals(whole, new String(trickle.readAllBytes(), StandardCharsets.UTF_8));
        return whole;
    }

    @Test
    void escapeOffDoublesEveryBackslashInDataAndNullString() throws IOException {
        TextRewrite rewrite = TextRewrite.of(OFF, false);
        assertEquals("a\\\\nb|C:\\\\new\\\\|\\\\N\n\\\\.\n", rewrite(rewrite, "a\\nb|C:\\new\\|\\N\n\\.\n"));
        TextOptions read = rewrite.copyOptions(OFF);
        assertEquals("\\", read.escape());
        assertEquals("\\\\N", read.nullString(), "the NULL string as it appears after the rewrite");
    }

    @Test
    void removeQuotesDropsTheQuotesNoBackslashEscapes() throws IOException {
        TextRewrite rewrite = TextRewrite.of(ESCAPED, true);
        assertEquals("1|say \\\"hi\\\"|\\\\|a\\|b|\\\nx|\n", rewrite(rewrite, "\"1\"|\"say \\\"hi\\\"\"|\"\\\\\"|\"a\\|b\"|\"\\\nx\"|\"\"\n"));
        assertSame(ESCAPED, rewrite.copyOptions(ESCAPED));
    }

    @Test
    void nothingToRewriteIsTheSameStream() {
        InputStream in = new ByteArrayInputStream(new byte[0]);
        assertSame(in, TextRewrite.of(ESCAPED, false).apply(in));
        assertSame(in, TextRewrite.of(TextOptions.defaults(FileFormat.CSV), false).apply(in));
    }

    @Test
    void formsWithoutAnExactRewriteAreRefused() {
        assertEquals("--remove-quotes is for TEXT files (UNLOAD ... ADDQUOTES ESCAPE); CSV removes its quotes itself",
                assertThrows(LadingException.class, () -> TextRewrite.of(TextOptions.defaults(FileFormat.CSV), true)).getMessage());
        assertEquals("--remove-quotes needs backslash escapes (UNLOAD ... ADDQUOTES ESCAPE); for ADDQUOTES without ESCAPE use"
                + " --format csv --delimiter '|'", assertThrows(LadingException.class, () -> TextRewrite.of(OFF, true)).getMessage());
    }
}
