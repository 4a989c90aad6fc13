package io.lading.format;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GzipMemberWriterTest {
    @Test
    void membersWrittenInPiecesReadBackAsOneStreamByTheJdkAndOurReader() throws IOException {
        Random random = new Random(5);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        // past the writer's 64 KiB output buffer, empty writes and an empty member included
        for (int size : new int[] {200_003, 0, 17}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) ('a' + random.nextInt(random.nextBoolean() ? 3 : 26));
            }
            GzipMemberWriter gzip = new GzipMemberWriter(compressed, 1 + size % 9);
            for (int off = 0; off <= size; off += 7_919) {
                gzip.write(data, off, Math.min(7_919, size - off));
            }
            gzip.finish();
            expected.write(data);
        }
        try (InputStream jdk = new GZIPInputStream(new ByteArrayInputStream(compressed.toByteArray()))) {
            assertArrayEquals(expected.toByteArray(), jdk.readAllBytes());
        }
        try (InputStream ours = new GzipObjectInputStream(new ByteArrayInputStream(compressed.toByteArray()), "x")) {
            assertArrayEquals(expected.toByteArray(), ours.readAllBytes());
        }
    }

    @Test
    void aDiscardedMemberLeavesOnlyItsHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GzipMemberWriter gzip = new GzipMemberWriter(out, 6);
        gzip.write(new byte[100], 0, 100);
        gzip.discard();
        assertEquals(10, out.size());
    }

    @Test
    void levelOutsideGzipsRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GzipMemberWriter(new ByteArrayOutputStream(), 0));
        assertEquals("gzip level out of range 1-9: 0", e.getMessage());
    }
}
