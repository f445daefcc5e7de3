package io.mqscope.ui.tree;

import io.mqscope.session.PublishRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Clears the broker's retained messages on a list of topics by publishing an empty retained message to each
 * (3.1.1 [MQTT-3.3.1-10], 5.0 §3.3.1.3: a zero-byte retained PUBLISH removes the retained message and is not stored
 * itself). QoS 1, so a topic counts as cleared only once the broker acknowledged it. Runs on the I/O executor with a
 * bounded number of publishes in flight (the session's publish window refuses beyond its byte bound anyway);
 * {@link #done()} and {@link #cleared()} can be read from any thread for the progress bar.
 */
public final class RetainedDeletion {
    static final int IN_FLIGHT = 64;
    static final long WAIT_SECONDS = 60;

    /** What was cleared and what failed (topic → the reason), for the status line. */
    public record Result(List<String> cleared, List<String> failed, String firstError) {
    }

    private final List<String> topics;
    private final Function<PublishRequest, CompletableFuture<Void>> publish;
    private final long waitSeconds;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger clearedCount = new AtomicInteger();

    public RetainedDeletion(List<String> topics, Function<PublishRequest, CompletableFuture<Void>> publish) {
        this(topics, publish, WAIT_SECONDS);
    }

    /** @param waitSeconds how long a publish may go unanswered before the rest is given up */
    RetainedDeletion(List<String> topics, Function<PublishRequest, CompletableFuture<Void>> publish,
                     long waitSeconds) {
        this.topics = List.copyOf(topics);
        this.publish = publish;
        this.waitSeconds = waitSeconds;
    }

    public int size() {
        return topics.size();
    }

    /** Publishes answered so far (acknowledged or failed). */
    public int done() {
        return done.get();
    }

    public int cleared() {
        return clearedCount.get();
    }

    /** Publishes them all and waits for the answers (blocking: call it on the I/O executor, never the FX thread). */
    public Result run() throws InterruptedException {
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<String> cleared = Collections.synchronizedList(new ArrayList<>());
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        String[] firstError = {null};
        for (String t : topics) {
            if (!window.tryAcquire(waitSeconds, TimeUnit.SECONDS)) {
                break; // the broker stopped answering: what is left counts as not cleared below
            }
            CompletableFuture<Void> f;
            try {
                f = publish.apply(new PublishRequest(t, new byte[0], 1, true, null));
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((v, e) -> {
                if (e == null) {
                    cleared.add(t);
                    clearedCount.incrementAndGet();
                } else {
                    failed.add(t);
                    synchronized (firstError) {
                        if (firstError[0] == null) {
                            Throwable c = e.getCause() != null ? e.getCause() : e;
                            firstError[0] = String.valueOf(c.getMessage());
                        }
                    }
                }
                done.incrementAndGet();
                window.release();
            });
        }
        window.tryAcquire(IN_FLIGHT, waitSeconds, TimeUnit.SECONDS);
        synchronized (firstError) {
            return new Result(List.copyOf(cleared), List.copyOf(failed), firstError[0]);
        }
    }
}
