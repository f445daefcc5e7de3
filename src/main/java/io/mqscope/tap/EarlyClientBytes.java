package io.mqscope.tap;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a tapped client sends before its upstream is up. Reading is manual until then, so at most one read's worth
 * waits here, and it goes on in order once the upstream is ready.
 *
 * <p>When the upstream cannot be opened (connection refused, DNS, TLS, a refused WebSocket upgrade) nothing can be
 * forwarded, but the user must still see their own client's bytes: that is what the wiretap is for. So what waits
 * here is decoded, and the client is read a little longer, decoding only, because its CONNECT often arrives after
 * the failure (a WebSocket client sends it one round trip after the 101, while a refused connection to a local port
 * fails at once). The connection then ends: once the client has sent a whole packet and gone quiet, when a byte
 * budget is spent, or at a deadline. Only the connection's event loop touches it.
 */
final class EarlyClientBytes {
    /** How long the client may stay quiet after its first packet before the connection ends. */
    static final long QUIET_MILLIS = 300;
    /** How long the client is read at most after the upstream failed. */
    static final long DEADLINE_MILLIS = 2000;
    /** Bytes decoded at most after the upstream failed: enough for any CONNECT a client sends first. */
    static final int BUDGET = 256 * 1024;

    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private final PacketTap toBroker;
    private final Consumer<WebSocketFrame> messages;
    private Channel client;
    private Runnable end;
    private long deadline;
    private ScheduledFuture<?> timer;

    /**
     * @param toBroker the client's direction, whose decoder sees the bytes
     * @param messages reports a client's WebSocket message (the frame is released afterwards)
     */
    EarlyClientBytes(PacketTap toBroker, Consumer<WebSocketFrame> messages) {
        this.toBroker = toBroker;
        this.messages = messages;
    }

    /** True once the upstream failed: the client's bytes are decoded and dropped. */
    boolean draining() {
        return end != null;
    }

    /** A frame or bytes read before the upstream is up: kept, or decoded when the upstream failed. */
    void add(Object msg) {
        if (!draining()) {
            waiting.add(msg);
            return;
        }
        decode(msg);
        if (toBroker.offset() >= BUDGET) {
            end.run();
        } else {
            rearm();
        }
    }

    /** The upstream is ready: what waits goes on, in order. */
    void replay(Consumer<Object> to) {
        while (!waiting.isEmpty()) {
            to.accept(waiting.poll());
        }
    }

    /**
     * The upstream failed: decodes what waits and reads the client a little longer; {@code end} closes the
     * connection (and calls {@link #release()}).
     */
    void upstreamFailed(Channel client, Runnable end) {
        this.client = client;
        this.end = end;
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        while (!waiting.isEmpty()) {
            decode(waiting.poll());
        }
        if (!client.isActive() || toBroker.offset() >= BUDGET) {
            end.run();
            return;
        }
        rearm();
        client.config().setAutoRead(true);
    }

    private void decode(Object msg) {
        try {
            if (msg instanceof WebSocketFrame f) {
                messages.accept(f);
                if (f.opcode() == WebSocketOpcode.BINARY || f.opcode() == WebSocketOpcode.TEXT
                        || f.opcode() == WebSocketOpcode.CONTINUATION) {
                    toBroker.observe(f.content());
                }
            } else if (msg instanceof ByteBuf b) {
                toBroker.observe(b);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The connection ends after a quiet spell once a packet was seen, else at the deadline. */
    private void rearm() {
        if (timer != null) {
            timer.cancel(false);
        }
        long left = Math.max(0, deadline - System.nanoTime());
        long wait = toBroker.lastPacket() != null ? Math.min(TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS), left) : left;
        timer = client.eventLoop().schedule(end, wait, TimeUnit.NANOSECONDS);
    }

    /** The connection ends: what still waits is let go. */
    void release() {
        if (timer != null) {
            timer.cancel(false);
        }
        while (!waiting.isEmpty()) {
            ReferenceCountUtil.release(waiting.poll());
        }
    }
}
