package io.mqscope.tap;

import io.mqscope.wire.DecodedPacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a tapped client sends that cannot be forwarded: before its upstream is up, and after the upstream failed or
 * the broker hung up. Reading is manual until the upstream is up, so at most one read's worth waits here, and it
 * goes on in order once the upstream is ready.
 *
 * <p>When the upstream cannot be opened (connection refused, DNS, TLS, a refused WebSocket upgrade) nothing can be
 * forwarded, but the user must still see their own client's bytes: that is what the wiretap is for. So what waits
 * here is decoded, and the client is read a little longer, decoding only, because its CONNECT often arrives after
 * the failure (a WebSocket client sends it one round trip after the 101, while a refused connection to a local port
 * fails at once). The connection then ends: once the client has sent a whole packet and gone quiet, when a byte
 * budget is spent, or at a deadline.
 *
 * <p>When the broker closes an established connection, what the client sent before it learned of the close is
 * still on its way (a mini program sends a CONNECT one WebSocket message per field, each after the last one's
 * callback; the broker hangs up at the first bad field). The client is read for a short grace the same way, decoding
 * only, never forwarding. First it is not told, so that it finishes what it was sending: until it has been quiet for
 * {@link #GRACE_QUIET_MILLIS}, at most {@link #GRACE_MILLIS}. Then it is told: the tap shuts its output down (a
 * TCP half-close; a WebSocket client sees 1006 as before) and reads on until the client closes, which it does after
 * the last bytes it sent, so that none is lost however slow the client is; at most {@link #GRACE_TOLD_MILLIS} more.
 * A client over TLS, which a bare FIN would cut short, is closed when told. The grace also ends at
 * {@link #GRACE_BUDGET} bytes, and when the client closes or sends a WebSocket close. Timers run on the event loop,
 * which never waits. Only the connection's event loop touches it.
 */
final class EarlyClientBytes {
    /** How long the client may stay quiet after its first packet before the connection ends. */
    static final long QUIET_MILLIS = 300;
    /** How long the client is read at most after the upstream failed. */
    static final long DEADLINE_MILLIS = 2000;
    /** Bytes decoded at most after the upstream failed: enough for any CONNECT a client sends first. */
    static final int BUDGET = 256 * 1024;
    /** After the broker closed: how long the client may stay quiet before it is closed too. */
    static final long GRACE_QUIET_MILLIS = 50;
    /** After the broker closed: how long the client is read at most before it is told. */
    static final long GRACE_MILLIS = 250;
    /** After the client was told (its output shut down): how long it has to close before it is closed. */
    static final long GRACE_TOLD_MILLIS = 250;
    /** After the broker closed: bytes decoded at most (a client still streaming is not read for ever). */
    static final int GRACE_BUDGET = 64 * 1024;

    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private final PacketTap toBroker;
    private final Consumer<WebSocketFrame> messages;
    private Channel client;
    private Runnable end;
    /** Tells the client the broker closed (false when it cannot be told and must be closed); null: ends at once. */
    private BooleanSupplier tell;
    private boolean told;
    private long deadline;
    /** Stream offset at which the byte budget is spent. */
    private long budgetEnd;
    /** How long the client may stay quiet; after the broker closed, from the start, else after its first packet. */
    private long quietNanos;
    private boolean quietFromStart;
    /** Client stream offset read when the broker closed, -1 while it has not. */
    private long brokerClosedAt = -1;
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
        if (decode(msg)) {
            client.eventLoop().execute(end); // after the codec's answer to the client's close is written
        } else if (toBroker.offset() >= budgetEnd) {
            end.run();
        } else if (!told) {
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
        drain(client, end, DEADLINE_MILLIS, QUIET_MILLIS, false, BUDGET);
    }

    /** Before the client is told: what makes time run out (the deadline or a quiet spell) ends the connection. */
    private void timeUp() {
        if (tell != null && !told && client.isActive() && tell.getAsBoolean()) {
            told = true;
            timer = client.eventLoop().schedule(end, GRACE_TOLD_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            end.run();
        }
    }

    /**
     * The broker closed the connection: the client is read for a short grace, decoding only, so that what it sent
     * before it learned of the close is shown; {@code tell} tells the client (see the class comment), {@code end}
     * closes the connection (and calls {@link #release()}).
     */
    void brokerClosed(Channel client, BooleanSupplier tell, Runnable end) {
        this.tell = tell;
        brokerClosedAt = toBroker.offset();
        drain(client, end, GRACE_MILLIS, GRACE_QUIET_MILLIS, true, GRACE_BUDGET);
    }

    /**
     * Whether the client sent {@code p} after the broker had closed: it begins at or after the last byte read
     * before the close. A packet the broker had begun to read (its CONNECT still arriving) is not.
     */
    boolean afterBrokerClosed(DecodedPacket p) {
        return brokerClosedAt >= 0 && p.offset() >= brokerClosedAt;
    }

    private void drain(Channel client, Runnable end, long deadlineMillis, long quietMillis, boolean quietFromStart,
                       int budget) {
        this.client = client;
        this.end = end;
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        this.quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        this.quietFromStart = quietFromStart;
        this.budgetEnd = toBroker.offset() + budget;
        while (!waiting.isEmpty()) {
            decode(waiting.poll());
        }
        if (!client.isActive() || toBroker.offset() >= budgetEnd) {
            end.run();
            return;
        }
        rearm();
        client.config().setAutoRead(true);
    }

    /** Decodes and lets go; true for the client's WebSocket close (the codec answers it when the tap sent none). */
    private boolean decode(Object msg) {
        try {
            if (msg instanceof WebSocketFrame f) {
                messages.accept(f);
                if (f.opcode() == WebSocketOpcode.CLOSE) {
                    return true;
                }
                if (f.opcode() == WebSocketOpcode.BINARY || f.opcode() == WebSocketOpcode.TEXT
                        || f.opcode() == WebSocketOpcode.CONTINUATION) {
                    toBroker.observe(f.content());
                }
            } else if (msg instanceof ByteBuf b) {
                toBroker.observe(b);
            }
            return false;
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The connection ends after a quiet spell (once a packet was seen, or from the start), else at the deadline. */
    private void rearm() {
        if (timer != null) {
            timer.cancel(false);
        }
        long left = Math.max(0, deadline - System.nanoTime());
        long wait = quietFromStart || toBroker.lastPacket() != null ? Math.min(quietNanos, left) : left;
        timer = client.eventLoop().schedule(this::timeUp, wait, TimeUnit.NANOSECONDS);
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
