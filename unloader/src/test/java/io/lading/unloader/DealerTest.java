package io.lading.unloader;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The dealer alone: which file of which generation each chunk goes to. */
class DealerTest {
    private final List<String> dealt = new ArrayList<>();
    private final CompressionRatio ratio = new CompressionRatio();

    private Dealer dealer(int files, long maxFileSize) {
        return new Dealer(files, maxFileSize, ratio, (generation, file, chunk) -> dealt.add(generation + "/" + file));
    }

    private static Chunk chunk(int length) {
        return new Chunk(new byte[length], length, 1);
    }

    private void deal(Dealer dealer, int... lengths) throws InterruptedException {
        for (int length : lengths) {
            dealer.deal(chunk(length));
        }
    }

    @Test
    void equalChunksGoRoundTheFiles() throws Exception {
        deal(dealer(3, 1L << 30), 100, 100, 100, 100, 100, 100, 100);
        assertEquals(List.of("0/0", "0/1", "0/2", "0/0", "0/1", "0/2", "0/0"), dealt);
    }

    @Test
    void eachChunkGoesToTheLeastFilledFile() throws Exception {
        deal(dealer(3, 1L << 30), 300, 100, 100, 100, 100, 100, 50);
        // after 300, 100, 100: file 1 (100) and 2 (100) take turns until they pass file 0
        assertEquals(List.of("0/0", "0/1", "0/2", "0/1", "0/2", "0/1", "0/2"), dealt);
    }

    @Test
    void allFilesRollOverTogetherBeforeTheLargestWouldPassTheLimit() throws Exception {
        Dealer dealer = dealer(2, 1000);
        deal(dealer, 400, 400, 400, 400, 400);
        // the third chunk takes file 0 to 800; a fourth would take it to 1200: generation 1 starts
        assertEquals(List.of("0/0", "0/1", "0/0", "1/0", "1/1"), dealt);
        assertEquals(1, dealer.generation());
    }

    @Test
    void noFileIsLeftEmptyByARoll() throws Exception {
        deal(dealer(3, 100), 500, 500, 500, 500);
        assertEquals(List.of("0/0", "0/1", "0/2", "1/0"), dealt);
    }

    @Test
    void theEstimateUsesTheCompressionRatioTheWritersSee() throws Exception {
        ratio.add(1000, 100);
        deal(dealer(1, 1000), 4000, 4000, 4000);
        // 8000 raw bytes are about 800 compressed: still under the limit; 12000 are not
        assertEquals(List.of("0/0", "0/0", "1/0"), dealt);
    }

    @Test
    void aWriterReachingTheLimitForcesTheRollOfItsGeneration() throws Exception {
        Dealer dealer = dealer(2, 1L << 30);
        deal(dealer, 10);
        dealer.requestRoll(0);
        deal(dealer, 10, 10);
        assertEquals(List.of("0/0", "0/1", "1/0"), dealt, "file 1 gets its chunk before the roll");
        dealer.requestRoll(0);
        deal(dealer, 10, 10, 10);
        assertEquals(List.of("0/0", "0/1", "1/0", "1/1", "1/0", "1/1"), dealt, "a request of an earlier generation rolls nothing");
    }

    @Test
    void needsAFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dealer(0, 1000));
        assertEquals("files must be positive: 0", e.getMessage());
    }
}
