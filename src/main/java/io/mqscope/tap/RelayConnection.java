package io.mqscope.tap;

import io.mqscope.profile.Profile;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Severity;
import io.mqscope.wire.StreamDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One relayed connection: the accepted client channel, its upstream channel, the two stream decoders and the stage
 * bookkeeping. Everything runs on the client channel's event loop; the upstream channel shares that loop.
 */
final class RelayConnection {
    /** Largest MQTT packet (256 MB) plus framing: a WebSocket frame may carry one whole packet. */
    private static final int MAX_WS_FRAME = 268_435_455 + 5;
    private static final int MAX_HTTP_RESPONSE = 64 * 1024;

    private final Relay relay;
    private final Profile profile;
    private final RelayListener listener;
    private final String id;
    private final Channel inbound;
    private final DirectionTap toBroker;
    private final DirectionTap toClient;
    private final String target;
    private final String proxyTarget;
    private final int timeoutMillis;
    private Channel outbound;
    private SslHandler sslHandler;
    private ProxyHandler proxyHandler;
    private WebSocketClientHandshaker handshaker;
    private ScheduledFuture<?> setupTimeout;
    private Stage stage = Stage.DNS;
    private boolean ready;
    private boolean failed;
    private boolean closed;
    private boolean connackSeen;
    private String wsCloseFromBroker;
    private DecodedPacket lastClientPacket;

    RelayConnection(Relay relay, Profile profile, RelayListener listener, String id, Channel inbound) {
        this.relay = relay;
        this.profile = profile;
        this.listener = listener;
        this.id = id;
        this.inbound = inbound;
        this.toBroker = new DirectionTap(Direction.CLIENT_TO_BROKER);
        this.toClient = new DirectionTap(Direction.BROKER_TO_CLIENT);
        this.target = hostPort(profile.host(), port(profile));
        Profile.ProxySettings proxy = profile.proxy();
        this.proxyTarget = usesProxy(proxy) ? hostPort(proxy.host(), proxy.port()) : null;
        this.timeoutMillis = Math.max(1, profile.connectTimeoutSeconds()) * 1000;
    }

    String id() {
        return id;
    }

    // ---------------------------------------------------------------- upstream set-up

    /** Called on the event loop once the client is accepted (its autoRead is off until the upstream is ready). */
    void open() {
        setupTimeout = inbound.eventLoop().schedule(() -> {
            if (!ready && !closed) {
                failStage(stage, "no progress within " + timeoutMillis / 1000 + " s during the " + stage
                        + " stage with " + target);
            }
        }, timeoutMillis + 500L, TimeUnit.MILLISECONDS);
        if (proxyTarget != null) {
            // the proxy resolves the broker's name; only the proxy's own name is resolved here
            stage = Stage.DNS;
            resolve(profile.proxy().host(), profile.proxy().port(),
                    proxyAddress -> connect(InetSocketAddress.createUnresolved(profile.host(), port(profile)),
                            proxyAddress));
        } else {
            resolve(profile.host(), port(profile), address -> connect(address, null));
        }
    }

