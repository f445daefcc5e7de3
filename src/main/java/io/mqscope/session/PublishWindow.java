package io.mqscope.session;

import io.mqscope.tap.Stage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Bounds the bytes of publishes handed to the client and not yet completed. HiveMQ's client queues publishes without
 * bound while the broker's Receive Maximum holds them back; beyond the limit a publish is refused at once instead.
 * A single publish larger than the limit still goes when nothing else waits. Thread-safe.
 */
final class PublishWindow {
    static final long DEFAULT_LIMIT = 64L << 20;
    /** Counted per publish on top of topic and payload: the fixed header, packet id and properties, roughly. */
    static final int OVERHEAD = 64;

    private final AtomicLong pending = new AtomicLong();
    private volatile long limit = DEFAULT_LIMIT;

    /** Changes the limit (tests lower it). */
    void limit(long bytes) {
        limit = bytes;
    }

    long pendingBytes() {
        return pending.get();
    }

    /**
     * Publishes on {@code client} if the window has room: the future fails at once when it has none, or when the
     * client refuses the request itself (a QoS of 3). {@code handed} runs once the publish is built, before it is
     * sent, so the outgoing message is logged before any echo of it.
     */
    CompletableFuture<Void> send(PublishRequest request, ProtocolClient client, Runnable handed,
                                 Function<Throwable, SessionException> explain) {
        long cost;
        CompletableFuture<Void> sent;
        try {
            cost = reserve(request);
        } catch (SessionException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            sent = client.publish(request, handed);
        } catch (RuntimeException e) {
            release(cost);
            return CompletableFuture.failedFuture(new SessionException(Stage.CONFIG, String.valueOf(e.getMessage()),
                    e));
        }
        sent.whenComplete((v, t) -> release(cost));
        return sent.handle((v, t) -> {
            if (t != null) {
                throw explain.apply(t);
            }
            return null;
        });
    }

    /**
     * Makes room for a publish and returns its cost, to {@link #release} when the publish completes.
     *
     * @throws SessionException when earlier publishes already fill the window
     */
    long reserve(PublishRequest r) {
        long cost = OVERHEAD + r.payload().length + r.topic().length();
        long now = pending.addAndGet(cost);
        long max = limit;
        if (now > max && now != cost) {
            pending.addAndGet(-cost);
            throw new SessionException(Stage.MQTT, "publish to " + r.topic() + " refused: " + (now - cost)
                    + " bytes of earlier publishes still wait for the broker (limit " + max + "); wait for them to"
                    + " complete");
        }
        return cost;
    }

    void release(long cost) {
        pending.addAndGet(-cost);
    }
}
