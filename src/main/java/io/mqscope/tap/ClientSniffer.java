package io.mqscope.tap;

import io.mqscope.wire.HexDump;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;

/**
 * Reads the client's first bytes and decides what it speaks before anything else sees them: a TLS handshake
 * (record type 0x16, RFC 8446 §5.1), an HTTP request (a method in capitals), or MQTT. What the listener expects gets
 * the right handlers in its place; anything else ends the connection with a verdict naming the mismatch.
 */
final class ClientSniffer extends ChannelInboundHandlerAdapter {
    static final String NAME = "sniff";
    private static final int MAX_HTTP_REQUEST = 64 * 1024;
    private static final String[] METHODS = {"GET ", "POST", "PUT ", "HEAD", "OPTI", "DELE", "PATC", "CONN", "TRAC"};

    private final TappedConnection connection;
    /** True once TLS is unwrapped (or the listener has none): the bytes seen are the application's. */
    private final boolean plain;
    private boolean decided;

    ClientSniffer(TappedConnection connection, boolean plain) {
        this.connection = connection;
        this.plain = plain;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (decided || !(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!buf.isReadable()) {
            buf.release();
            return;
        }
        decided = true;
        ListenUrl listen = connection.listen();
        int first = buf.getUnsignedByte(buf.readerIndex());
        boolean tls = first == 0x16;
        String what = describe(buf);
        ChannelPipeline p = ctx.pipeline();
        if (!plain) {
            if (!tls) {
                buf.release();
                String scheme = listen.kind().scheme();
                String plainScheme = listen.kind().webSocket() ? "ws" : "mqtt";
                connection.mismatch(VerdictText.of("verdict.plain_to_tls", what, listen, scheme,
                        plainScheme));
                return;
            }
            SslHandler ssl = connection.serverTls().newHandler(ctx.alloc());
            ssl.setHandshakeTimeoutMillis(0); // the connection's handshake timeout covers TLS and what follows it
            connection.handshaking("tls");
            ssl.handshakeFuture().addListener(done -> {
                if (done.isSuccess()) {
                    connection.handshaking("silent_after_tls");
                } else {
                    connection.mismatch(VerdictText.of("verdict.tls_failed",
                            FailureText.messages(done.cause())));
                }
            });
            p.replace(this, "tls", ssl);
            p.addAfter("tls", NAME, new ClientSniffer(connection, true));
            p.fireChannelRead(buf); // from the head again: through TLS this time
            return;
        }
        if (tls) {
            buf.release();
            String secure = listen.kind().webSocket() ? "wss" : "mqtts";
            connection.mismatch(VerdictText.of("verdict.tls_to_plain", listen, listen.kind().scheme(),
                    secure));
            return;
        }
        boolean http = isHttp(buf);
        if (listen.kind().webSocket()) {
            if (!http) {
                buf.release();
                connection.mismatch(first == 0x10
                        ? VerdictText.of("verdict.mqtt_to_ws", what, listen)
                        : VerdictText.of("verdict.not_http", what, listen));
                return;
            }
            connection.handshaking("http");
            p.addAfter(ctx.name(), "http", new HttpServerCodec());
            p.addAfter("http", "http-aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST));
            p.addAfter("http-aggregator", WebSocketServerUpgrade.NAME, new WebSocketServerUpgrade(connection));
            ctx.fireChannelRead(buf); // on from here, not from the head: TLS may be behind us
            p.remove(this);
            return;
        }
        if (http) {
            buf.release();
            connection.mismatch(VerdictText.of("verdict.http_to_mqtt", what, listen));
            return;
        }
        connection.streamOpened();
        ctx.fireChannelRead(buf);
        p.remove(this);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!decided) {
            ctx.read(); // nothing yet: ask for the first bytes again (reading is manual until the upstream is up)
        }
        ctx.fireChannelReadComplete();
    }

    private static boolean isHttp(ByteBuf buf) {
        if (buf.readableBytes() < 4) {
            int c = buf.getUnsignedByte(buf.readerIndex());
            return c >= 'A' && c <= 'Z';
        }
        String start = buf.toString(buf.readerIndex(), 4, StandardCharsets.US_ASCII);
        for (String m : METHODS) {
            if (m.equals(start)) {
                return true;
            }
        }
        return false;
    }

    /** The first bytes as a person reads them: an HTTP request line, else hex. */
    private static String describe(ByteBuf buf) {
        if (isHttp(buf)) {
            int n = Math.min(buf.readableBytes(), 80);
            String line = buf.toString(buf.readerIndex(), n, StandardCharsets.ISO_8859_1);
            int end = line.indexOf('\r');
            return end >= 0 ? line.substring(0, end) : line;
        }
        byte[] head = ByteBufUtil.getBytes(buf, buf.readerIndex(), Math.min(buf.readableBytes(), 8));
        return HexDump.hex(head, " ") + (buf.readableBytes() > 8 ? " ..." : "");
    }
}
