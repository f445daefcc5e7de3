package io.mqscope.tap;

import io.mqscope.profile.Profile;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.PacketType;
import io.mqscope.wire.Severity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One client of a {@link Wiretap} and its upstream: the client's handshake (told by {@link ClientSniffer} and
 * {@link WebSocketServerUpgrade}), the {@link UpstreamSetup} that starts once it is done, forwarding both ways with
 * backpressure, a {@link PacketTap} per direction, and the verdict when it ends. Runs on the client channel's event
 * loop, which the upstream channel shares.
 *
 * <p>Forwarding keeps the bytes: a client WebSocket message goes upstream as one message with the same opcode and
 * FIN (or as plain bytes to a TCP broker), and the broker's the same way back; close frames pass with their code and
 * reason. With {@code repairPaddedLength} a {@link PaddedLengthRepair} holds the client's bytes until the decoder
 * frames each packet, and a packet with a padded Remaining Length goes upstream repaired.
 */
final class TappedConnection implements UpstreamSetup.Outcome {
    private final Wiretap tap;
    private final TapSettings settings;
    private final String id;
    private final Channel inbound;
    private final PacketTap toBroker;
    private final PacketTap toClient;
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    private UpstreamSetup setup;
    private boolean clientWebSocket;
    private boolean upstreamStarted;
    private boolean closed;
    private String by;
    private Integer closeCode;
    private String closeReason;
    private boolean reset;
    private String verdict;
    private long lastPacketNanos = -1;
    private DecodedPacket lastClientPacket;
    private long lastClientPacketNanos;
    private boolean connackSeen;
    private String connackRefusal;
    private DecodedPacket connack;
    private boolean upstreamCloseSent;
    private boolean clientCloseSent;
    /** --repair padded-length: null unless asked for. */
    private final PaddedLengthRepair repair;

    TappedConnection(Wiretap tap, String id, Channel inbound) {
        this.tap = tap;
        this.settings = tap.settings();
        this.id = id;
        this.inbound = inbound;
        RelayListener decoded = new RelayListener() {
            @Override
            public void onPacket(PacketEvent e) {
                packet(e);
            }

            @Override
            public void onStreamFinding(String connectionId, Direction direction, Finding finding) {
                emit(new TapEvent.StreamFinding(id, System.nanoTime(), Instant.now(), direction, finding));
            }
        };
        this.toBroker = new PacketTap(id, Direction.CLIENT_TO_BROKER, decoded, (type, value) -> { });
        this.toClient = new PacketTap(id, Direction.BROKER_TO_CLIENT, decoded, this::brokerAnswered);
        this.repair = settings.repairPaddedLength()
                ? new PaddedLengthRepair(inbound.alloc(), bytes -> send(bytes, null, true)) : null;
        PacketTap.pair(toBroker, toClient);
    }

    ListenUrl listen() {
        return tap.listening();
    }

    Verdicts words() {
        return tap.words();
    }

    io.netty.handler.ssl.SslContext serverTls() {
        return settings.serverTls();
    }

    // ---------------------------------------------------------------- the client's handshake

    /** Called from the channel initializer: the sniffer first, this connection's handler last. */
    void install() {
        inbound.pipeline().addLast(ClientSniffer.NAME, new ClientSniffer(this, !settings.listen().kind().secure()));
        inbound.pipeline().addLast("client", new ClientHandler());
    }

    private void opened() {
        InetSocketAddress remote = (InetSocketAddress) inbound.remoteAddress();
        String client = remote == null ? "?" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
        emit(new TapEvent.Opened(id, System.nanoTime(), Instant.now(), client, listen().toString()));
        inbound.read();
    }

    /** The client speaks MQTT on a byte stream: the upstream can open. */
    void streamOpened() {
        startUpstream(null, null);
    }

    void httpExchange(String method, String uri, Map<String, String> request, int status,
                      Map<String, String> response, String asked, String answered) {
        emit(new TapEvent.HttpExchange(id, System.nanoTime(), Instant.now(), method, uri, request, status, response,
                asked, answered));
    }

