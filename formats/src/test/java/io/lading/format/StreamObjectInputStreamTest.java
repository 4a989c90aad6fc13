package io.lading.format;

import com.github.luben.zstd.ZstdOutputStream;
import io.lading.common.LadingException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamObjectInputStreamTest {
    static byte[] bzip2(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream bz = new BZip2CompressorOutputStream(out)) {
            bz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    /** Through {@link Sniffer#decompressed}, the way every reader opens an object. */
    private static byte[] readAll(byte[] compressed, String name) throws IOException {
        try (InputStream in = Sniffer.decompressed(new BufferedInputStream(new ByteArrayInputStream(compressed)), name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    @Test
    void sniffsBzip2AndZstdByMagicBytes() throws IOException {
        assertEquals(Sniffer.BZIP2, Sniffer.of(bzip2("x".getBytes(StandardCharsets.UTF_8))));
        assertEquals(Sniffer.ZSTD, Sniffer.of(zstd("x".getBytes(StandardCharsets.UTF_8))));
        // "BZh" with no block size digit is text that happens to start so
        assertEquals(Sniffer.PLAIN, Sniffer.of("BZh|x\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Sniffer.PLAIN, Sniffer.of(new byte[] {0x28, (byte) 0xb5, 0x2f}, 3));
        assertTrue(Sniffer.BZIP2.compressed() && Sniffer.ZSTD.compressed() && Sniffer.GZIP.compressed());
        assertTrue(!Sniffer.PARQUET.compressed() && !Sniffer.PLAIN.compressed());
    }

    @Test
    void readsEveryConcatenatedBzip2Stream() throws IOException {
        // pbzip2 and Redshift write several streams into one object; each must be read
        byte[] a = random(150_000, 1);
        byte[] b = "1|x\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        byte[] c = random(3, 2);
        assertArrayEquals(concat(concat(a, b), c), readAll(concat(concat(bzip2(a), bzip2(b)), bzip2(c)), "x"));
    }

    @Test
    void readsEveryConcatenatedZstdFrame() throws IOException {
        byte[] a = random(300_000, 3);
        byte[] b = "2|y\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(concat(a, b), readAll(concat(zstd(a), zstd(b)), "x"));
    }

    @Test
    void nameSaysNothingOfTheCompression() throws IOException {
        // a .gz name over bzip2 bytes is read as bzip2; a plain name over zstd as zstd
        byte[] data = "3|z\n".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(data, readAll(bzip2(data), "s3://b/u/t_0000_part_00.gz"));
        assertArrayEquals(data, readAll(zstd(data), "s3://b/u/t_0000_part_00"));
    }

    @Test
    void truncatedBzip2NamesObjectAndOffset() throws IOException {
        byte[] full = bzip2(random(200_000, 4));
        byte[] cut = Arrays.copyOf(full, 100_000);
        LadingException e = assertThrows(LadingException.class, () -> readAll(cut, "s3://b/u/t_0000_part_00.bz2"));
        assertEquals("corrupt bzip2 in s3://b/u/t_0000_part_00.bz2 at compressed byte offset 100000:"
                + " the object ends inside compressed data (truncated?)", e.getMessage());
    }

    @Test
    void truncatedZstdNamesObjectAndOffset() throws IOException {
        byte[] full = zstd(random(200_000, 5));
        byte[] cut = Arrays.copyOf(full, 100_000);
        LadingException e = assertThrows(LadingException.class, () -> readAll(cut, "s3://b/u/t_0000_part_00.zst"));
        assertEquals("corrupt zstd in s3://b/u/t_0000_part_00.zst at compressed byte offset 100000:"
                + " the object ends inside compressed data (truncated?)", e.getMessage());
    }

    @Test
    void corruptBzip2BlockIsOneLine() throws IOException {
        byte[] bad = bzip2("4|w\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        for (int i = 20; i < bad.length - 20; i++) {
            bad[i] ^= 0x5a;
        }
        LadingException e = assertThrows(LadingException.class, () -> readAll(bad, "file:///d/t_0001_part_00.bz2"));
        assertTrue(e.getMessage().startsWith("corrupt bzip2 in file:///d/t_0001_part_00.bz2 at compressed byte offset "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void garbageAfterTheLastStreamIsNotDropped() throws IOException {
        byte[] data = "5|v\n".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "not compressed\n".getBytes(StandardCharsets.UTF_8);
        LadingException bz = assertThrows(LadingException.class, () -> readAll(concat(bzip2(data), tail), "s3://b/two.bz2"));
        assertTrue(bz.getMessage().startsWith("corrupt bzip2 in s3://b/two.bz2 at compressed byte offset "), bz.getMessage());
        LadingException z = assertThrows(LadingException.class, () -> readAll(concat(zstd(data), tail), "s3://b/two.zst"));
        assertTrue(z.getMessage().startsWith("corrupt zstd in s3://b/two.zst at compressed byte offset "), z.getMessage());
    }

    @Test
    void errorsOfTheSourcePassThrough() throws IOException {
        IOException cut = new IOException("connection reset");
        byte[] full = zstd(random(100_000, 6));
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served == 5000) {
                    throw cut;
                }
                return full[served++] & 0xff;
            }
        };
        IOException e = assertThrows(IOException.class,
                () -> new StreamObjectInputStream(StreamObjectInputStream.Codec.ZSTD, failing, "s3://b/x").readAllBytes());
        assertSame(cut, e);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
