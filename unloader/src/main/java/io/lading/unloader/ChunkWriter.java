package io.lading.unloader;

import io.lading.common.LadingException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * One writer thread: owns files {@code i, i + W, i + 2W, ...} of every generation and writes the
 * chunks dealt to them, in the order dealt; only this thread touches those files until it ends.
 * It finishes each file (gzip trailer, Parquet footer) but commits none: {@link #files()} are
 * handed to the transaction. A failure is recorded in the run's {@link FirstFailure}, never thrown.
 */
final class ChunkWriter implements Runnable {
    private static final int QUEUE_CHUNKS = 4;

    private record Task(int generation, int file, Chunk chunk) {
        boolean isEnd() {
            return chunk == null;
        }
    }

    private final int index;
    private final int writers;
    private final int files;
    private final long maxFileSize;
    private final FileSinks sinks;
    private final Dealer dealer;
    private final BufferPool pool;
    private final CompressionRatio ratio;
    private final FirstFailure failure;
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private final FileSink[] current;
    private final List<FileSink> started = new ArrayList<>();

    /**
     * Writer {@code index} of {@code writers}, for a run of {@code files} files per generation.
     *
     * @param dealer told when a file reaches {@code maxFileSize}
     * @param pool takes back the buffers of written chunks
     * @param ratio where the bytes in and out of the encoder are counted
     */
    ChunkWriter(int index, int writers, int files, long maxFileSize, FileSinks sinks, Dealer dealer, BufferPool pool,
            CompressionRatio ratio, FirstFailure failure) {
        this.index = index;
        this.writers = writers;
        this.files = files;
        this.maxFileSize = maxFileSize;
        this.sinks = requireNonNull(sinks, "sinks is null");
        this.dealer = requireNonNull(dealer, "dealer is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.ratio = requireNonNull(ratio, "ratio is null");
        this.failure = requireNonNull(failure, "failure is null");
        this.current = new FileSink[(files - index + writers - 1) / writers];
    }

    /** Queues a chunk for file {@code file} of {@code generation}; blocks while the queue is full. */
    void write(int generation, int file, Chunk chunk) throws InterruptedException {
        put(new Task(generation, file, chunk));
    }

    /** Queues the end: the files of {@code lastGeneration} are opened if no chunk reached them, then all are finished. */
    void end(int lastGeneration) throws InterruptedException {
        put(new Task(lastGeneration, -1, null));
    }

    /** Every file this writer opened, in order; once the thread has ended, all finished. */
    List<FileSink> files() {
        return started;
    }

    private void put(Task task) throws InterruptedException {
        while (!queue.offer(task, FirstFailure.POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            failure.check();
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                Task task = queue.poll(FirstFailure.POLL_MILLIS, TimeUnit.MILLISECONDS);
                failure.check();
                if (task == null) {
                    continue;
                }
                if (task.isEnd()) {
                    // every file of the last generation exists, even one no chunk reached
                    for (int file = index; file < files; file += writers) {
                        sink(task.generation(), file);
                    }
                    for (FileSink s : current) {
                        finish(s);
                    }
                    return;
                }
                write(task);
            }
        }
        catch (FirstFailure.Cancelled e) {
            // another thread failed; the coordinator cleans up
        }
        catch (InterruptedException e) {
            failure.fail(new LadingException("interrupted"));
        }
        catch (Throwable t) {
            failure.fail(t);
        }
    }

    private void write(Task task) {
        FileSink sink = sink(task.generation(), task.file());
        Chunk chunk = task.chunk();
        long before = sink.compressedBytes();
        try {
            sink.write(chunk);
            pool.give(chunk.data());
            ratio.add(chunk.length(), sink.compressedBytes() - before);
        }
        catch (IOException | RuntimeException e) {
            throw FileSinks.writeFailure(sink.location(), e);
        }
        if (sink.compressedBytes() >= maxFileSize) {
            dealer.requestRoll(sink.generation());
        }
    }

    /** The open file of {@code generation} in this slot; the previous generation's is finished first. */
    private FileSink sink(int generation, int file) {
        int slot = (file - index) / writers;
        FileSink s = current[slot];
        if (s != null && s.generation() == generation) {
            return s;
        }
        if (s != null) {
            finish(s);
        }
        s = sinks.open(generation, file);
        current[slot] = s;
        started.add(s);
        return s;
    }

    private static void finish(FileSink s) {
        try {
            s.finish();
        }
        catch (IOException | RuntimeException e) {
            throw FileSinks.writeFailure(s.location(), e);
        }
    }
}