    /** The 101 is out: the client speaks WebSocket now. */
    void webSocketOpened(String subprotocol, String query) {
        clientWebSocket = true;
        startUpstream(subprotocol, query);
    }

    /** The tap answered the HTTP request with a refusal (404, 400); the response closes the connection. */
    void refused(String why) {
        verdict = why;
        by = "tap";
    }

    /** The client does not speak what the listener expects: the verdict says so and the client is let go. */
    void mismatch(String why) {
        if (closed) {
            return;
        }
        if (verdict == null) {
            verdict = why;
        }
        by = by == null ? "tap" : by;
        closeBoth("tap");
    }

    private void startUpstream(String subprotocol, String query) {
        if (closed || upstreamStarted) {
            return;
        }
        upstreamStarted = true;
        Profile p = settings.upstream();
        if (p.transport() != null && p.transport().webSocket()) {
            Profile.Builder b = p.toBuilder();
            if (subprotocol != null) {
                b.wsSubprotocol(subprotocol); // the broker sees the subprotocol the client asked for
            }
            String path = p.wsPath() == null || p.wsPath().isBlank() ? "/" : p.wsPath();
            if (query != null && !path.contains("?")) {
                b.wsPath(path + "?" + query); // a token in the client's query string reaches the broker
            }
            p = b.build();
        }
        setup = new UpstreamSetup(p, tap.tls(), Wiretap.DNS, inbound.eventLoop(), new UpstreamHandler(), this);
        setup.start();
    }

    @Override
    public void ready() {
        if (closed) {
            return;
        }
        while (!early.isEmpty()) {
            Object m = early.poll();
            if (m instanceof WebSocketFrame f) {
                clientFrame(f);
            } else {
                clientData((ByteBuf) m, null, true);
            }
        }
        setup.channel().flush();
        updateReading();
    }

    @Override
    public void failed(Stage stage, String detail) {
        if (closed) {
            return;
        }
        if (verdict == null) {
            verdict = words().text("verdict.upstream_failed", stage, detail);
        }
        closeBoth("broker");
    }

    // ---------------------------------------------------------------- client -> broker

