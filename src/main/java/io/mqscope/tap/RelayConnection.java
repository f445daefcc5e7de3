package io.mqscope.tap;

import io.mqscope.profile.Profile;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Rule;
import io.mqscope.wire.Severity;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.Locale;

/**
 * One relayed connection: the accepted client channel, the upstream channel an {@link UpstreamSetup} opens, a
 * {@link PacketTap} per direction, and who closed what and why. Everything runs on the client channel's event loop;
 * the upstream channel shares that loop.
 */
final class RelayConnection implements UpstreamSetup.Outcome {
    private final Relay relay;
    private final RelayListener listener;
    private final String id;
    private final Channel inbound;
    private final PacketTap toBroker;
    private final PacketTap toClient;
    private final UpstreamSetup setup;
    private final ReadPacing pacing = new ReadPacing();
    private boolean failed;
    private boolean closed;
    private boolean connackSeen;
    private String wsCloseFromBroker;

    /** @param listener already safe to call ({@link SafeRelayListener}) */
    RelayConnection(Relay relay, Profile profile, RelayListener listener, String id, Channel inbound) {
        this.relay = relay;
        this.listener = listener;
        this.id = id;
        this.inbound = inbound;
        this.toBroker = new PacketTap(id, Direction.CLIENT_TO_BROKER, listener, (type, value) -> { });
        this.toClient = new PacketTap(id, Direction.BROKER_TO_CLIENT, listener, this::brokerAnswered);
        PacketTap.pair(toBroker, toClient);
        this.setup = new UpstreamSetup(profile, relay.tls(), relay.dnsExecutor(), inbound.eventLoop(),
                new UpstreamHandler(), this);
    }

    String id() {
        return id;
    }

    /** Called on the event loop once the client is accepted (its autoRead is off until the upstream is ready). */
    void open() {
        setup.start();
    }

    @Override
    public void ready() {
        if (!closed) {
            updateReading();
        }
    }

    // ---------------------------------------------------------------- data paths

    /** Bytes the MQTT client wrote: decode, then forward untouched (one binary message each over WebSocket). */
    void fromClient(ByteBuf buf) {
        Channel out = setup.channel();
        if (closed || out == null) {
            buf.release();
            return;
        }
        toBroker.observe(buf);
        Hops.write(out, setup.webSocket(), buf, null, true);
    }

    void clientReadComplete() {
        Channel out = setup.channel();
        if (out != null) {
            out.flush();
        }
        updateReading();
    }

    /** Bytes the broker wrote (already unwrapped from TLS and WebSocket): decode, then forward untouched. */
    private void fromBroker(ByteBuf buf) {
        if (closed) {
            buf.release();
            return;
        }
        int n = buf.readableBytes();
        toClient.observe(buf);
        inbound.write(buf);
        if (pacing.readAndWritten(n)) {
            inbound.flush();
        }
    }

    /** Reading stops on one side while the other side cannot take more: memory stays bounded. */
    void updateReading() {
        if (closed) {
            return;
        }
        Channel out = setup.channel();
        boolean ready = setup.ready();
        inbound.config().setAutoRead(ready && out != null && out.isWritable());
        if (out != null && ready) {
            out.config().setAutoRead(inbound.isWritable() && !pacing.paused());
        }
    }

    /** The sniffer read the broker's first packet: a CONNACK with a non-zero code is an MQTT-stage failure. */
    private void brokerAnswered(int type, int code) {
        if (type == 2) {
            connackSeen = true;
            if (code > 0) {
                report(Stage.MQTT, String.format(Locale.ROOT, "CONNACK refused the connection: 0x%02X %s",
                        code, MqttSniffer.connackReason(code)), java.util.List.of());
            }
        } else if (type > 0) {
            connackSeen = true; // not MQTT-conformant, but the broker did answer; the decoder reports it
        }
    }

    // ---------------------------------------------------------------- closing and failures

    void clientClosed() {
        closeBoth("client closed the connection");
    }

    private void brokerClosed() {
        if (closed) {
            return;
        }
        if (!setup.ready()) {
            failed(setup.stage(), setup.closedDuringSetup());
            return;
        }
        StringBuilder reason = new StringBuilder("broker closed the connection");
        if (wsCloseFromBroker != null) {
            reason.append(" (").append(wsCloseFromBroker).append(')');
        }
        // The client's bytes end here too: a packet the decoder still held (waiting for the bytes that decide a
        // repair) is reported now, so that it can be named as the suspect.
        toBroker.finish();
        String suspect = suspectPacket();
        if (toBroker.sniffedConnect() && !connackSeen) {
            String detail = "the broker closed the connection without sending CONNACK"
                    + (suspect != null ? ", right after " + suspect : "");
            report(Stage.MQTT, detail, java.util.List.of());
            reason.append(": ").append(detail);
        } else if (suspect != null) {
            reason.append(" right after ").append(suspect);
        }
        closeBoth(reason.toString());
    }

