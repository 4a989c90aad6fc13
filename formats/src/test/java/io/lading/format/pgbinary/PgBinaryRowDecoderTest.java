package io.lading.format.pgbinary;

import io.lading.common.LadingException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PgBinaryRowDecoderTest {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    /** header + rows of (int4, text-or-null) + trailer, as the server sends it. */
    private static byte[] stream(int rows, int extension) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(extension);
        out.write(new byte[extension]);
        for (int i = 0; i < rows; i++) {
            out.writeShort(2);
            out.writeInt(4);
            out.writeInt(i);
            if (i % 3 == 0) {
                out.writeInt(-1);
            }
            else {
                byte[] text = ("row " + i).getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
            }
        }
        out.writeShort(-1);
        return bytes.toByteArray();
    }

    private static List<byte[]> decodeInChunks(byte[] data, int chunk) throws IOException {
        PgBinaryRowDecoder decoder = new PgBinaryRowDecoder(2, "test");
        List<byte[]> rows = new ArrayList<>();
        for (int off = 0; off < data.length; off += chunk) {
            byte[] piece = Arrays.copyOfRange(data, off, Math.min(data.length, off + chunk));
            decoder.feed(piece, (buf, o, len) -> rows.add(Arrays.copyOfRange(buf, o, o + len)));
        }
        decoder.finish();
        assertEquals(rows.size(), decoder.rows());
        return rows;
    }

    @Test
    void anySplitOfTheStreamGivesTheSameRows() throws IOException {
        byte[] data = stream(50, 3);
        List<byte[]> whole = decodeInChunks(data, data.length);
        assertEquals(50, whole.size());
        for (int chunk : new int[] {1, 2, 3, 5, 7, 18, 19, 20, 64}) {
            List<byte[]> split = decodeInChunks(data, chunk);
            assertEquals(whole.size(), split.size(), "chunk " + chunk);
            for (int i = 0; i < whole.size(); i++) {
                assertArrayEquals(whole.get(i), split.get(i), "chunk " + chunk + " row " + i);
            }
        }
        // row 1: field count 2, int 1, text "row 1"
        assertArrayEquals(new byte[] {0, 2, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 5, 'r', 'o', 'w', ' ', '1'}, whole.get(1));
    }

    @Test
    void emptyResultIsHeaderAndTrailerOnly() throws IOException {
        assertEquals(0, decodeInChunks(stream(0, 0), 100).size());
    }

    @Test
    void errorsSayWhatIsWrong() throws IOException {
        PgBinaryRowDecoder text = new PgBinaryRowDecoder(2, "public.t split 3");
        LadingException e = assertThrows(LadingException.class,
                () -> text.feed("1\tx\n".getBytes(StandardCharsets.UTF_8), (b, o, l) -> { }));
        assertEquals("unexpected binary COPY data from public.t split 3 after 0 rows:"
                + " no binary COPY signature; was the COPY run with (FORMAT binary)?", e.getMessage());

        PgBinaryRowDecoder wrongWidth = new PgBinaryRowDecoder(3, "q");
        e = assertThrows(LadingException.class, () -> wrongWidth.feed(stream(2, 0), (b, o, l) -> { }));
        assertEquals("unexpected binary COPY data from q after 0 rows: a row has 2 fields, expected 3", e.getMessage());

        byte[] data = stream(4, 0);
        PgBinaryRowDecoder truncated = new PgBinaryRowDecoder(2, "q");
        truncated.feed(Arrays.copyOf(data, data.length - 5), (b, o, l) -> { });
        e = assertThrows(LadingException.class, truncated::finish);
        assertEquals("unexpected binary COPY data from q after 3 rows:"
                + " the stream ended inside a row or before the end-of-copy trailer", e.getMessage());
    }
}
