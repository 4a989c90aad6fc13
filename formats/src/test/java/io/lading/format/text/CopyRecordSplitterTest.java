package io.lading.format.text;

import io.lading.format.FileFormat;
import io.lading.format.TextOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CopyRecordSplitterTest {
    private static final TextOptions CSV = TextOptions.withDefaults(FileFormat.CSV, null, null, null, null, true, List.of(), null, null);
    private static final TextOptions TEXT = TextOptions.defaults(FileFormat.TEXT);

    private static CopyRecordSplitter.Located locate(String input, TextOptions options, Set<Long> skip, long line) throws IOException {
        return CopyRecordSplitter.locate(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), options, skip, line);
    }

    private static List<String> records(String input, TextOptions options) throws IOException {
        CopyRecordSplitter splitter = new CopyRecordSplitter(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), options);
        List<String> records = new ArrayList<>();
        byte[] record;
        while ((record = splitter.next()) != null) {
            records.add(new String(record, StandardCharsets.UTF_8));
        }
        return records;
    }

    @Test
    void copyLinesMapToRecordsAndTheirFirstPhysicalLine() throws IOException {
        String input = "id,s\n1,a\n2,\"x\ny\"\n3,\"q\"\"\nz\"\n4,b\n";
        assertEquals(new CopyRecordSplitter.Located(2, 2, "1,a"), locate(input, CSV, Set.of(), 2L));
        assertEquals(new CopyRecordSplitter.Located(3, 3, "2,\"x\ny\""), locate(input, CSV, Set.of(), 4L));
        assertEquals(new CopyRecordSplitter.Located(4, 5, "3,\"q\"\"\nz\""), locate(input, CSV, Set.of(), 6L));
        assertEquals(new CopyRecordSplitter.Located(5, 7, "4,b"), locate(input, CSV, Set.of(3L), 5L));
        assertEquals(new CopyRecordSplitter.Located(2, 2, "b\\\nc"), locate("a\nb\\\nc\nd\n", TEXT, Set.of(), 2));
    }

    @Test
    void textWithoutEscapesEndsARecordAtEveryNewline() throws IOException {
        // Redshift's UNLOAD without ESCAPE: a value ending in a backslash does not join the next line
        TextOptions off = TextOptions.withDefaults(FileFormat.TEXT, "|", "", null, "OFF", false, List.of(), null, null);
        assertEquals(List.of("1|C:\\\n", "2|x\n"), records("1|C:\\\n2|x\n", off));
        assertEquals(List.of("1|C:\\\n2|x\n"), records("1|C:\\\n2|x\n", TEXT));
    }

    @Test
    void recordsKeepTheirTerminatorsSoTheyGlueBackToTheInput() throws IOException {
        String csv = "1,\"a\r\nb\"\r\n2,\"x\\\"\ny\"\n3,last";
        // the quote doubles as escape: the backslash is data and the quote after it closes the field
        assertEquals(List.of("1,\"a\r\nb\"\r\n", "2,\"x\\\"\n", "y\"\n3,last"), records(csv, CSV));
        // an escape other than the quote keeps a quote inside the field
        TextOptions backslash = TextOptions.withDefaults(FileFormat.CSV, null, null, null, "\\", false, List.of(), null, null);
        assertEquals(List.of("1,\"a\r\nb\"\r\n", "2,\"x\\\"\ny\"\n", "3,last"), records(csv, backslash));
        String text = "a\\\tb\n\\\\\nc\\\n";
        List<String> records = records(text, TEXT);
        assertEquals(List.of("a\\\tb\n", "\\\\\n", "c\\\n"), records);
        ByteArrayOutputStream glued = new ByteArrayOutputStream();
        for (String r : records) {
            glued.writeBytes(r.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(text, glued.toString(StandardCharsets.UTF_8));
    }
}