    private void clientRead(Object msg) {
        if (closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (setup == null || !setup.ready()) {
            early.add(msg); // reading is off until the upstream is up: at most one read's worth waits here
            return;
        }
        if (msg instanceof WebSocketFrame f) {
            clientFrame(f);
        } else if (msg instanceof ByteBuf b) {
            clientData(b, null, true);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void clientFrame(WebSocketFrame f) {
        message(Direction.CLIENT_TO_BROKER, f);
        switch (f.opcode()) {
            case BINARY, TEXT, CONTINUATION -> clientData(f.content(), f.opcode(), f.fin());
            case CLOSE -> {
                closedBy("client", f.closeCode(), f.closeReason());
                Channel out = setup.channel();
                if (setup.webSocket() && out.isActive() && !upstreamCloseSent) {
                    upstreamCloseSent = true;
                    Integer code = f.closeCode();
                    out.writeAndFlush(WebSocketFrame.close(code == null ? -1 : code, f.closeReason()));
                }
                f.release(); // the codec answers the client's close and closes its side
            }
            default -> f.release(); // ping (the codec answers it) and pong stay on their hop
        }
    }

    private void clientData(ByteBuf payload, WebSocketOpcode opcode, boolean fin) {
        toBroker.observe(payload);
        if (repair != null) {
            repair.add(payload); // whole packets go on, repaired where padded
        } else {
            send(payload, opcode, fin);
        }
    }

    private void send(ByteBuf payload, WebSocketOpcode opcode, boolean fin) {
        Channel out = setup.channel();
        if (setup.webSocket()) {
            out.write(opcode == null ? WebSocketFrame.binary(payload) : new WebSocketFrame(opcode, fin, payload, -1));
        } else {
            out.write(payload);
        }
    }

    void clientReadComplete() {
        if (setup != null && setup.channel() != null && setup.ready()) {
            setup.channel().flush();
        }
        updateReading();
    }

    // ---------------------------------------------------------------- broker -> client

    private void brokerFrame(WebSocketFrame f) {
        message(Direction.BROKER_TO_CLIENT, f);
        switch (f.opcode()) {
            case BINARY, TEXT, CONTINUATION -> brokerData(f.content(), f.opcode(), f.fin());
            case CLOSE -> {
                closedBy("broker", f.closeCode(), f.closeReason());
                if (clientWebSocket && inbound.isActive() && !clientCloseSent) {
                    clientCloseSent = true;
                    Integer code = f.closeCode();
                    inbound.writeAndFlush(WebSocketFrame.close(code == null ? -1 : code, f.closeReason()));
                }
                f.release(); // the upstream codec answers and closes its side
            }
            default -> f.release();
        }
    }

    private void brokerData(ByteBuf payload, WebSocketOpcode opcode, boolean fin) {
        if (closed) {
            payload.release();
            return;
        }
        toClient.observe(payload);
        if (clientWebSocket) {
            inbound.write(opcode == null ? WebSocketFrame.binary(payload)
                    : new WebSocketFrame(opcode, fin, payload, -1));
        } else {
            inbound.write(payload);
        }
    }

    /** Reading stops on one side while the other cannot take more: nothing is buffered without bound. */
    void updateReading() {
        if (closed || setup == null || !setup.ready()) {
            return;
        }
        Channel out = setup.channel();
        inbound.config().setAutoRead(out.isWritable());
        out.config().setAutoRead(inbound.isWritable());
    }

    private void brokerAnswered(int type, int code) {
        if (type == 2) {
            connackSeen = true;
            if (code > 0) {
                connackRefusal = String.format(Locale.ROOT, "0x%02X %s", code, MqttSniffer.connackReason(code));
            }
        } else if (type > 0) {
            connackSeen = true;
        }
    }

    // ---------------------------------------------------------------- events

    private void packet(PacketEvent e) {
        DecodedPacket p = e.packet();
        lastPacketNanos = e.nanoTime();
        boolean repaired = false;
        if (e.direction() == Direction.CLIENT_TO_BROKER) {
            lastClientPacket = p;
            lastClientPacketNanos = e.nanoTime();
            if (repair != null) {
                repair.framed(p);
                repaired = PaddedLength.repairable(p);
            }
        } else if (p.type() == PacketType.CONNACK && connack == null) {
            connack = p;
        }
        emit(new TapEvent.Packet(id, e.nanoTime(), e.time(), e.direction(), p, repaired));
    }

    private void message(Direction from, WebSocketFrame f) {
        emit(new TapEvent.WebSocketMessage(id, System.nanoTime(), Instant.now(), from, f.opcode().wireName(), f.fin(),
                ByteBufUtil.getBytes(f.content()), f.streamOffset(), f.closeCode(), f.closeReason()));
    }

    private void emit(TapEvent e) {
        tap.events().accept(e);
    }

    private void closedBy(String side, Integer code, String reason) {
        if (by == null) {
            by = side;
            closeCode = code;
            closeReason = reason;
        }
    }

    // ---------------------------------------------------------------- the end

    /** The tap stops: both sides close, with no verdict. */
    void stop() {
        inbound.eventLoop().execute(() -> closeBoth("tap"));
    }

    /** Closes both sides once, after flushing what is queued, and tells how it ended. */
    void closeBoth(String side) {
        if (closed) {
            return;
        }
        if (by == null) {
            by = side;
        }
        closed = true;
        if (setup != null) {
            setup.cancel();
        }
        while (!early.isEmpty()) {
            ReferenceCountUtil.release(early.poll());
        }
        if (repair != null) {
            Channel out = setup == null ? null : setup.channel();
            repair.finish(out != null && out.isActive() && setup.ready());
        }
        toBroker.finish();
        toClient.finish();
        long since = lastPacketNanos < 0 ? -1
                : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastPacketNanos);
        String v = verdict != null ? verdict : judge();
        emit(new TapEvent.Closed(id, System.nanoTime(), Instant.now(), by, closeCode, closeReason, reset, since,
                repair == null ? 0 : repair.repaired(), v));
        if (inbound.isActive()) {
            inbound.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            inbound.close();
        }
        Channel out = setup == null ? null : setup.channel();
        if (out != null) {
            if (out.isActive()) {
                out.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                out.close();
            }
        }
        tap.forget(this);
    }

    /** The verdict of a connection that ended on its own: null when nothing went wrong. */
    private String judge() {
        Verdicts w = words();
        if (connackRefusal != null) {
            return w.text("verdict.connack_refused", connack != null && connack.diagnosis() != null
                    ? connack.diagnosis() : connackRefusal);
        }
        DecodedPacket suspect = lastClientPacket != null && lastClientPacket.malformed() ? lastClientPacket : null;
        long afterClient = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastClientPacketNanos);
        if ("broker".equals(by)) {
            if (suspect != null) {
                return w.text("verdict.malformed_then_closed", afterClient, suspect.type().name(), suspect.index(),
                        what(suspect));
            }
            if (toBroker.sniffedConnect() && !connackSeen && lastClientPacket != null) {
                return w.text("verdict.no_connack", afterClient, lastClientPacket.index());
            }
        }
        if (closeCode != null && closeCode != 1000 && closeCode != 1001) {
            return w.text("verdict.ws_close", w.side(by), closeCode,
                    closeReason == null || closeReason.isEmpty() ? "" : " \"" + closeReason + "\"");
        }
        if (reset) {
            return w.text("verdict.reset", w.side(by));
        }
        if (suspect != null) {
            return w.text("verdict.malformed_at_close", w.side("client"), suspect.type().name(), suspect.index(),
                    what(suspect));
        }
        return null;
    }

    /** What is wrong with a malformed packet, in the decoder's own words: its diagnosis, else its first finding. */
    private static String what(DecodedPacket p) {
        if (p.diagnosis() != null) {
            return p.diagnosis();
        }
        for (Finding f : p.findings()) {
            if (f.severity() != Severity.INFO) {
                return f.field() + ": " + f.message();
            }
        }
        return p.type().name();
    }

    private void clientGone(Throwable error) {
        if (error instanceof IOException) {
            reset = true;
        }
        closeBoth("client");
    }

    private void brokerGone(Throwable error) {
        if (closed) {
            return;
        }
        if (setup != null && !setup.ready()) {
            if (error == null) {
                failed(setup.stage(), setup.closedDuringSetup());
            } else {
                FailureText.Classified c = setup.explain(error);
                failed(c.stage(), c.detail());
            }
            return;
        }
        if (error instanceof SSLException && !connackSeen) {
            // TLS 1.3: a refused client certificate arrives after the handshake completed
            FailureText.Classified c = setup.explain(error);
            failed(c.stage(), c.detail());
            return;
        }
        if (error instanceof IOException) {
            reset = true;
        } else if (error instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException) {
            verdict = words().text("verdict.websocket_error", words().side("broker"), error.getMessage());
        }
        closeBoth("broker");
    }

    /** Last handler of the client pipeline: frames or bytes from the client, and its end. */
    private final class ClientHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            opened();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            clientRead(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            clientReadComplete();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            updateReading();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeBoth("client");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException) {
                verdict = words().text("verdict.websocket_error", words().side("client"), cause.getMessage());
            } else if (cause instanceof io.netty.handler.codec.DecoderException && cause.getCause()
                    instanceof SSLException) {
                return; // the TLS handshake's own listener says it
            }
            clientGone(cause);
        }
    }

    /** Tail of the upstream pipeline: the broker's frames or bytes, and its end. */
    private final class UpstreamHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (closed) {
                ReferenceCountUtil.release(msg);
            } else if (msg instanceof WebSocketFrame frame) {
                brokerFrame(frame);
            } else if (msg instanceof ByteBuf buf) {
                brokerData(buf, null, true);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            inbound.flush();
            updateReading();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            updateReading();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            brokerGone(null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            brokerGone(cause);
        }
    }
}
