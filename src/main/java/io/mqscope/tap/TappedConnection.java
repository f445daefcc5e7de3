package io.mqscope.tap;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * One client of a {@link Wiretap} and its upstream: the client's handshake (told by {@link ClientSniffer} and
 * {@link WebSocketServerUpgrade}), the {@link UpstreamSetup} that starts once it is done, forwarding both ways with
 * backpressure, a {@link PacketTap} per direction, and its events; {@link TapEnding} keeps how it ended and judges
 * the verdict. Runs on the client channel's event loop, which the upstream channel shares.
 *
 * <p>Forwarding keeps the bytes: a client WebSocket message goes upstream as one message with the same opcode and
 * FIN (or as plain bytes to a TCP broker), and the broker's the same way back; close frames pass with their code and
 * reason. With {@code repairPaddedLength} a {@link PaddedLengthRepair} holds the client's bytes until the decoder
 * frames each packet, and a packet with a padded Remaining Length goes upstream repaired. When the upstream cannot
 * be opened, {@link EarlyClientBytes} still decodes what the client sent before the connection ends; when the broker
 * hangs up, it reads the client for a short grace the same way, so that what the client had already sent is shown.
 */
final class TappedConnection implements UpstreamSetup.Outcome {
    private final Wiretap tap;
    private final TapSettings settings;
    private final String id;
    private final Channel inbound;
    private final PacketTap toBroker;
    private final PacketTap toClient;
    private final EarlyClientBytes early;
    private final TapEnding ending = new TapEnding();
    private final ReadPacing pacing = new ReadPacing(); // the broker's stream, as the session relay reads it
    private UpstreamSetup setup;
    private boolean clientWebSocket;
    private boolean upstreamStarted;
    private boolean closed;
    private boolean upstreamCloseSent;
    private boolean clientCloseSent;
    private final HandshakeWatch handshake = new HandshakeWatch();
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
        this.toClient = new PacketTap(id, Direction.BROKER_TO_CLIENT, decoded, ending::brokerAnswered);
        this.repair = settings.repairPaddedLength()
                ? new PaddedLengthRepair(inbound.alloc(), bytes -> send(bytes, null, true)) : null;
        PacketTap.pair(toBroker, toClient);
        this.early = new EarlyClientBytes(toBroker, f -> message(Direction.CLIENT_TO_BROKER, f));
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
        inbound.pipeline().addLast(TapClientHandler.NAME, new TapClientHandler(this));
    }

    void opened() {
        InetSocketAddress remote = (InetSocketAddress) inbound.remoteAddress();
        String client = remote == null ? "?" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
        emit(new TapEvent.Opened(id, System.nanoTime(), Instant.now(), client, listen().toString()));
        handshake.start(inbound.eventLoop(), settings.handshakeTimeout(), this::handshakeTimedOut);
        inbound.read();
    }

    /** The client got this far with its handshake (TLS, HTTP): what a handshake timeout says it did not finish. */
    void handshaking(String phase) {
        handshake.reached(phase);
    }

    /** The client never spoke, or never finished its TLS handshake or WebSocket upgrade: it is let go. */
    private void handshakeTimedOut() {
        if (!upstreamStarted && !closed) {
            mismatch(VerdictText.of("verdict.handshake_timeout", settings.handshakeTimeout().toSeconds(),
                    VerdictText.of("handshake." + handshake.phase())));
        }
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
    void refused(VerdictText why) {
        ending.refused(why);
    }

    /** The client does not speak what the listener expects: the verdict says so and the client is let go. */
    void mismatch(VerdictText why) {
        if (closed) {
            return;
        }
        ending.verdictIfNone(why);
        closeBoth("tap");
    }

    private void startUpstream(String subprotocol, String query) {
        if (closed || upstreamStarted) {
            return;
        }
        upstreamStarted = true;
        handshake.done();
        setup = new UpstreamSetup(settings.upstreamFor(subprotocol, query), tap.tls(), Relay.BLOCKING,
                inbound.eventLoop(), new TapUpstreamHandler(this), this);
        setup.start();
    }

    @Override
    public void ready() {
        if (closed) {
            return;
        }
        early.replay(this::clientRead); // the upstream is ready: what waited goes as if read now
        setup.channel().flush();
        updateReading();
    }

    @Override
    public void failed(Stage stage, String detail, java.util.List<java.security.cert.X509Certificate> chain) {
        if (closed || early.draining()) {
            return;
        }
        emit(new TapEvent.UpstreamFailed(id, System.nanoTime(), Instant.now(), stage, detail, chain));
        ending.verdictIfNone(VerdictText.of("verdict.upstream_failed", stage, detail));
        ending.closedBy("broker");
        early.upstreamFailed(inbound, () -> closeBoth("broker")); // the user still sees their client's bytes
    }

    // ---------------------------------------------------------------- client -> broker

    void clientRead(Object msg) {
        if (closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (setup == null || !setup.ready() || early.draining()) {
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
                ending.closedBy("client", f.closeCode(), f.closeReason());
                if (setup.webSocket() && setup.channel().isActive() && !upstreamCloseSent) {
                    upstreamCloseSent = true;
                    Hops.passClose(setup.channel(), f);
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
        Hops.write(setup.channel(), setup.webSocket(), payload, opcode, fin);
    }

    void clientReadComplete() {
        if (setup != null && setup.channel() != null && setup.ready() && !early.draining()) {
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
                ending.closedBy("broker", f.closeCode(), f.closeReason());
                if (clientWebSocket && inbound.isActive() && !clientCloseSent) {
                    clientCloseSent = true;
                    Hops.passClose(inbound, f);
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
        int n = payload.readableBytes();
        toClient.observe(payload);
        Hops.write(inbound, clientWebSocket, payload, opcode, fin);
        if (pacing.readAndWritten(n)) {
            inbound.flush();
        }
    }

    /** Reading stops on one side while the other cannot take more, and on both while the tap is held. */
    void updateReading() {
        if (closed || setup == null || !setup.ready() || early.draining()) {
            return;
        }
        Channel out = setup.channel();
        inbound.config().setAutoRead(out.isWritable() && !tap.held());
        out.config().setAutoRead(inbound.isWritable() && !tap.held() && !pacing.paused());
    }

    // ---------------------------------------------------------------- events
    private void packet(PacketEvent e) {
        DecodedPacket p = e.packet();
        boolean late = e.direction() == Direction.CLIENT_TO_BROKER && early.afterBrokerClosed(p);
        if (!late) {
            ending.packet(e.direction(), p, e.nanoTime()); // a late packet is no cause of the broker's close
        }
        boolean repaired = false;
        if (e.direction() == Direction.CLIENT_TO_BROKER && repair != null) {
            repair.framed(p);
            repaired = !late && PaddedLength.repairable(p);
        }
        emit(new TapEvent.Packet(id, e.nanoTime(), e.time(), e.direction(), p, repaired, late));
    }

    private void message(Direction from, WebSocketFrame f) {
        long now = System.nanoTime();
        emit(new TapEvent.WebSocketMessage(id, now, EventClock.wallTime(now), from, f.opcode().wireName(), f.fin(),
                ByteBufUtil.getBytes(f.content()), f.streamOffset(), f.closeCode(), f.closeReason()));
    }

    private void emit(TapEvent e) {
        tap.events().accept(e);
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
        ending.closedBy(side);
        long end = ending.ended(System.nanoTime()); // the broker's close, when the client had a grace after it
        closed = true;
        handshake.done();
        if (setup != null) {
            setup.cancel();
        }
        early.release();
        if (repair != null) {
            Channel out = setup == null ? null : setup.channel();
            repair.finish(out != null && out.isActive() && setup.ready());
        }
        toBroker.finish();
        toClient.finish();
        VerdictText said = ending.finalVerdict(toBroker.sniffedConnect());
        emit(new TapEvent.Closed(id, end, EventClock.wallTime(end), ending.by(), ending.closeCode(),
                ending.closeReason(), ending.reset(), ending.sinceLastPacket(), repair == null ? 0 : repair.repaired(),
                said == null ? null : said.in(settings.locale()), said));
        Hops.closeAfterFlush(inbound);
        Channel out = setup == null ? null : setup.channel();
        if (out != null) {
            Hops.closeAfterFlush(out);
        }
        tap.forget(this);
    }

    void clientFailed(Throwable cause) {
        if (cause instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException) {
            ending.verdict(VerdictText.of("verdict.websocket_error", VerdictText.side("client"), cause.getMessage()));
        } else if (cause instanceof io.netty.handler.codec.DecoderException
                && cause.getCause() instanceof SSLException) {
            return; // the TLS handshake's own listener says it
        }
        if (cause instanceof IOException) {
            ending.wasReset();
        }
        closeBoth("client");
    }

    void brokerGone(Throwable error) {
        if (closed) {
            return;
        }
        if (setup != null && !setup.ready()) {
            if (error == null) {
                failed(setup.stage(), setup.closedDuringSetup());
            } else {
                FailureText.Classified c = setup.explain(error);
                failed(c.stage(), c.detail(), c.chain());
            }
            return;
        }
        if (error instanceof SSLException && !ending.connackSeen()) {
            // TLS 1.3: a refused client certificate arrives after the handshake completed
            FailureText.Classified c = setup.explain(error);
            failed(c.stage(), c.detail(), c.chain());
            return;
        }
        if (error instanceof IOException) {
            ending.wasReset();
        } else if (error instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException) {
            ending.verdict(VerdictText.of("verdict.websocket_error", VerdictText.side("broker"), error.getMessage()));
        }
        if (early.draining()) {
            return; // already in the grace after the broker's close (an error after its channel went inactive)
        }
        // the broker closed first (so says the verdict); client bytes still on their way are read and shown first
        ending.brokerClosed(System.nanoTime());
        early.brokerClosed(inbound, () -> Hops.shutdownOutputAfterFlush(inbound), () -> closeBoth("broker"));
    }

    void brokerRead(Object msg) {
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

    void brokerReadComplete() {
        inbound.flush();
        if (!closed && setup != null && setup.ready()) {
            pacing.burstEnded(inbound.eventLoop(), this::updateReading);
        }
        updateReading();
    }
}
