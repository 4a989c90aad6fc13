package io.lading.loader;

/** What a load reports while it runs; called from worker threads, so implementations are thread-safe. */
public interface LoadListener {
    LoadListener NONE = new LoadListener() {
    };

    /** Before the first file: how many files will be loaded and skipped, and the bytes to read. */
    default void planned(int toLoad, int alreadyLoaded, long bytes) {
    }

    /** A file committed (or, with --atomic, staged) with its row and reject counts. */
    default void fileLoaded(LoadFile file, long rows, int rejects) {
    }

    /** A line worth logging (staging, publishing, skipped files). */
    default void info(String message) {
    }

    /** An internal detail (why a file goes as text COPY): for a verbose log, not for every user. */
    default void detail(String message) {
    }
}