    /** The last client packet, when it had findings: the likely reason the broker hung up. */
    private String suspectPacket() {
        DecodedPacket p = toBroker.lastPacket();
        if (p == null || !p.malformed()) {
            return null;
        }
        Finding first = null;
        for (Finding f : p.findings()) {
            if (f.severity() != Severity.INFO) {
                first = f;
                break;
            }
        }
        return "client packet #" + p.index() + " (" + p.type() + ") which has findings"
                + (first == null ? "" : ": " + first.message()
                + (first.field() == null || first.field().isEmpty() ? "" : " [" + first.field() + " at byte "
                + first.offset() + "]"));
    }

    private void fail(Throwable error) {
        if (closed || failed) {
            return;
        }
        FailureText.Classified c = setup.explain(error);
        failed(c.stage(), c.detail(), c.chain());
    }

    /** An upstream failure at {@code stage}: told to the listener, then both sides close. */
    @Override
    public void failed(Stage stage, String detail, java.util.List<java.security.cert.X509Certificate> chain) {
        if (closed || failed) {
            return;
        }
        report(stage, detail, chain);
        closeBoth("upstream failed at the " + stage + " stage: " + detail);
    }

    private void report(Stage s, String detail, java.util.List<java.security.cert.X509Certificate> chain) {
        if (failed) {
            return;
        }
        failed = true;
        listener.onUpstreamFailure(new UpstreamFailure(id, Instant.now(), s, detail, chain));
    }

    /** Closes both sides once, after flushing what is already queued, and tells the listener why. */
    void closeBoth(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        setup.cancel();
        toBroker.finish();
        toClient.finish();
        listener.onClosed(id, reason);
        Hops.closeAfterFlush(inbound);
        Channel out = setup.channel();
        if (out != null) {
            if (out.isActive() && setup.ready() && setup.webSocket() && wsCloseFromBroker == null) {
                // RFC 6455 §7.1.2: start the closing handshake rather than drop the TCP connection
                out.writeAndFlush(WebSocketFrame.close(1000, null)).addListener(ChannelFutureListener.CLOSE);
            } else {
                Hops.closeAfterFlush(out);
            }
        }
        relay.forget(this);
    }

    // ---------------------------------------------------------------- WebSocket frames

    private void frameRead(WebSocketFrame frame) {
        frameEvent(Direction.BROKER_TO_CLIENT, frame.opcode(), frame.fin(), frame.payloadLength(),
                frame.closeCode(), frame.closeReason());
        switch (frame.opcode()) {
            case BINARY, CONTINUATION -> fromBroker(frame.content());
            case TEXT -> {
                listener.onStreamFinding(id, Direction.BROKER_TO_CLIENT, Finding.of(Rule.WEBSOCKET_TEXT_FRAME,
                        toClient.protocolVersion(), "websocket_opcode",
                        (int) Math.min(frame.streamOffset(), Integer.MAX_VALUE), 0));
                fromBroker(frame.content());
            }
            case CLOSE -> {
                Integer code = frame.closeCode();
                String reason = frame.closeReason();
                wsCloseFromBroker = "WebSocket close" + (code == null ? "" : " code " + code)
                        + (reason.isEmpty() ? "" : " reason '" + reason + "'");
                frame.release(); // the codec answers it and closes the channel
            }
            default -> frame.release(); // ping (the codec answers it) and pong
        }
    }

    private void frameWritten(WebSocketFrameCodec.Written w) {
        frameEvent(Direction.CLIENT_TO_BROKER, w.opcode(), w.fin(), w.payloadLength(), w.closeCode(),
                w.closeReason());
    }

    private void frameEvent(Direction d, WebSocketOpcode opcode, boolean fin, int length, Integer code,
                            String reason) {
        long now = System.nanoTime();
        listener.onWebSocketFrame(new WebSocketFrameEvent(id, now, EventClock.wallTime(now), d, opcode.wireName(),
                fin, length, code, reason));
    }

    /** Tail of the upstream pipeline: WebSocket frames or plain bytes from the broker, and the frames written. */
    private final class UpstreamHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof WebSocketFrame frame) {
                frameRead(frame);
            } else if (msg instanceof ByteBuf buf) {
                fromBroker(buf);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof WebSocketFrameCodec.Written w) {
                frameWritten(w);
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            inbound.flush();
            if (setup.ready()) {
                pacing.burstEnded(ctx.executor(), RelayConnection.this::updateReading);
            }
            updateReading();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            updateReading();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            brokerClosed();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (setup.ready() && connackSeen) {
                closeBoth("upstream error: " + FailureText.messages(cause));
            } else {
                // before CONNACK an error is a set-up failure; with TLS 1.3 a rejected client certificate
                // arrives only after the client's handshake has completed
                fail(cause);
            }
        }
    }
}
