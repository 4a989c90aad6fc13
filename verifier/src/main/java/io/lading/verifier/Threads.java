package io.lading.verifier;

import java.util.concurrent.ThreadFactory;

/** Worker threads that never keep the JVM alive after the command has answered. */
final class Threads {
    private Threads() {
    }

    static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
