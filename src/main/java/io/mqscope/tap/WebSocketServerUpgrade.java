package io.mqscope.tap;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server's half of the WebSocket opening handshake (RFC 6455 §4.2), after Netty's HTTP server codec and
 * aggregator. A request for the listen path with an upgrade gets 101 with the subprotocol the client asked for
 * echoed ({@code mqtt} or {@code mqttv3.1}, MQTT 5.0 §6 [MQTT-6.0.0-3]; mini programs and browsers drop a 101
 * without it); a wrong path gets 404 and a plain request 400, each with a line of text. Once switched, the HTTP
 * handlers leave and a {@link WebSocketFrameCodec} in the server role carries the frames.
 */
final class WebSocketServerUpgrade extends ChannelInboundHandlerAdapter {
    static final String NAME = "websocket-upgrade";
    /** RFC 6455 §1.3: the GUID appended to the client's key before hashing. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final String[] SUBPROTOCOLS = {"mqtt", "mqttv3.1"};

    private final TappedConnection connection;
    private boolean done;

    WebSocketServerUpgrade(TappedConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (done || !(msg instanceof FullHttpRequest req)) {
            if (done) {
                ctx.fireChannelRead(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        done = true;
        try {
            answer(ctx, req);
        } finally {
            req.release();
        }
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest req) {
        ListenUrl listen = connection.listen();
        Verdicts words = connection.words();
        if (!req.decoderResult().isSuccess()) {
            connection.mismatch(VerdictText.of("verdict.not_http", FailureText.messages(req.decoderResult().cause()),
                    listen));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.rawPath();
        HttpHeaders h = req.headers();
        String asked = h.get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (!path.equals(listen.path())) {
            refuse(ctx, req, HttpResponseStatus.NOT_FOUND, words.text("http.not_found", path, listen),
                    VerdictText.of("verdict.wrong_path", path, listen.path()), asked);
            return;
        }
        String key = h.get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (!"websocket".equalsIgnoreCase(h.get(HttpHeaderNames.UPGRADE, "")) || key == null) {
            refuse(ctx, req, HttpResponseStatus.BAD_REQUEST, words.text("http.not_upgrade", listen),
                    VerdictText.of("verdict.not_upgrade", listen), asked);
            return;
        }
        String answered = choose(asked);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS, Unpooled.EMPTY_BUFFER);
        res.headers().set(HttpHeaderNames.UPGRADE, "websocket");
        res.headers().set(HttpHeaderNames.CONNECTION, "Upgrade");
        res.headers().set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, accept(key));
        if (answered != null) {
            res.headers().set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, answered);
        }
        connection.httpExchange(req.method().name(), req.uri(), headers(h), 101, headers(res.headers()), asked,
                answered);
        ChannelPipeline p = ctx.pipeline();
        ctx.writeAndFlush(res);
        // the 101 is encoded by now; from here on the bytes are WebSocket frames
        p.addAfter(NAME, WebSocketClientUpgrade.CODEC_NAME,
                new WebSocketFrameCodec(WebSocketFrameCodec.Role.SERVER, UpstreamSetup.MAX_WS_FRAME));
        p.remove(this);
        p.remove("http-aggregator");
        p.remove("http");
        String query = uri.rawQuery();
        connection.webSocketOpened(answered, query.isEmpty() ? null : query);
    }

    private void refuse(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String body,
                        VerdictText verdict, String asked) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        res.headers().set(HttpHeaderNames.CONNECTION, "close");
        connection.httpExchange(req.method().name(), req.uri(), headers(req.headers()), status.code(),
                headers(res.headers()), asked, null);
        connection.refused(verdict);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    /** The first offered subprotocol that is MQTT's, as the client spelled it; null when none is. */
    static String choose(String asked) {
        if (asked == null) {
            return null;
        }
        for (String offered : asked.split(",")) {
            String o = offered.trim();
            for (String s : SUBPROTOCOLS) {
                if (s.equalsIgnoreCase(o)) {
                    return o;
                }
            }
        }
        return null;
    }

    /** RFC 6455 §4.2.2: base64 of the SHA-1 of the key and the GUID. */
    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key.trim() + GUID)
                    .getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private static Map<String, String> headers(HttpHeaders h) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : h) {
            out.merge(e.getKey().toLowerCase(Locale.ROOT), e.getValue(), (a, b) -> a + ", " + b);
        }
        return out;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!done) {
            ctx.read(); // the request is not complete yet
        }
        ctx.fireChannelReadComplete();
    }
}
