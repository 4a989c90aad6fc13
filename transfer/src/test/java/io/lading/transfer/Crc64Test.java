package io.lading.transfer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Crc64Test {
    private static long crc(byte[] data) {
        Crc64 crc = new Crc64();
        crc.update(data, 0, data.length);
        return crc.getValue();
    }

    @Test
    void checkValueOfTheStandardVector() {
        assertEquals(0x995DC9BBDF1939FAL, crc("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyInputIsZero() {
        assertEquals(0L, crc(new byte[0]));
    }

    @Test
    void sliceByEightAgreesWithByteAtATimeForEveryLengthAndSplit() {
        byte[] data = new byte[1000];
        new Random(7).nextBytes(data);
        for (int len = 0; len <= 40; len++) {
            Crc64 bytewise = new Crc64();
            for (int i = 0; i < len; i++) {
                bytewise.update(data[i]);
            }
            for (int split = 0; split <= len; split += 3) {
                Crc64 sliced = new Crc64();
                sliced.update(data, 0, split);
                sliced.update(data, split, len - split);
                assertEquals(bytewise.getValue(), sliced.getValue(), "length " + len + " split " + split);
            }
        }
    }

    @Test
    void ossPrintsItUnsigned() {
        assertEquals("11051210869376104954", Crc64.toUnsignedString(0x995DC9BBDF1939FAL));
    }

    @Test
    void combiningThePartsGivesTheWholeForEverySplit() {
        byte[] data = new byte[5000];
        new Random(11).nextBytes(data);
        long whole = crc(data);
        for (int split : new int[] {0, 1, 7, 8, 9, 1000, 4095, 4999, 5000}) {
            byte[] a = java.util.Arrays.copyOfRange(data, 0, split);
            byte[] b = java.util.Arrays.copyOfRange(data, split, data.length);
            assertEquals(whole, Crc64.combine(crc(a), crc(b), b.length), "split " + split);
        }
        // three parts folded in order, as the transfer does
        long folded = Crc64.combine(Crc64.combine(crc(java.util.Arrays.copyOfRange(data, 0, 2000)),
                crc(java.util.Arrays.copyOfRange(data, 2000, 4000)), 2000), crc(java.util.Arrays.copyOfRange(data, 4000, 5000)), 1000);
        assertEquals(whole, folded);
    }
}
