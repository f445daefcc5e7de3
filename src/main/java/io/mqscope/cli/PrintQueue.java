package io.mqscope.cli;

import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * What {@code sub} prints, printed on a thread of its own, in the order it was added, and flushed whenever that
 * thread has caught up (so a lone message shows at once and a flood leaves in large writes).
 *
 * <p>Why a thread: the HiveMQ client hands each message over on its only I/O thread, which also reads and decodes
 * them, and which limits a subscriber draining a backlog while the other core sits idle; formatting and writing a
 * line was about a sixth of that thread's time. Measured on 2 cores (issue 17), the drain rate moved within the
 * noise of the runs; what is sure is that a lone message is flushed at once instead of by a 100 ms timer.
 *
 * <p>Bounded: with {@link #LIMIT} items waiting (standard output slower than the stream, a pipe to a pager), the
 * adding thread waits, as it did when it wrote the lines itself, so that reading slows and TCP pushes back on the
 * broker rather than memory filling up.
 */
final class PrintQueue {
    static final int LIMIT = 16_384;
    /**
     * How often the printing thread looks for more once it has caught up. Waking it for each message instead (one
     * futex call per message or two) cost more CPU than the printing it took off the client's thread.
     */
    static final long POLL_MILLIS = 1;

    private final Consumer<Object> printer;
    private final Runnable flush;
    private final Consumer<RuntimeException> failed;
    private final Thread thread;
    private ArrayList<Object> pending = new ArrayList<>();
    private boolean finishing;

    /**
     * @param printer prints one item (on this queue's thread)
     * @param flush flushes what was printed (on this queue's thread)
     * @param failed told when printing an item threw; the queue goes on with the next
     */
    PrintQueue(Consumer<Object> printer, Runnable flush, Consumer<RuntimeException> failed) {
        this.printer = printer;
        this.flush = flush;
        this.failed = failed;
        this.thread = new Thread(this::run, "mqscope-sub-print");
        thread.setDaemon(true);
        thread.start();
    }

    /** Adds an item to print; waits while {@link #LIMIT} are waiting. Items added after {@link #finish} are not. */
    void add(Object item) {
        synchronized (this) {
            while (pending.size() >= LIMIT && !finishing) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (finishing) {
                return;
            }
            pending.add(item); // no wake-up: the printing thread looks every POLL_MILLIS when it has caught up
        }
    }

    /** Prints and flushes what was added, then stops the thread; waits at most {@code millis} for that. */
    void finish(long millis) throws InterruptedException {
        synchronized (this) {
            finishing = true;
            notifyAll();
        }
        thread.join(millis);
    }

    private void run() {
        ArrayList<Object> batch = new ArrayList<>();
        boolean unflushed = false;
        while (true) {
            synchronized (this) {
                if (pending.isEmpty() && !unflushed) {
                    if (finishing) {
                        return;
                    }
                    try {
                        wait(POLL_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                ArrayList<Object> next = pending;
                pending = batch;
                batch = next;
                if (next.size() >= LIMIT) {
                    notifyAll(); // adders waiting at the limit
                }
            }
            if (batch.isEmpty()) {
                flush.run();
                unflushed = false;
                continue;
            }
            for (Object item : batch) {
                try {
                    printer.accept(item);
                } catch (RuntimeException e) {
                    failed.accept(e);
                }
            }
            batch.clear();
            unflushed = true;
        }
    }
}
