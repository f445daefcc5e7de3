package io.mqscope.tap;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
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
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The staged set-up of one upstream connection to the broker: DNS, TCP, the proxy tunnel, TLS and the WebSocket
 * upgrade, with one timeout for the lot and, for each stage, failure words a person can act on. Runs on the given
 * event loop; name lookups run on the resolver executor because the JDK resolver blocks. The {@code tail} handler
 * ends the upstream pipeline: once {@link Outcome#ready()} it sees the broker's bytes (or, over WebSocket, the
 * {@link WebSocketFrame}s of a {@link WebSocketFrameCodec} in the client role).
 */
final class UpstreamSetup {

    /** What became of the set-up, told on the event loop. */
    interface Outcome {
        void ready();

        default void failed(Stage stage, String detail) {
            failed(stage, detail, java.util.List.of());
        }

        /** The stage failed; {@code chain}: the certificates the broker presented when TLS refused them. */
        void failed(Stage stage, String detail, java.util.List<X509Certificate> chain);
    }

    /** Largest MQTT packet (256 MB) plus framing: a WebSocket frame may carry one whole packet. */
    static final int MAX_WS_FRAME = 268_435_455 + 5;
    private static final int MAX_HTTP_RESPONSE = 64 * 1024;

    private final Profile profile;
    private final Transport transport;
    private final UpstreamTls tls;
    private final Executor resolver;
    private final EventLoop loop;
    private final ChannelHandler tail;
    private final Outcome outcome;
    private final String target;
    private final String proxyTarget;
    private final int timeoutMillis;
    private Channel channel;
    private SslHandler sslHandler;
    private ProxyHandler proxyHandler;
    private ScheduledFuture<?> timeout;
    private Stage stage = Stage.DNS;
    private boolean ready;
    private boolean cancelled;

    /** @param tls the relay's TLS client context; null unless the transport is secure */
    UpstreamSetup(Profile profile, UpstreamTls tls, Executor resolver, EventLoop loop, ChannelHandler tail,
                  Outcome outcome) {
        this.profile = profile;
        this.transport = profile.transport() == null ? Transport.TCP : profile.transport();
        this.tls = tls;
        this.resolver = resolver;
        this.loop = loop;
        this.tail = tail;
        this.outcome = outcome;
        this.target = hostPort(profile.host(), port(profile));
        Profile.ProxySettings proxy = profile.proxy();
        this.proxyTarget = usesProxy(proxy) ? hostPort(proxy.host(), proxy.port()) : null;
        this.timeoutMillis = Math.max(1, profile.connectTimeoutSeconds()) * 1000;
    }

    /** The upstream channel, once the TCP connect has begun; null before. */
    Channel channel() {
        return channel;
    }

    Stage stage() {
        return stage;
    }

    boolean ready() {
        return ready;
    }

    boolean webSocket() {
        return transport.webSocket();
    }

    /** Starts the set-up; call on the event loop. */
    void start() {
        timeout = loop.schedule(() -> {
            if (!ready && !cancelled) {
                outcome.failed(stage, "no progress within " + timeoutMillis / 1000 + " s during the " + stage
                        + " stage with " + target);
            }
        }, timeoutMillis + 500L, TimeUnit.MILLISECONDS);
        if (proxyTarget != null) {
            // the proxy resolves the broker's name; only the proxy's own name is resolved here
            resolve(profile.proxy().host(), profile.proxy().port(),
                    proxyAddress -> connect(InetSocketAddress.createUnresolved(profile.host(), port(profile)),
                            proxyAddress));
        } else {
            resolve(profile.host(), port(profile), address -> connect(address, null));
        }
    }

