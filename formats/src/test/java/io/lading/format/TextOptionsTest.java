package io.lading.format;

import io.lading.common.LadingException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextOptionsTest {
    private static TextOptions text(String delimiter, String escape) {
        return TextOptions.withDefaults(FileFormat.TEXT, delimiter, null, null, escape, false, null, null, null);
    }

    @Test
    void textDelimitersThatReadAsEscapesAreRefusedAsPostgresqlRefusesThem() {
        for (String d : List.of("\\", ".", "a", "n", "z", "0", "9")) {
            LadingException e = assertThrows(LadingException.class, () -> text(d, null), d);
            assertEquals("--delimiter '" + TextOptions.printable(d) + "' is not allowed in TEXT format (backslash, '.', lower-case"
                    + " letters and digits are escape characters); choose another or use CSV", e.getMessage());
        }
        for (String d : List.of("\t", "|", ",", ";", "A", "\u0001")) {
            assertEquals(d, text(d, null).delimiter());
        }
        // Greenplum's ESCAPE 'OFF' has no escapes, so the rule does not apply; CSV never had it
        assertEquals("a", text("a", "OFF").delimiter());
        assertEquals(".", TextOptions.withDefaults(FileFormat.CSV, ".", null, null, null, false, null, null, null).delimiter());
    }
}
