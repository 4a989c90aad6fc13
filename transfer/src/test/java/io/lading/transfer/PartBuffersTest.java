package io.lading.transfer;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PartBuffersTest {
    @Test
    void aTakerWaitsWhileTheBudgetIsSpentAndGetsTheBufferGivenBack() throws InterruptedException {
        PartBuffers buffers = new PartBuffers(2048, 1024);
        assertEquals(2, buffers.standardBuffers());
        byte[] first = buffers.take(1024);
        byte[] second = buffers.take(1000); // a part of about the standard size gets a standard buffer
        assertEquals(1024, second.length);
        AtomicReference<byte[]> third = new AtomicReference<>();
        Thread taker = new Thread(() -> {
            try {
                third.set(buffers.take(1024));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();
        while (taker.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // the third buffer would exceed the budget
        }
        assertEquals(null, third.get());
        buffers.give(first);
        taker.join();
        assertSame(first, third.get(), "standard buffers are reused, not allocated again");
    }

    @Test
    void aKeptBufferMakesRoomForAnotherSize() throws InterruptedException {
        PartBuffers buffers = new PartBuffers(2048, 1024);
        buffers.give(buffers.take(1024));
        buffers.give(buffers.take(1024));
        byte[] small = buffers.take(100); // small objects get their exact size
        assertEquals(100, small.length);
        byte[] big = buffers.take(1900); // drops the kept standard buffer: 100 + 1900 <= 2048
        assertEquals(1900, big.length);
        buffers.give(small);
        buffers.give(big);
        assertEquals(5000, buffers.take(5000).length, "one buffer over the budget when nothing else is alive");
    }
}
