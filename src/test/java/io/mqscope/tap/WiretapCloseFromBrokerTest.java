package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.RawWebSocketClient;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket broker that answers the CONNECT with a close frame (code 4003, a reason): the close passes through
 * the tap to the client with its code and reason, and the verdict names it. The "broker" is Netty's own WebSocket
 * server, since no real broker closes with a chosen code on request.
 */
class WiretapCloseFromBrokerTest {

    @Test
    void the_brokers_close_code_and_reason_reach_the_client() throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                    new WebSocketServerProtocolHandler("/mqtt", "mqtt"),
                                    new SimpleChannelInboundHandler<BinaryWebSocketFrame>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx,
                                                                    BinaryWebSocketFrame f) {
                                            ctx.writeAndFlush(new CloseWebSocketFrame(4003, "not allowed here"));
                                        }
                                    });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            Profile upstream = Profile.builder().transport(Transport.WS).host("127.0.0.1").port(port)
                    .wsPath("/mqtt").build();
            TapRecorder events = new TapRecorder();
            try (Wiretap tap = Wiretap.start(new TapSettings(ListenUrl.parse("ws://127.0.0.1:0/mqtt"), upstream,
                    null, false, Locale.ENGLISH), events);
                 RawWebSocketClient client = RawWebSocketClient.open(tap.port(), "/mqtt", "mqtt")) {
                client.sendBinary(MqttBytes.connect(4, "refused"));
                RawWebSocketClient.Frame close = client.read();
                assertThat(close.opcode()).isEqualTo(0x8);
                assertThat(close.closeCode()).isEqualTo(4003);
                assertThat(close.closeReason()).isEqualTo("not allowed here");
                TapEvent.Closed closed = events.anyClosed();
                assertThat(closed.by()).isEqualTo("broker");
                assertThat(closed.code()).isEqualTo(4003);
                assertThat(closed.reason()).isEqualTo("not allowed here");
                assertThat(events.all(TapEvent.WebSocketMessage.class)).anyMatch(w -> "close".equals(w.opcode())
                        && w.closeCode() == 4003);
                assertThat(closed.verdict()).isNotNull();
            }
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void a_broker_that_cannot_be_reached_gives_the_upstream_stage_and_reason() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Profile upstream = Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(closedPort).build();
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = Wiretap.start(new TapSettings(ListenUrl.parse("mqtt://127.0.0.1:0"), upstream, null,
                false, Locale.ENGLISH), events);
             java.net.Socket client = new java.net.Socket("127.0.0.1", tap.port())) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write(MqttBytes.connect(4, "nowhere"));
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            assertThat(events.anyClosed().verdict()).startsWith("the tap could not open the connection to the broker"
                    + " (TCP stage): connection refused by 127.0.0.1:" + closedPort);
        }
    }
}
