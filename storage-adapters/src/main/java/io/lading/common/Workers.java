package io.lading.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * Runs tasks on a few daemon threads, all or nothing: the first task to fail wins, its exception is
 * what {@link #run} throws, and the later failures are attached to it as suppressed. After the first
 * failure no task starts; running tasks see {@link #failed()} (or call {@link #stopIfFailed()}) and
 * stop early. One instance serves one {@link #run}.
 */
public final class Workers {
    /** Thrown by a task that stops because another failed: never attached, the first failure says it all. */
    public static final class Cancelled extends RuntimeException {
        private Cancelled() {
            super("cancelled: another task failed", null, false, false);
        }
    }

    private static final Cancelled CANCELLED = new Cancelled();

    private final String what;
    private final String threadName;
    private final AtomicBoolean failed = new AtomicBoolean();
    private RuntimeException first;

    /**
     * @param what the work as the user knows it ({@code "load into public.orders"}): a task's checked
     *        exception becomes {@code "<what> failed: ..."}, an interrupt {@code "<what> was interrupted"}
     */
    public Workers(String what, String threadName) {
        this.what = requireNonNull(what, "what is null");
        this.threadName = requireNonNull(threadName, "threadName is null");
    }

    /** Whether a task has failed (or the wait for them was interrupted). */
    public boolean failed() {
        return failed.get();
    }

    /** Throws {@link Cancelled} once a task has failed: a long task calls it between steps. */
    public void stopIfFailed() {
        if (failed.get()) {
            throw CANCELLED;
        }
    }

    /** Runs every task, at most {@code threads} at a time; their results in task order. */
    public <T> List<T> run(int threads, List<? extends Callable<? extends T>> tasks) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        if (tasks.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (Callable<? extends T> task : tasks) {
                futures.add(pool.submit(() -> attempt(task)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            synchronized (this) {
                if (first != null) {
                    throw first;
                }
            }
            return results;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.set(true);
            throw new LadingException(what + " was interrupted", e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("a task escaped its failure handling", e); // attempt() catches everything
        }
        finally {
            pool.shutdown();
        }
    }

    private <T> T attempt(Callable<? extends T> task) {
        if (failed.get()) {
            return null;
        }
        try {
            return task.call();
        }
        catch (Cancelled e) {
            return null;
        }
        catch (Throwable e) {
            fail(e);
            return null;
        }
    }

    private synchronized void fail(Throwable e) {
        failed.set(true);
        RuntimeException failure = e instanceof RuntimeException r ? r : new LadingException(what + " failed: " + e, e);
        if (first == null) {
            first = failure;
        }
        else if (first != failure) {
            first.addSuppressed(failure);
        }
    }
}