    /** The connection is closing: no stage goes on and the timeout stops. */
    void cancel() {
        cancelled = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private void resolve(String host, int port, Consumer<InetSocketAddress> then) {
        resolver.execute(() -> {
            InetSocketAddress address;
            try {
                address = new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                loop.execute(() -> failed(Stage.DNS, "unknown host '" + host + "'"
                        + (proxyTarget != null ? " (the proxy)" : "")
                        + ": the name does not resolve (" + FailureText.messages(e) + ")"));
                return;
            } catch (RuntimeException e) {
                loop.execute(() -> failed(Stage.DNS, "cannot resolve '" + host + "': " + FailureText.messages(e)));
                return;
            }
            loop.execute(() -> then.accept(address));
        });
    }

    private void connect(SocketAddress brokerAddress, InetSocketAddress proxyAddress) {
        if (cancelled) {
            return;
        }
        stage = Stage.TCP;
        if (transport.secure() && tls.loadError() != null) {
            stage = Stage.TLS;
            failed(Stage.TLS, "cannot use the TLS settings: " + tls.loadError());
            return;
        }
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline(ch, proxyAddress);
                    }
                });
        if (proxyAddress != null) {
            // the proxy handler redirects the connect to the proxy; the broker's name stays unresolved for it
            b.resolver(NoopAddressResolverGroup.INSTANCE);
        }
        ChannelFuture f = b.connect(brokerAddress);
        channel = f.channel();
        f.addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess()) {
                fail(done.cause());
            } else if (cancelled) {
                done.channel().close();
            } else {
                afterTcp();
            }
        });
    }

    /** proxy -> tls -> http (WebSocket only, until the upgrade) -> tail. */
    private void pipeline(Channel ch, InetSocketAddress proxyAddress) {
        ChannelPipeline p = ch.pipeline();
        if (proxyAddress != null) {
            proxyHandler = newProxyHandler(proxyAddress);
            proxyHandler.setConnectTimeoutMillis(timeoutMillis);
            p.addLast("proxy", proxyHandler);
        }
        if (transport.secure()) {
            sslHandler = tls.newHandler(ch.alloc(), profile.host(), port(profile), timeoutMillis);
            p.addLast("tls", sslHandler);
        }
        if (transport.webSocket()) {
            p.addLast("http", new HttpClientCodec());
            p.addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_RESPONSE));
        }
        p.addLast("upstream", tail);
    }

    private ProxyHandler newProxyHandler(InetSocketAddress proxyAddress) {
        Profile.ProxySettings p = profile.proxy();
        boolean auth = p.username() != null && !p.username().isEmpty();
        String password = p.password() == null ? "" : p.password();
        if ("socks5".equalsIgnoreCase(p.type())) {
            return auth ? new Socks5ProxyHandler(proxyAddress, p.username(), password)
                    : new Socks5ProxyHandler(proxyAddress);
        }
        return auth ? new HttpProxyHandler(proxyAddress, p.username(), password) : new HttpProxyHandler(proxyAddress);
    }

    private void afterTcp() {
        if (proxyHandler == null) {
            afterProxy();
            return;
        }
        stage = Stage.PROXY;
        proxyHandler.connectFuture().addListener(done -> {
            if (done.isSuccess()) {
                afterProxy();
            } else {
                fail(done.cause());
            }
        });
    }

    private void afterProxy() {
        if (cancelled) {
            return;
        }
        if (sslHandler == null) {
            afterTls();
            return;
        }
        stage = Stage.TLS;
        sslHandler.handshakeFuture().addListener((Future<Channel> done) -> {
            if (done.isSuccess()) {
                tls.takePresented(sslHandler.engine()); // only a failure names the certificates
                afterTls();
            } else {
                fail(done.cause());
            }
        });
    }

    private void afterTls() {
        if (cancelled) {
            return;
        }
        if (!transport.webSocket()) {
            upstreamReady();
            return;
        }
        stage = Stage.WEBSOCKET;
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> h : profile.wsHeaders().entrySet()) {
            headers.add(h.getKey(), h.getValue());
        }
        WebSocketClientUpgrade upgrade;
        try {
            upgrade = new WebSocketClientUpgrade(webSocketUri(), wsPath(), subprotocol(), headers,
                    new WebSocketFrameCodec(WebSocketFrameCodec.Role.CLIENT, MAX_WS_FRAME), MAX_WS_FRAME);
        } catch (URISyntaxException | RuntimeException e) {
            failed(Stage.WEBSOCKET, "cannot build the WebSocket upgrade request for path '" + wsPath() + "': "
                    + FailureText.messages(e));
            return;
        }
        channel.pipeline().addBefore("upstream", WebSocketClientUpgrade.NAME, upgrade);
        upgrade.start(channel).addListener((ChannelFutureListener) done -> {
            if (done.isSuccess()) {
                upstreamReady();
            } else if (done.cause() instanceof WebSocketClientUpgrade.Refused refused) {
                failed(Stage.WEBSOCKET, refused.getMessage());
            } else {
                fail(done.cause());
            }
        });
    }

    private void upstreamReady() {
        if (cancelled) {
            return;
        }
        ready = true;
        stage = Stage.MQTT;
        if (timeout != null) {
            timeout.cancel(false);
        }
        outcome.ready();
    }

    private void fail(Throwable error) {
        if (cancelled) {
            return;
        }
        FailureText.Classified c = explain(error);
        outcome.failed(c.stage(), c.detail(), c.chain());
    }

    private void failed(Stage s, String detail) {
        if (!cancelled) {
            outcome.failed(s, detail);
        }
    }

    // ---------------------------------------------------------------- failure words

    /** The stage and words for an upstream error, with the certificates the broker presented when TLS failed. */
    FailureText.Classified explain(Throwable error) {
        X509Certificate[] chain = sslHandler == null ? null : tls.takePresented(sslHandler.engine());
        if (!ready && FailureText.has(error, ClosedChannelException.class)) {
            return new FailureText.Classified(stage, closedDuringSetup());
        }
        String ca = profile.tls() == null ? null : profile.tls().caFile();
        return FailureText.classify(error, stage, target, proxyTarget, chain, ca, profile.host(), timeoutMillis);
    }

    /** Why the broker's side closing before the set-up ended is a failure of the current stage. */
    String closedDuringSetup() {
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

    // ---------------------------------------------------------------- profile readings

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
    private URI webSocketUri() throws URISyntaxException {
        String scheme = transport.secure() ? "wss" : "ws";
        String host = profile.host().contains(":") && !profile.host().startsWith("[")
                ? "[" + profile.host() + "]" : profile.host();
        try {
            return new URI(scheme + "://" + host + ":" + port(profile) + wsPath());
        } catch (URISyntaxException e) {
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
}
