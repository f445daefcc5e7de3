package io.mqscope.tap;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The wiretap: a real MQTT server side ({@code mqtt://}, {@code mqtts://}, {@code ws://}, {@code wss://}) in front of
 * any broker the rest of MQScope can reach. Each accepted client gets its own upstream connection, opened once the
 * client's own handshake (TLS, WebSocket upgrade) is done; its bytes pass untouched both ways (unless a padded
 * Remaining Length is repaired on request) and are decoded per direction into {@link TapEvent}s.
 *
 * <p>A connection's client and upstream channels share one event loop, so its decoders never race; the listener of
 * events is called from the tap's event loops and must only copy and enqueue.
 */
public final class Wiretap implements AutoCloseable {
    private static final AtomicInteger TAP_IDS = new AtomicInteger();

    private final TapSettings settings;
    private final Consumer<TapEvent> events;
    private final EventLoopGroup group;
    private final UpstreamTls tls;
    private final Verdicts words;
    private final AtomicLong connectionIds = new AtomicLong();
    /** Each tapped connection with its client channel, whose event loop it runs on. */
    private final Map<TappedConnection, Channel> connections = new ConcurrentHashMap<>();
    private final AtomicBoolean held = new AtomicBoolean();
    private volatile Channel server;
    private volatile ListenUrl listening;
    private volatile boolean closed;

    private Wiretap(TapSettings settings, Consumer<TapEvent> events, EventLoopGroup group) {
        this.settings = settings;
        this.events = guarded(events);
        this.group = group;
        this.words = new Verdicts(settings.locale());
        this.tls = settings.upstream().transport() != null && settings.upstream().transport().secure()
                ? new UpstreamTls(settings.upstream().tls()) : null;
    }

    /**
     * Binds the listener and returns at once.
     *
     * @throws RelayBindException when the address cannot be bound, with the reason (port in use, not local)
     */
    public static Wiretap start(TapSettings settings, Consumer<TapEvent> events) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(events, "events");
        EventLoopGroup group = new NioEventLoopGroup(2,
                new DefaultThreadFactory("mqscope-tap-" + TAP_IDS.incrementAndGet(), true));
        Wiretap tap = new Wiretap(settings, events, group);
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false) // each stage asks for the bytes it can take
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        tap.accept(ch);
                    }
                });
        ListenUrl listen = settings.listen();
        try {
            tap.server = b.bind(listen.host(), listen.port()).syncUninterruptibly().channel();
        } catch (Exception e) { // Netty rethrows the checked BindException as it is
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new RelayBindException("cannot listen on " + listen + ": " + bindReason(listen, e), e);
        }
        tap.listening = listen.withPort(((InetSocketAddress) tap.server.localAddress()).getPort());
        return tap;
    }

    private static String bindReason(ListenUrl listen, Throwable e) {
        String m = FailureText.messages(e);
        if (FailureText.has(e, BindException.class)) {
            if (m.contains("in use")) {
                return "port " + listen.port() + " is in use (another program listens there; pick another port or 0)";
            }
            if (m.contains("assign")) {
                return listen.host() + " is not an address of this machine (use 127.0.0.1, 0.0.0.0 or one of its"
                        + " LAN addresses)";
            }
        }
        if (FailureText.has(e, java.net.UnknownHostException.class)) {
            return "unknown host " + listen.host();
        }
        return m;
    }

    /** The listen URL with the port actually bound. */
    public ListenUrl listening() {
        return listening;
    }

    public int port() {
        return listening.port();
    }

    /** Connections currently tapped. */
    public int connectionCount() {
        return connections.size();
    }

    /** Stops listening and closes every tapped connection (both sides). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        for (TappedConnection c : List.copyOf(connections.keySet())) {
            c.stop();
        }
        io.netty.util.concurrent.Future<?> f = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (!group.next().inEventLoop()) {
            f.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Stops reading from every client and broker, as soon as each connection's current read is done, until
     * {@link #release()}: for a listener of events that has fallen behind (a printer slower than the traffic), so
     * that the events waiting for it stay bounded. The traffic slows down; nothing is dropped. Any thread.
     */
    public void hold() {
        held.set(true);
    }

    /** Lets every connection read again after {@link #hold()}. Any thread. */
    public void release() {
        if (held.compareAndSet(true, false)) {
            connections.forEach((c, channel) -> channel.eventLoop().execute(c::updateReading));
        }
    }

    boolean held() {
        return held.get();
    }

    TapSettings settings() {
        return settings;
    }

    UpstreamTls tls() {
        return tls;
    }

    Verdicts words() {
        return words;
    }

    Consumer<TapEvent> events() {
        return events;
    }

    void forget(TappedConnection c) {
        connections.remove(c);
    }

    private void accept(Channel ch) {
        TappedConnection c = new TappedConnection(this, "c" + connectionIds.incrementAndGet(), ch);
        connections.put(c, ch);
        c.install();
        if (closed) {
            c.stop();
        }
    }

    /** A listener bug must not stop the tap. */
    private static Consumer<TapEvent> guarded(Consumer<TapEvent> events) {
        return e -> {
            try {
                events.accept(e);
            } catch (RuntimeException ignored) {
                // the tap goes on forwarding
            }
        };
    }
}
