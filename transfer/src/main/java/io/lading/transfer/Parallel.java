package io.lading.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a task for every item on a few threads. After the first failure no new item starts; the
 * items in flight finish (their writes abort themselves), and that first failure is rethrown with
 * any later ones suppressed into it.
 */
final class Parallel {
    private Parallel() {
    }

    static <T> void forEach(int threads, List<T> items, String name, Consumer<T> task) {
        if (items.isEmpty()) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        int n = Math.min(threads, items.size());
        AtomicInteger ids = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name + "-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    for (int k; !failed.get() && (k = next.getAndIncrement()) < items.size(); ) {
                        try {
                            task.accept(items.get(k));
                        }
                        catch (RuntimeException | Error e) {
                            failed.set(true);
                            throw e;
                        }
                    }
                }));
            }
            RuntimeException first = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                }
                catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    if (first == null) {
                        first = cause;
                    }
                    else {
                        first.addSuppressed(cause);
                    }
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.set(true);
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (first != null) {
                throw first;
            }
        }
        finally {
            pool.shutdownNow();
        }
    }
}
