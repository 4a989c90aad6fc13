package io.lading.storage.multipart;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PartSizingTest {
    private static final long MIB = 1L << 20;

    @Test
    void atLeastFiveMiB() {
        assertEquals(5 * MIB, PartSizing.partSize(1));
        assertEquals(5 * MIB, PartSizing.partSize(PartSizing.DEFAULT_MAX_SIZE));
    }

    @Test
    void growsInWholeMiBSoThatTenThousandPartsSuffice() {
        assertEquals(6 * MIB, PartSizing.partSize(PartSizing.DEFAULT_MAX_SIZE + 1));
        long oneTiB = 1L << 40;
        long size = PartSizing.partSize(oneTiB);
        assertEquals(105 * MIB, size);
        assertEquals(true, size * PartSizing.MAX_PARTS >= oneTiB);
        assertEquals(true, (size - MIB) * PartSizing.MAX_PARTS < oneTiB);
    }

    @Test
    void rejectsWhatNoStoreCanHold() {
        assertEquals("maximum object size must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> PartSizing.partSize(0)).getMessage());
        long tooBig = PartSizing.MAX_PART_SIZE * PartSizing.MAX_PARTS + 1;
        assertThrows(IllegalArgumentException.class, () -> PartSizing.partSize(tooBig));
    }
}
