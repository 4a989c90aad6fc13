package io.lading.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkersTest {
    @Test
    void resultsComeInTaskOrderWhateverOrderTheTasksFinishIn() {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            tasks.add(() -> {
                Thread.sleep(5L * (6 - n));
                return n;
            });
        }
        Workers workers = new Workers("test", "lading-test");
        assertEquals(List.of(0, 1, 2, 3, 4, 5), workers.run(3, tasks));
        assertFalse(workers.failed());
        assertEquals(List.of(), new Workers("test", "lading-test").run(2, List.<Callable<Integer>>of()));
    }

    @Test
    void theFirstFailureIsThrownWithTheLaterOnesSuppressedAndCancelledTasksLeftOut() throws Exception {
        CountDownLatch started = new CountDownLatch(3);
        RuntimeException first = new IllegalStateException("first");
        RuntimeException second = new IllegalStateException("second");
        Workers workers = new Workers("test", "lading-test");
        List<Callable<String>> tasks = List.of(
                () -> {
                    started.countDown();
                    assertTrue(started.await(10, TimeUnit.SECONDS));
                    throw first;
                },
                () -> {
                    started.countDown();
                    while (!workers.failed()) {
                        Thread.onSpinWait();
                    }
                    throw second;
                },
                () -> {
                    started.countDown();
                    while (true) {
                        workers.stopIfFailed();
                        Thread.onSpinWait();
                    }
                });
        RuntimeException e = assertThrows(RuntimeException.class, () -> workers.run(3, tasks));
        assertSame(first, e);
        assertArrayEquals(new Throwable[] {second}, e.getSuppressed());
        assertTrue(workers.failed());
    }

    @Test
    void noTaskStartsAfterTheFirstFailure() {
        AtomicInteger started = new AtomicInteger();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(() -> {
                started.incrementAndGet();
                throw new IllegalStateException("boom");
            });
        }
        assertThrows(IllegalStateException.class, () -> new Workers("test", "lading-test").run(1, tasks));
        assertEquals(1, started.get(), "one thread: the tasks queued behind the failed one never ran");
    }

    @Test
    void aCheckedExceptionBecomesAOneLineErrorNamingTheWork() {
        IOException cause = new IOException("disk gone");
        LadingException e = assertThrows(LadingException.class, () -> new Workers("load into public.t", "lading-test")
                .run(1, List.<Callable<Integer>>of(() -> {
                    throw cause;
                })));
        assertEquals("load into public.t failed: java.io.IOException: disk gone", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void anInterruptedWaitFailsTheWorkAndStopsTheTasks() throws Exception {
        Workers workers = new Workers("load into public.t", "lading-test");
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger stopped = new AtomicInteger();
        List<Callable<Integer>> tasks = List.of(() -> {
            running.countDown();
            while (!workers.failed()) {
                Thread.onSpinWait();
            }
            stopped.incrementAndGet();
            return 0;
        });
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                running.await();
                caller.interrupt();
            }
            catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        interrupter.start();
        try {
            LadingException e = assertThrows(LadingException.class, () -> workers.run(1, tasks));
            assertEquals("load into public.t was interrupted", e.getMessage());
        }
        finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept");
        }
        assertTrue(workers.failed());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stopped.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(1, stopped.get());
    }
}
