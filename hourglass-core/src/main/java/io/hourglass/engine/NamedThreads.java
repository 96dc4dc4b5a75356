package io.hourglass.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names every engine thread after its role ("hourglass-worker-3"), so a thread dump reads as the architecture.
 * Engine threads are daemons: a program that forgets to stop Hourglass can still exit.
 */
final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final boolean numbered;
    private final AtomicInteger counter = new AtomicInteger();

    private NamedThreads(String prefix, boolean numbered) {
        this.prefix = prefix;
        this.numbered = numbered;
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... */
    static NamedThreads numbered(String prefix) {
        return new NamedThreads(prefix, true);
    }

    /** Threads all named {@code name} (for single-thread roles). */
    static NamedThreads single(String name) {
        return new NamedThreads(name, false);
    }

    @Override
    public Thread newThread(Runnable runnable) {
        String name = numbered ? prefix + "-" + counter.incrementAndGet() : prefix;
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
