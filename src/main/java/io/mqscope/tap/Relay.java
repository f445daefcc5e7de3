package io.mqscope.tap;

import io.mqscope.profile.Profile;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packet tap: listens on 127.0.0.1 (ephemeral port) for plain MQTT from a local client and, for each accepted
 * connection, opens the real upstream connection to the broker described by the profile (tcp, tls, ws, wss, proxy).
 * Bytes are forwarded untouched both ways and decoded per direction.
 *
 * <p>Each relay owns one event-loop thread, shared by its listener, accepted clients and their upstream channels,
 * so a connection's two sides and decoders never race; {@link #close()} stops that thread. DNS lookups run on a
 * small shared daemon pool because the JDK resolver blocks.
 */
public final class Relay implements AutoCloseable {

    private static final AtomicLong CONNECTION_IDS = new AtomicLong();
    private static final AtomicInteger RELAY_IDS = new AtomicInteger();
    /**
     * Work that may block (name lookups, the gate's reading of /proc), kept off the event loops; shared by the
     * session relays and the wiretap.
     */
    static final ExecutorService BLOCKING = Executors.newCachedThreadPool(
            new DefaultThreadFactory("mqscope-relay-blocking", true));

    private final Profile profile;
    private final RelayListener listener;
    private final EventLoopGroup group;
    private volatile Channel server;
    private final UpstreamTls tls;
    private final Set<RelayConnection> connections = ConcurrentHashMap.newKeySet();
    /** For a session's relay, who may connect; null for a proxy relay that outside clients use. */
    private final RelayGate gate;
    private volatile boolean closed;

    private Relay(Profile profile, RelayListener listener, EventLoopGroup group, RelayGate gate) {
        this.profile = profile;
        this.gate = gate;
        this.listener = SafeRelayListener.of(listener);
        this.group = group;
        this.tls = profile.transport() != null && profile.transport().secure()
                ? new UpstreamTls(profile.tls()) : null;
    }

    /** Binds the loopback listener and returns at once; upstream connections are opened per accepted client. */
    public static Relay start(Profile profile, RelayListener listener) {
        return start(profile, listener, "127.0.0.1", 0);
    }

    /**
     * A session's relay: on 127.0.0.1 like {@link #start(Profile, RelayListener)}, and only this process's own MQTT
     * client may use it ({@link RelayGate}); any other connection is closed at once and reported with
     * {@link RelayListener#onRefused}. The session calls {@link #expectClient()} before each connect.
     */
    public static Relay startForSession(Profile profile, RelayListener listener) {
        return startForSession(profile, listener, RelayGate.forThisSystem());
    }

    static Relay startForSession(Profile profile, RelayListener listener, RelayGate gate) {
        return start(profile, listener, "127.0.0.1", 0, Objects.requireNonNull(gate, "gate"));
    }

    /** The session's client is about to connect: where the kernel cannot tell, the next connection is its. */
    public void expectClient() {
        if (gate != null) {
            gate.expectClient();
        }
    }

    /**
     * Binds the listener to the given address and port (0 = ephemeral): used as a proxy that outside clients, such
     * as a mini program on a phone, connect to on their way to the broker.
     *
     * @throws RelayBindException when the address cannot be bound (port in use, address not local)
     */
    public static Relay start(Profile profile, RelayListener listener, String bindHost, int bindPort) {
        return start(profile, listener, bindHost, bindPort, null);
    }

    /** @param gate who may connect, in place before the port is bound; null lets every client in */
    private static Relay start(Profile profile, RelayListener listener, String bindHost, int bindPort,
                               RelayGate gate) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(listener, "listener");
        EventLoopGroup group = new NioEventLoopGroup(1,
                new DefaultThreadFactory("mqscope-relay-" + RELAY_IDS.incrementAndGet(), true));
        Relay relay = new Relay(profile, listener, group, gate);
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("client", new ClientHandler(relay));
                    }
                });
        try {
            relay.server = b.bind(bindHost, bindPort).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new RelayBindException("cannot listen on " + bindHost + ":" + bindPort + ": "
                    + FailureText.messages(e), e);
        }
        return relay;
    }

    /** The loopback port the MQTT client must connect to. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The address the listener is bound to. */
    public String host() {
        return ((InetSocketAddress) server.localAddress()).getAddress().getHostAddress();
    }

    public Profile profile() {
        return profile;
    }

    /** Connections currently relayed. */
    public int connectionCount() {
        return connections.size();
    }

    /** Stops listening, closes every relayed connection (reason: relay stopped) and stops the relay's thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        List<RelayConnection> open = List.copyOf(connections);
        for (RelayConnection c : open) {
            group.execute(() -> c.closeBoth("relay stopped"));
        }
        io.netty.util.concurrent.Future<?> f = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (!group.next().inEventLoop()) {
            f.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    UpstreamTls tls() {
        return tls;
    }

    ExecutorService dnsExecutor() {
        return BLOCKING;
    }

    void forget(RelayConnection c) {
        connections.remove(c);
    }

    /**
     * Asks the gate whether {@code ch} may be relayed, then runs {@code admitted} on the channel's loop; a refused
     * channel is closed unread (auto-read is off) and reported. The kernel check reads /proc, so it runs off the
     * event loop; the announced-only rule is decided here, on the loop, in accept order (decided on a pool, a
     * second connection could overtake the announced one).
     */
    private void admit(Channel ch, Runnable admitted) {
        if (gate == null) {
            admitted.run();
            return;
        }
        InetSocketAddress peer = (InetSocketAddress) ch.remoteAddress();
        int port = ((InetSocketAddress) ch.localAddress()).getPort();
        if (!gate.kernelCheck()) {
            admitOrRefuse(ch, gate.refusal(peer, port), admitted);
            return;
        }
        BLOCKING.execute(() -> {
            String refusal = gate.refusal(peer, port);
            ch.eventLoop().execute(() -> admitOrRefuse(ch, refusal, admitted));
        });
    }

    private void admitOrRefuse(Channel ch, String refusal, Runnable admitted) {
        if (refusal == null) {
            admitted.run();
        } else {
            listener.onRefused(refusal);
            ch.close();
        }
    }

    private RelayConnection accept(Channel ch) {
        RelayConnection c = new RelayConnection(this, profile, listener, "c" + CONNECTION_IDS.incrementAndGet(), ch);
        connections.add(c);
        if (closed) {
            c.closeBoth("relay stopped");
        }
        return c;
    }

    /** Head of the client side: plain MQTT from the local client. */
    private static final class ClientHandler extends ChannelInboundHandlerAdapter {
        private final Relay relay;
        private RelayConnection connection;

        ClientHandler(Relay relay) {
            this.relay = relay;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            relay.admit(ctx.channel(), () -> {
                if (ctx.channel().isActive()) {
                    connection = relay.accept(ctx.channel());
                    connection.open();
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (connection != null && msg instanceof ByteBuf buf) {
                connection.fromClient(buf);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (connection != null) {
                connection.clientReadComplete();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (connection != null) {
                connection.updateReading();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (connection != null) {
                connection.clientClosed();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (connection != null) {
                connection.closeBoth("client connection error: " + FailureText.messages(cause));
            } else {
                ctx.close();
            }
        }
    }
}