    private void resolve(String host, int port, java.util.function.Consumer<InetSocketAddress> then) {
        relay.dnsExecutor().execute(() -> {
            InetSocketAddress address;
            try {
                address = new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (java.net.UnknownHostException e) {
                inbound.eventLoop().execute(() -> failStage(Stage.DNS, "unknown host '" + host + "'"
                        + (proxyTarget != null ? " (the proxy)" : "")
                        + ": the name does not resolve (" + FailureText.messages(e) + ")"));
                return;
            } catch (RuntimeException e) {
                inbound.eventLoop().execute(() -> failStage(Stage.DNS, "cannot resolve '" + host + "': "
                        + FailureText.messages(e)));
                return;
            }
            inbound.eventLoop().execute(() -> then.accept(address));
        });
    }

    private void connect(SocketAddress brokerAddress, InetSocketAddress proxyAddress) {
        if (closed) {
            return;
        }
        stage = Stage.TCP;
        Transport t = new Transport(profile);
        if (t.secure) {
            UpstreamTls tls = relay.tls();
            if (tls.loadError() != null) {
                stage = Stage.TLS;
                failStage(Stage.TLS, "cannot use the TLS settings: " + tls.loadError());
                return;
            }
        }
        Bootstrap b = new Bootstrap()
                .group(inbound.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (proxyAddress != null) {
                            proxyHandler = newProxyHandler(proxyAddress);
                            proxyHandler.setConnectTimeoutMillis(timeoutMillis);
                            p.addLast("proxy", proxyHandler);
                        }
                        if (t.secure) {
                            sslHandler = relay.tls().newHandler(ch.alloc(), profile.host(), port(profile),
                                    timeoutMillis);
                            p.addLast("tls", sslHandler);
                        }
                        if (t.webSocket) {
                            p.addLast("http", new HttpClientCodec());
                            p.addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_RESPONSE));
                        }
                        p.addLast("upstream", new UpstreamHandler());
                    }
                });
        if (proxyAddress != null) {
            // the proxy handler redirects the connect to the proxy; the broker's name stays unresolved for it
            b.resolver(NoopAddressResolverGroup.INSTANCE);
        }
        ChannelFuture f = b.connect(brokerAddress);
        outbound = f.channel();
        f.addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess()) {
                fail(done.cause());
                return;
            }
            if (closed) {
                done.channel().close();
                return;
            }
            afterTcp();
        });
    }

    private ProxyHandler newProxyHandler(InetSocketAddress proxyAddress) {
        Profile.ProxySettings p = profile.proxy();
        boolean auth = p.username() != null && !p.username().isEmpty();
        if ("socks5".equalsIgnoreCase(p.type())) {
            return auth ? new Socks5ProxyHandler(proxyAddress, p.username(), p.password() == null ? "" : p.password())
                    : new Socks5ProxyHandler(proxyAddress);
        }
        return auth ? new HttpProxyHandler(proxyAddress, p.username(), p.password() == null ? "" : p.password())
                : new HttpProxyHandler(proxyAddress);
    }

    private void afterTcp() {
        if (proxyHandler != null) {
            stage = Stage.PROXY;
            proxyHandler.connectFuture().addListener(done -> {
                if (done.isSuccess()) {
                    afterProxy();
                } else {
                    fail(done.cause());
                }
            });
        } else {
            afterProxy();
        }
    }

    private void afterProxy() {
        if (closed) {
            return;
        }
        if (sslHandler != null) {
            stage = Stage.TLS;
            sslHandler.handshakeFuture().addListener((Future<Channel> done) -> {
                if (done.isSuccess()) {
                    relay.tls().takePresented(sslHandler.engine());
                    afterTls();
                } else {
                    fail(done.cause());
                }
            });
        } else {
            afterTls();
        }
    }

    private void afterTls() {
        if (closed) {
            return;
        }
        Transport t = new Transport(profile);
        if (!t.webSocket) {
            upstreamReady();
            return;
        }
        stage = Stage.WEBSOCKET;
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> h : profile.wsHeaders().entrySet()) {
            headers.add(h.getKey(), h.getValue());
        }
        String sub = subprotocol();
        try {
            URI uri = webSocketUri(t.secure);
            handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, sub, false,
                    headers, MAX_WS_FRAME, true, false);
        } catch (java.net.URISyntaxException | RuntimeException e) {
            failStage(Stage.WEBSOCKET, "cannot build the WebSocket upgrade request for path '" + wsPath() + "': "
                    + FailureText.messages(e));
            return;
        }
        handshaker.handshake(outbound).addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess()) {
                fail(done.cause());
            }
        });
    }

    private void upgradeResponse(ChannelHandlerContext ctx, FullHttpResponse response) {
        int code = response.status().code();
        if (code != 101) {
            String body = response.content().toString(StandardCharsets.UTF_8);
            StringBuilder d = new StringBuilder("WebSocket upgrade refused: ").append(response.protocolVersion())
                    .append(' ').append(response.status());
            if (code == 404) {
                d.append(" (wrong WebSocket path '").append(wsPath()).append("'?)");
            }
            String first = firstLines(body, 3);
            if (!first.isEmpty()) {
                d.append("; body: ").append(first);
            }
            failStage(Stage.WEBSOCKET, d.toString());
            return;
        }
        String sub = subprotocol();
        String echoed = response.headers().get("Sec-WebSocket-Protocol");
        if (sub != null && (echoed == null || echoed.isBlank())) {
            failStage(Stage.WEBSOCKET, "the broker accepted the WebSocket upgrade but did not echo the '" + sub
                    + "' subprotocol (no Sec-WebSocket-Protocol in its 101 response); MQTT over WebSocket requires"
                    + " it [MQTT-6.0.0-4], and browsers and mini programs drop such a connection");
            return;
        }
        if (sub != null && !sub.equalsIgnoreCase(echoed.trim())) {
            failStage(Stage.WEBSOCKET, "the broker answered the WebSocket upgrade with subprotocol '" + echoed.trim()
                    + "' instead of the requested '" + sub + "'");
            return;
        }
        try {
            handshaker.finishHandshake(ctx.channel(), response);
        } catch (RuntimeException e) {
            failStage(Stage.WEBSOCKET, "invalid WebSocket upgrade response (" + response.protocolVersion() + " "
                    + response.status() + "): " + FailureText.messages(e));
            return;
        }
        upstreamReady();
    }

    private void upstreamReady() {
        if (closed) {
            return;
        }
        ready = true;
        stage = Stage.MQTT;
        if (setupTimeout != null) {
            setupTimeout.cancel(false);
        }
        updateReading();
    }

    // ---------------------------------------------------------------- data paths

    /** Bytes the MQTT client wrote: decode, then forward untouched. */
    void fromClient(ByteBuf buf) {
        if (closed || outbound == null) {
            buf.release();
            return;
        }
        toBroker.observe(buf);
        if (handshaker != null) {
            int length = buf.readableBytes();
            outbound.write(new BinaryWebSocketFrame(buf));
            frameEvent(Direction.CLIENT_TO_BROKER, "binary", true, length, null, null);
        } else {
            outbound.write(buf);
        }
    }

    void clientReadComplete() {
        if (outbound != null) {
            outbound.flush();
        }
        updateReading();
    }

    /** Bytes the broker wrote (already unwrapped from TLS and WebSocket): decode, then forward untouched. */
    private void fromBroker(ByteBuf buf) {
        if (closed) {
            buf.release();
            return;
        }
        toClient.observe(buf);
        inbound.write(buf);
    }

    /** Reading stops on one side while the other side cannot take more: memory stays bounded. */
    void updateReading() {
        if (closed) {
            return;
        }
        Channel out = outbound;
        inbound.config().setAutoRead(ready && out != null && out.isWritable());
        if (out != null && ready) {
            out.config().setAutoRead(inbound.isWritable());
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
        if (!ready) {
            failStage(stage, closedDuringSetup());
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
            report(Stage.MQTT, detail);
            reason.append(": ").append(detail);
        } else if (suspect != null) {
            reason.append(" right after ").append(suspect);
        }
        closeBoth(reason.toString());
    }

    private String closedDuringSetup() {
        String base = "the broker at " + target + " closed the connection during the " + stage + " stage";
        return switch (stage) {
            case TLS -> base + " before the TLS handshake finished (not a TLS port, or the broker refused the"
                    + " handshake without an alert)";
            case WEBSOCKET -> base + " without answering the upgrade request for path '" + wsPath()
                    + "' (wrong WebSocket path, or not a WebSocket port)";
            case PROXY -> base + " before the proxy tunnel was open";
            default -> base;
        };
    }

    /** The last client packet, when it had findings: the likely reason the broker hung up. */
    private String suspectPacket() {
        DecodedPacket p = lastClientPacket;
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

    void fail(Throwable error) {
        if (closed || failed) {
            return;
        }
        X509Certificate[] chain = sslHandler == null ? null : relay.tls().takePresented(sslHandler.engine());
        String ca = profile.tls() == null ? null : profile.tls().caFile();
        if (!ready && FailureText.has(error, java.nio.channels.ClosedChannelException.class)) {
            failStage(stage, closedDuringSetup());
            return;
        }
        FailureText.Classified c = FailureText.classify(error, stage, target, proxyTarget, chain, ca,
                profile.host(), timeoutMillis);
        failStage(c.stage(), c.detail());
    }

    private void failStage(Stage s, String detail) {
        if (closed || failed) {
            return;
        }
        report(s, detail);
        closeBoth("upstream failed at the " + s + " stage: " + detail);
    }

    private void report(Stage s, String detail) {
        if (failed) {
            return;
        }
        failed = true;
        try {
            listener.onUpstreamFailure(new UpstreamFailure(id, Instant.now(), s, detail));
        } catch (RuntimeException e) {
            // a listener bug must not stop the relay
        }
    }

    /** Closes both sides once, after flushing what is already queued, and tells the listener why. */
    void closeBoth(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        if (setupTimeout != null) {
            setupTimeout.cancel(false);
        }
        toBroker.finish();
        toClient.finish();
        try {
            listener.onClosed(id, reason);
        } catch (RuntimeException e) {
            // a listener bug must not stop the relay
        }
        if (inbound.isActive()) {
            inbound.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            inbound.close();
        }
        Channel out = outbound;
        if (out != null) {
            if (out.isActive() && ready && handshaker != null && wsCloseFromBroker == null) {
                frameEvent(Direction.CLIENT_TO_BROKER, "close", true, 2, 1000, "");
                out.writeAndFlush(new CloseWebSocketFrame(1000, null)).addListener(ChannelFutureListener.CLOSE);
            } else if (out.isActive()) {
                out.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                out.close();
            }
        }
        relay.forget(this);
    }

    // ---------------------------------------------------------------- events

    private void frameEvent(Direction d, String opcode, boolean fin, int length, Integer code, String reason) {
        try {
            listener.onWebSocketFrame(new WebSocketFrameEvent(id, System.nanoTime(), Instant.now(), d, opcode, fin,
                    length, code, reason));
        } catch (RuntimeException e) {
            // a listener bug must not stop the relay
        }
    }

    private void streamFinding(Direction d, Finding f) {
        try {
            listener.onStreamFinding(id, d, f);
        } catch (RuntimeException e) {
            // a listener bug must not stop the relay
        }
    }

    /** One direction: the sniffer for stage reporting and the full decoder for packet events. */
    private final class DirectionTap {
        private final Direction direction;
        private final StreamDecoder decoder;
        private final MqttSniffer sniffer = new MqttSniffer();
        private boolean decoderBroken;
        private int findingsReported;
        private long offset;

        DirectionTap(Direction direction) {
            this.direction = direction;
            this.decoder = new StreamDecoder(direction, 0);
        }

        boolean sniffedConnect() {
            return sniffer.firstType() == 1;
        }

        void observe(ByteBuf buf) {
            int len = buf.readableBytes();
            if (len == 0) {
                return;
            }
            byte[] bytes = ByteBufUtil.getBytes(buf, buf.readerIndex(), len, false);
            if (!sniffer.done()) {
                sniff(bytes, len);
            }
            if (!decoderBroken) {
                try {
                    decoder.feed(bytes, 0, len, this::packet);
                    if (direction == Direction.CLIENT_TO_BROKER && decoder.protocolVersion() != 0
                            && toClient.decoder.protocolVersion() == 0) {
                        toClient.decoder.setProtocolVersion(decoder.protocolVersion());
                    }
                    reportStreamFindings();
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    decoderBroken = true;
                    streamFinding(direction, new Finding(Severity.INFO, "stream", (int) Math.min(offset,
                            Integer.MAX_VALUE), 0, "packet decoding stopped for this direction ("
                            + FailureText.messages(e) + "); bytes are still forwarded untouched", ""));
                }
            }
            offset += len;
        }

        private void sniff(byte[] bytes, int len) {
            boolean connectSide = direction == Direction.CLIENT_TO_BROKER;
            if (!sniffer.feed(bytes, len, connectSide)) {
                return;
            }
            if (connectSide) {
                int level = sniffer.value();
                if (sniffer.firstType() == 1 && level >= 3 && level <= 5 && toClient.decoder.protocolVersion() == 0
                        && (decoderBroken || decoder.protocolVersion() == 0)) {
                    safeSetVersion(toClient.decoder, level);
                }
            } else if (sniffer.firstType() == 2) {
                connackSeen = true;
                int code = sniffer.value();
                if (code > 0) {
                    report(Stage.MQTT, String.format(Locale.ROOT, "CONNACK refused the connection: 0x%02X %s",
                            code, MqttSniffer.connackReason(code)));
                }
            } else if (sniffer.firstType() > 0) {
                connackSeen = true; // not MQTT-conformant, but the broker did answer; the decoder reports it
            }
        }

        private void safeSetVersion(StreamDecoder d, int level) {
            try {
                d.setProtocolVersion(level);
            } catch (RuntimeException e) {
                // the decoder learns it on its own
            }
        }

        private void packet(DecodedPacket p) {
            if (direction == Direction.CLIENT_TO_BROKER) {
                lastClientPacket = p;
            }
            try {
                listener.onPacket(new PacketEvent(id, System.nanoTime(), Instant.now(), direction, p));
            } catch (RuntimeException e) {
                // a listener bug must not stop the relay
            }
        }

        private void reportStreamFindings() {
            List<Finding> all = decoder.streamFindings();
            for (int i = findingsReported; i < all.size(); i++) {
                streamFinding(direction, all.get(i));
            }
            findingsReported = all.size();
        }

        void finish() {
            if (decoderBroken) {
                return;
            }
            try {
                decoder.finish(this::packet);
                reportStreamFindings();
            } catch (RuntimeException | LinkageError | AssertionError e) {
                decoderBroken = true;
            }
        }
    }

    // ---------------------------------------------------------------- handlers

    /** Tail of the upstream pipeline: upgrade response, WebSocket frames or plain bytes from the broker. */
    private final class UpstreamHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpResponse response) {
                try {
                    if (handshaker != null && !handshaker.isHandshakeComplete()) {
                        upgradeResponse(ctx, response);
                    }
                } finally {
                    response.release();
                }
            } else if (msg instanceof WebSocketFrame frame) {
                webSocketFrame(ctx, frame);
            } else if (msg instanceof ByteBuf buf) {
                fromBroker(buf);
            } else {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }

        private void webSocketFrame(ChannelHandlerContext ctx, WebSocketFrame frame) {
            int length = frame.content().readableBytes();
            if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
                frameEvent(Direction.BROKER_TO_CLIENT, frame instanceof BinaryWebSocketFrame ? "binary"
                        : "continuation", frame.isFinalFragment(), length, null, null);
                fromBroker(frame.content());
            } else if (frame instanceof TextWebSocketFrame) {
                frameEvent(Direction.BROKER_TO_CLIENT, "text", frame.isFinalFragment(), length, null, null);
                streamFinding(Direction.BROKER_TO_CLIENT, new Finding(Severity.ERROR, "websocket_opcode",
                        (int) Math.min(toClient.offset, Integer.MAX_VALUE), 0,
                        "the broker sent MQTT in a WebSocket text frame; MQTT must be sent in binary frames",
                        "3.1.1 §6.0 [MQTT-6.0.0-1]"));
                fromBroker(frame.content());
            } else if (frame instanceof PingWebSocketFrame) {
                frameEvent(Direction.BROKER_TO_CLIENT, "ping", frame.isFinalFragment(), length, null, null);
                frameEvent(Direction.CLIENT_TO_BROKER, "pong", true, length, null, null);
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content()));
            } else if (frame instanceof PongWebSocketFrame) {
                frameEvent(Direction.BROKER_TO_CLIENT, "pong", frame.isFinalFragment(), length, null, null);
                frame.release();
            } else if (frame instanceof CloseWebSocketFrame close) {
                int code = close.statusCode();
                String reason = close.reasonText();
                frameEvent(Direction.BROKER_TO_CLIENT, "close", close.isFinalFragment(), length,
                        code < 0 ? null : code, reason);
                wsCloseFromBroker = "WebSocket close" + (code < 0 ? "" : " code " + code)
                        + (reason == null || reason.isEmpty() ? "" : " reason '" + reason + "'");
                frame.release();
                if (ctx.channel().isActive()) {
                    frameEvent(Direction.CLIENT_TO_BROKER, "close", true, code < 0 ? 0 : 2, code < 0 ? null : code,
                            null);
                    ctx.writeAndFlush(new CloseWebSocketFrame(code < 0 ? 1000 : code, null))
                            .addListener(ChannelFutureListener.CLOSE);
                }
            } else {
                frame.release();
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
            brokerClosed();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ready && connackSeen) {
                closeBoth("upstream error: " + FailureText.messages(cause));
            } else {
                // before CONNACK an error is a set-up failure; with TLS 1.3 a rejected client certificate
                // arrives only after the client's handshake has completed
                fail(cause);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private String subprotocol() {
        String s = profile.wsSubprotocol();
        return s == null || s.isBlank() ? null : s.trim();
    }

    private String wsPath() {
        String p = profile.wsPath();
        if (p == null || p.isBlank()) {
            return "/";
        }
        return p.startsWith("/") ? p : "/" + p;
    }

    /**
     * The upgrade URI. The path is used as written, query included ({@code /mqtt?token=...} as some clouds use),
     * so already-escaped characters are not escaped twice; only a path that is not a valid URI gets escaped.
     */
    private URI webSocketUri(boolean secure) throws java.net.URISyntaxException {
        String scheme = secure ? "wss" : "ws";
        String host = profile.host().contains(":") && !profile.host().startsWith("[")
                ? "[" + profile.host() + "]" : profile.host();
        try {
            return new URI(scheme + "://" + host + ":" + port(profile) + wsPath());
        } catch (java.net.URISyntaxException e) {
            String path = wsPath();
            int q = path.indexOf('?');
            return new URI(scheme, null, profile.host(), port(profile), q < 0 ? path : path.substring(0, q),
                    q < 0 ? null : path.substring(q + 1), null);
        }
    }

    private static boolean usesProxy(Profile.ProxySettings p) {
        return p != null && p.type() != null && !p.type().isBlank() && !"none".equalsIgnoreCase(p.type())
                && p.host() != null && !p.host().isBlank();
    }

    static int port(Profile p) {
        return p.port() > 0 ? p.port() : p.transport().defaultPort();
    }

    private static String hostPort(String host, int port) {
        return (host != null && host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String firstLines(String body, int n) {
        String[] lines = body.strip().split("\\R");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(n, lines.length); i++) {
            String l = lines[i].strip();
            if (l.isEmpty()) {
                continue;
            }
            if (b.length() > 0) {
                b.append(" | ");
            }
            b.append(l);
        }
        return b.length() > 300 ? b.substring(0, 300) + "..." : b.toString();
    }

    private static final class Transport {
        final boolean secure;
        final boolean webSocket;

        Transport(Profile p) {
            io.mqscope.profile.Transport t = p.transport() == null ? io.mqscope.profile.Transport.TCP : p.transport();
            secure = t.secure();
            webSocket = t.webSocket();
        }
    }
}
