package io.lading.unloader;

import java.util.concurrent.TimeUnit;

/** A running unload as the command sees it: run it, watch it, stop it from a shutdown hook. */
public interface UnloadRun {
    UnloadResult run();

    /** Rows read so far, for a progress display. */
    long rowsRead();

    /** Bytes read from the database so far, for a progress display. */
    long bytesRead();

    /** Stops the run from another thread (Ctrl-C): it fails with {@code reason} and cleans up. */
    void cancel(String reason);

    /** Waits until a cancelled or failed run has cleaned up (for a shutdown hook). */
    boolean awaitCleanup(long timeout, TimeUnit unit) throws InterruptedException;
}
