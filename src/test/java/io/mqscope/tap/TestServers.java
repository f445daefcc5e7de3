package io.mqscope.tap;

import io.mqscope.testing.TestTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/**
 * Small servers for failure tests that real brokers cannot produce on demand: a TLS endpoint with a chosen
 * certificate and an HTTP endpoint with a chosen answer to the WebSocket upgrade (the proxies are
 * {@link io.mqscope.testing.TestProxies}).
 */
final class TestServers {
    private TestServers() {
    }

    /**
     * A TLS server presenting the given certificate (file names in the tls test folder); it never answers MQTT. It
     * records the first handshake it completes: the server names of the ClientHello's SNI extension (RFC 6066 §3)
     * and the protocol ALPN settled on (RFC 7301), so a test can await the handshake instead of sleeping.
     */
    static final class TlsServer implements AutoCloseable {
        /** What the server saw of one completed handshake; {@code alpn} is null when none was negotiated. */
        record Handshake(List<String> serverNames, String alpn) {
        }

        final CompletableFuture<Handshake> handshake = new CompletableFuture<>();
        private final EventLoopGroup group = new NioEventLoopGroup(1);
        private final Channel channel;

        TlsServer(String certFile, String keyFile) throws Exception {
            this(certFile, keyFile, List.of());
        }

        /** @param alpn protocols the server accepts, in its order of preference; empty for no ALPN */
        TlsServer(String certFile, String keyFile, List<String> alpn) throws Exception {
            SslContextBuilder builder = SslContextBuilder.forServer(TestTls.path(certFile).toFile(),
                    TestTls.path(keyFile).toFile()).sslProvider(SslProvider.JDK);
            if (!alpn.isEmpty()) {
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
            }
            SslContext ctx = builder.build();
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            SslHandler tls = ctx.newHandler(ch.alloc());
                            tls.handshakeFuture().addListener(done -> record(tls, done.cause()));
                            ch.pipeline().addLast(tls);
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext c, Object msg) {
                                    ReferenceCountUtil.release(msg);
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                                    c.close();
                                }
                            });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
        }

        private void record(SslHandler tls, Throwable failure) {
            if (failure != null) {
                handshake.completeExceptionally(failure);
                return;
            }
            List<String> names = new ArrayList<>();
            if (tls.engine().getSession() instanceof ExtendedSSLSession session) {
                for (SNIServerName name : session.getRequestedServerNames()) {
                    names.add(name instanceof SNIHostName host ? host.getAsciiName() : name.toString());
                }
            }
            handshake.complete(new Handshake(names, tls.applicationProtocol()));
        }

        /** The first handshake, once done; fails when the handshake failed or none came within 10 s. */
        Handshake awaitHandshake() throws Exception {
            return handshake.get(10, TimeUnit.SECONDS);
        }

        int port() {
            return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
        }

        @Override
        public void close() {
            channel.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Answers every HTTP request (the WebSocket upgrade) with a fixed response, then keeps the socket open. */
    static final class HttpAnswer implements AutoCloseable {
        private final ServerSocket server;
        volatile String lastRequest;

        HttpAnswer(String response) throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        String request = readHead(s.getInputStream());
                        lastRequest = request;
                        String key = header(request, "Sec-WebSocket-Key");
                        String accept = key == null ? "" : java.util.Base64.getEncoder().encodeToString(
                                java.security.MessageDigest.getInstance("SHA-1").digest(
                                        (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                                                .getBytes(StandardCharsets.US_ASCII)));
                        s.getOutputStream().write(response.replace("{accept}", accept)
                                .getBytes(StandardCharsets.UTF_8));
                        s.getOutputStream().flush();
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "http-answer");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            byte[] x = b.toByteArray();
            int n = x.length;
            if (n >= 4 && x[n - 4] == '\r' && x[n - 3] == '\n' && x[n - 2] == '\r' && x[n - 1] == '\n') {
                break;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
