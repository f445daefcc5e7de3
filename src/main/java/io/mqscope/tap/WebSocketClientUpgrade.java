package io.mqscope.tap;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The client's half of the WebSocket opening handshake (RFC 6455 §4.1), as a handler placed after an
 * {@link HttpClientCodec} and an {@link HttpObjectAggregator}. The request is Netty's own (key, Host, Origin,
 * version 13, the profile's headers); the answer is checked here so a refusal reads as something a person can act on
 * (status line, body, missing subprotocol [MQTT-6.0.0-4]). Once accepted, the HTTP handlers leave and a
 * {@link WebSocketFrameCodec} in the client role carries the bytes.
 */
final class WebSocketClientUpgrade extends ChannelInboundHandlerAdapter {
    static final String NAME = "websocket-upgrade";
    static final String CODEC_NAME = "websocket";
    /** Where Netty's handshaker puts its frame encoder once the request is sent (stands in for the codec). */
    private static final String NETTY_ENCODER_NAME = "ws-encoder";

    /** The broker's answer did not open a WebSocket; the message is the whole detail for the WEBSOCKET stage. */
    static final class Refused extends Exception {
        Refused(String detail) {
            super(detail, null, false, false);
        }
    }

    private final Handshake handshake;
    private final String path;
    private final String subprotocol;
    private final WebSocketFrameCodec codec;
    private ChannelPromise outcome;

    /**
     * @param path        the path as the user wrote it, for messages
     * @param subprotocol the requested subprotocol, or null for none
     */
    WebSocketClientUpgrade(URI uri, String path, String subprotocol, HttpHeaders headers, WebSocketFrameCodec codec,
                           int maxFramePayload) {
        this.handshake = new Handshake(uri, subprotocol, headers, maxFramePayload);
        this.path = path;
        this.subprotocol = subprotocol;
        this.codec = codec;
    }

    /**
     * Sends the upgrade request. The future succeeds once frames flow through the codec, or fails with {@link Refused}
     * (the broker's answer) or the I/O error that stopped the request.
     */
    ChannelFuture start(Channel channel) {
        outcome = channel.newPromise();
        handshake.handshake(channel).addListener((ChannelFutureListener) sent -> {
            if (!sent.isSuccess()) {
                outcome.tryFailure(sent.cause());
            }
        });
        return outcome;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpResponse response) || outcome == null || outcome.isDone()) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            answer(ctx, response);
        } finally {
            response.release();
        }
    }

    private void answer(ChannelHandlerContext ctx, FullHttpResponse response) {
        int code = response.status().code();
        if (code != 101) {
            StringBuilder d = new StringBuilder("WebSocket upgrade refused: ").append(response.protocolVersion())
                    .append(' ').append(response.status());
            if (code == 404) {
                d.append(" (wrong WebSocket path '").append(path).append("'?)");
            }
            // who answered (nginx, a CDN...): the check's verdict names it, and so does the session's
            String server = response.headers().get(HttpHeaderNames.SERVER);
            if (server != null && !server.isBlank()) {
                d.append("; server: ").append(server.trim());
            }
            String first = firstLines(response.content().toString(StandardCharsets.UTF_8), 3);
            if (!first.isEmpty()) {
                d.append("; body: ").append(first);
            }
            outcome.setFailure(new Refused(d.toString()));
            return;
        }
        String echoed = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (subprotocol != null && (echoed == null || echoed.isBlank())) {
            outcome.setFailure(new Refused("the broker accepted the WebSocket upgrade but did not echo the '"
                    + subprotocol + "' subprotocol (no Sec-WebSocket-Protocol in its 101 response); MQTT over"
                    + " WebSocket requires it [MQTT-6.0.0-4], and browsers and mini programs drop such a connection"));
            return;
        }
        if (subprotocol != null && !subprotocol.equalsIgnoreCase(echoed.trim())) {
            outcome.setFailure(new Refused("the broker answered the WebSocket upgrade with subprotocol '"
                    + echoed.trim() + "' instead of the requested '" + subprotocol + "'"));
            return;
        }
        try {
            handshake.check(response);
            toFrames(ctx.pipeline());
        } catch (RuntimeException e) {
            outcome.setFailure(new Refused("invalid WebSocket upgrade response (" + response.protocolVersion() + " "
                    + response.status() + "): " + FailureText.messages(e)));
            return;
        }
        outcome.setSuccess();
    }

    /**
     * As Netty's {@code finishHandshake}: the aggregator and the request encoder leave at once; the response decoder
     * a moment later, so bytes that came with the 101 still reach the codec (the decoder passes them on raw).
     */
    private void toFrames(ChannelPipeline p) {
        if (p.get(HttpObjectAggregator.class) != null) {
            p.remove(HttpObjectAggregator.class);
        }
        HttpClientCodec http = p.get(HttpClientCodec.class);
        if (http == null) {
            throw new IllegalStateException("ChannelPipeline does not contain an HttpClientCodec");
        }
        http.removeOutboundHandler();
        if (p.get(NETTY_ENCODER_NAME) != null) {
            p.replace(NETTY_ENCODER_NAME, CODEC_NAME, codec);
        } else {
            p.addAfter(p.context(http).name(), CODEC_NAME, codec);
        }
        p.remove(this);
        p.channel().eventLoop().execute(() -> {
            if (p.get(HttpClientCodec.class) != null) {
                p.remove(HttpClientCodec.class);
            }
        });
    }

    static String firstLines(String body, int n) {
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

    /** Netty's version 13 handshaker, used for its request and its checks; framing is ours. */
    private static final class Handshake extends WebSocketClientHandshaker13 {
        Handshake(URI uri, String subprotocol, HttpHeaders headers, int maxFramePayload) {
            super(uri, WebSocketVersion.V13, subprotocol, false, headers, maxFramePayload, true, false, -1L);
        }

        /** Netty's {@code verify} (status, Upgrade, Connection, Sec-WebSocket-Accept) and its subprotocol rule. */
        void check(FullHttpResponse response) {
            verify(response);
            String received = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
            received = received == null ? null : received.trim();
            String expected = expectedSubprotocol() == null ? "" : expectedSubprotocol();
            boolean valid = expected.isEmpty() && received == null;
            if (!expected.isEmpty() && received != null && !received.isEmpty()) {
                for (String p : expected.split(",")) {
                    valid |= p.trim().equals(received);
                }
            }
            if (!valid) {
                throw new WebSocketClientHandshakeException(String.format(
                        "Invalid subprotocol. Actual: %s. Expected one of: %s", received, expectedSubprotocol()));
            }
        }

        @Override
        protected WebSocketFrameDecoder newWebsocketDecoder() {
            throw new UnsupportedOperationException("frames are decoded by WebSocketFrameCodec");
        }

        @Override
        protected WebSocketFrameEncoder newWebSocketEncoder() {
            return new Placeholder();
        }
    }

    /** Holds the encoder's place between the request being sent and the answer; passes everything through. */
    private static final class Placeholder extends ChannelOutboundHandlerAdapter implements WebSocketFrameEncoder {
    }
}
