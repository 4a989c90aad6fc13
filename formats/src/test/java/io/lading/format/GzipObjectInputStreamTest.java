package io.lading.format;

import io.lading.common.LadingException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GzipObjectInputStreamTest {
    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] readAll(byte[] compressed, String name) throws IOException {
        try (InputStream in = new GzipObjectInputStream(new ByteArrayInputStream(compressed), name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsConcatenatedMembers() throws IOException {
        byte[] a = "a\tb\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = "c\td\n".getBytes(StandardCharsets.UTF_8);
        byte[] both = concat(gzip(a), gzip(b));
        assertArrayEquals("a\tb\nc\td\n".getBytes(StandardCharsets.UTF_8), readAll(both, "x"));
        // members larger than the decoder's 64 KiB buffer, trailers straddling buffer ends
        Random random = new Random(3);
        byte[] expected = new byte[0];
        byte[] compressed = new byte[0];
        for (int size : new int[] {70_001, 131_075, 65_529}) {
            byte[] part = new byte[size];
            random.nextBytes(part);
            expected = concat(expected, part);
            compressed = concat(compressed, gzip(part));
        }
        assertArrayEquals(expected, readAll(compressed, "x"));
    }

    @Test
    void invalidBlockTypeNamesObjectAndOffset() {
        // A valid 10-byte gzip header, then a deflate block header with the reserved type 3 (byte 0x07).
        byte[] bad = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        LadingException e = assertThrows(LadingException.class, () -> readAll(bad, "s3://bucket/data/part-00001.csv.gz"));
        assertEquals("corrupt gzip in s3://bucket/data/part-00001.csv.gz at compressed byte offset 11: invalid block type", e.getMessage());
    }

    @Test
    void notGzipAtAll() {
        LadingException e = assertThrows(LadingException.class,
                () -> readAll("id,name\n".getBytes(StandardCharsets.UTF_8), "file:///d/a.csv.gz"));
        assertEquals("corrupt gzip in file:///d/a.csv.gz at compressed byte offset 2: Not in GZIP format", e.getMessage());
    }

    @Test
    void truncatedObjectFailsAtItsLength() throws IOException {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        byte[] full = gzip(data);
        byte[] cut = Arrays.copyOf(full, 100_000);
        LadingException e = assertThrows(LadingException.class, () -> readAll(cut, "oss://b/k.txt.gz"));
        assertEquals("corrupt gzip in oss://b/k.txt.gz at compressed byte offset 100000:"
                + " the object ends inside compressed data (truncated?)", e.getMessage());
    }

    @Test
    void damagedSecondMemberIsNotSilentlyDropped() throws IOException {
        byte[] first = gzip("a\n".getBytes(StandardCharsets.UTF_8));
        byte[] second = gzip("b\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        second[0] = 0x00;
        byte[] both = concat(first, second);
        LadingException e = assertThrows(LadingException.class, () -> readAll(both, "s3://b/two.gz"));
        assertEquals("corrupt gzip in s3://b/two.gz at compressed byte offset " + first.length
                + ": data after the end of the last gzip member that is not a gzip member", e.getMessage());
    }

    @Test
    void sniffsGzipParquetAndPlain() {
        assertEquals(Sniffer.GZIP, Sniffer.of(new byte[] {0x1f, (byte) 0x8b, 8, 0}));
        assertEquals(Sniffer.PARQUET, Sniffer.of("PAR1".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Sniffer.PLAIN, Sniffer.of("PAR".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Sniffer.PLAIN, Sniffer.of(new byte[] {0x1f}, 1));
        assertEquals(Sniffer.PLAIN, Sniffer.of("1\tx\n".getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
