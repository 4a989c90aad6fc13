package io.lading.unloader;

import io.lading.storage.ObjectStore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The threads that produce an unload's files: R {@link SplitReader}s cut their COPY streams into
 * row-aligned chunks, the {@link Dealer} deals each to a file, and W {@link ChunkWriter}s encode
 * and upload them. They know nothing of publication: {@link #run} hands back the finished,
 * uncommitted files, {@link #stop} every file started.
 */
final class UnloadThreads {
    private final UnloadPlan plan;
    private final int chunkSize;
    private final FirstFailure failure;
    private final BufferPool pool;
    private final Dealer dealer;
    private final ChunkWriter[] writers;
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder rowsRead = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();

    UnloadThreads(UnloadPlan plan, ObjectStore store, int writerCount, int chunkSize, FirstFailure failure) {
        this.plan = plan;
        this.chunkSize = chunkSize;
        this.failure = failure;
        this.pool = new BufferPool(chunkSize);
        UnloadRequest request = plan.request();
        CompressionRatio ratio = new CompressionRatio();
        ChunkWriter[] w = new ChunkWriter[writerCount];
        // file i belongs to writer i mod W
        this.dealer = new Dealer(request.files(), request.maxFileSize(), ratio, (generation, file, chunk) ->
                w[file % writerCount].write(generation, file, chunk));
        FileSinks sinks = new FileSinks(plan, store);
        for (int i = 0; i < writerCount; i++) {
            w[i] = new ChunkWriter(i, writerCount, request.files(), request.maxFileSize(), sinks, dealer, pool, ratio, failure);
        }
        this.writers = w;
    }

    long rowsRead() {
        return rowsRead.sum();
    }

    long bytesRead() {
        return bytesRead.sum();
    }

    /**
     * Reads every split in {@code snapshot} (null: the one reader's own) and returns every file,
     * finished and uncommitted; throws {@link FirstFailure.Cancelled} when the run failed.
     */
    List<FileSink> run(String snapshot) throws InterruptedException {
        List<Thread> writerThreads = new ArrayList<>();
        for (int i = 0; i < writers.length; i++) {
            writerThreads.add(start(writers[i], "lading-writer-" + i));
        }
        ConcurrentLinkedQueue<Split> splits = new ConcurrentLinkedQueue<>(plan.splits());
        CountDownLatch readersDone = new CountDownLatch(plan.readers());
        for (int i = 0; i < plan.readers(); i++) {
            Chunker chunker = new Chunker(chunkSize, pool, this::deal);
            start(new SplitReader(plan, snapshot, splits, chunker, failure, readersDone), "lading-reader-" + i);
        }
        while (!readersDone.await(FirstFailure.POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            failure.check();
        }
        failure.check();
        int lastGeneration = dealer.generation();
        for (ChunkWriter w : writers) {
            w.end(lastGeneration);
        }
        for (Thread t : writerThreads) {
            t.join();
        }
        failure.check();
        return files();
    }

    /** After a failure: waits until every thread has stopped; returns every file started, to be discarded. */
    List<FileSink> stop() {
        for (Thread t : threads) {
            try {
                t.join();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return files();
    }

    private Thread start(Runnable task, String name) {
        Thread t = new Thread(task, name);
        threads.add(t);
        t.start();
        return t;
    }

    private void deal(Chunk chunk) throws InterruptedException {
        failure.check();
        rowsRead.add(chunk.rows());
        bytesRead.add(chunk.length());
        dealer.deal(chunk);
    }

    private List<FileSink> files() {
        List<FileSink> result = new ArrayList<>();
        for (ChunkWriter w : writers) {
            result.addAll(w.files());
        }
        return result;
    }
}
