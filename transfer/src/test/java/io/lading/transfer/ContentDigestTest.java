package io.lading.transfer;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ContentDigestTest {
    private static String md5(byte[] data, int from, int to) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(data, from, to - from);
        return HexFormat.of().formatHex(md5.digest());
    }

    @Test
    void multipartEtagIsTheMd5OfThePartMd5sWhateverTheChunking() throws Exception {
        byte[] data = new byte[25];
        new Random(1).nextBytes(data);
        ContentDigest digest = new ContentDigest(10);
        for (int off = 0; off < data.length; off += 7) {
            digest.update(data, off, Math.min(7, data.length - off));
        }
        ContentDigest.Checksums sums = digest.finish();
        MessageDigest parts = MessageDigest.getInstance("MD5");
        parts.update(HexFormat.of().parseHex(md5(data, 0, 10)));
        parts.update(HexFormat.of().parseHex(md5(data, 10, 20)));
        parts.update(HexFormat.of().parseHex(md5(data, 20, 25)));
        assertEquals(HexFormat.of().formatHex(parts.digest()) + "-3", sums.multipartEtag());
        assertEquals(md5(data, 0, 25), sums.md5());
        assertEquals(25, sums.size());
    }

    @Test
    void anObjectOfOnePartHasNoMultipartEtag() throws Exception {
        ContentDigest digest = new ContentDigest(10);
        digest.update(new byte[10], 0, 10);
        ContentDigest.Checksums sums = digest.finish();
        assertNull(sums.multipartEtag());
        assertEquals(md5(new byte[10], 0, 10), sums.md5());
        assertEquals("0000000000000000".length(), sums.crc64Hex().length());
    }
}
