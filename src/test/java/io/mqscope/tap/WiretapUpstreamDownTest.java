package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.RawWebSocketClient;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The upstream cannot be reached (a closed port, a name that does not resolve), yet the user still sees their own
 * client's bytes: its CONNECT is decoded and reported before the close, whose verdict names the upstream stage.
 * Real clients over real sockets: a raw TCP client, and a raw WebSocket client sending the WeChat mini program's
 * CONNECT as 13 messages (its CONNECT follows the 101, after the upstream was already tried).
 */
class WiretapUpstreamDownTest {

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Wiretap tap(String listen, Profile upstream, TapRecorder events) {
        return Wiretap.start(new TapSettings(ListenUrl.parse(listen), upstream, null, false, Locale.ENGLISH), events);
    }

    /** The events of one connection, checked for a CONNECT from the client before its close. */
    private static TapEvent.Packet connectBeforeClose(TapRecorder events) {
        TapEvent.Closed closed = events.anyClosed();
        List<TapEvent> all = List.copyOf(events.events);
        TapEvent.Packet connect = all.stream().filter(TapEvent.Packet.class::isInstance)
                .map(TapEvent.Packet.class::cast)
                .filter(p -> p.from() == Direction.CLIENT_TO_BROKER && p.packet().type() == PacketType.CONNECT)
                .findFirst().orElseThrow(() -> new AssertionError("no CONNECT event in " + all));
        assertThat(all.indexOf(connect)).isLessThan(all.indexOf(closed));
        return connect;
    }

    @Test
    void a_tcp_clients_connect_is_decoded_when_the_broker_refuses_the_connection() throws Exception {
        int port = closedPort();
        Profile upstream = Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(port).build();
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = tap("mqtt://127.0.0.1:0", upstream, events);
             Socket client = new Socket("127.0.0.1", tap.port())) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write(MqttBytes.connect(4, "nowhere"));
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            TapEvent.Packet connect = connectBeforeClose(events);
            assertThat(connect.packet().raw()).isEqualTo(MqttBytes.connect(4, "nowhere"));
            TapEvent.Closed closed = events.anyClosed();
            assertThat(closed.by()).isEqualTo("broker");
            assertThat(closed.verdict()).startsWith("the tap could not open the connection to the broker (TCP stage)")
                    .contains("connection refused by 127.0.0.1:" + port);
        }
    }

    @Test
    void a_websocket_clients_malformed_connect_is_diagnosed_when_the_broker_is_down() throws Exception {
        int port = closedPort();
        Profile upstream = Profile.builder().transport(Transport.WS).host("127.0.0.1").port(port).wsPath("/mqtt")
                .build();
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = tap("ws://127.0.0.1:0/mqtt", upstream, events);
             RawWebSocketClient client = RawWebSocketClient.open(tap.port(), "/mqtt", "mqtt")) {
            assertThat(client.status).isEqualTo(101);
            for (byte[] message : WiretapMosquittoTest.WECHAT_CONNECT) {
                client.sendBinary(message);
            }
            TapEvent.Packet connect = connectBeforeClose(events);
            assertThat(connect.packet().malformed()).isTrue();
            assertThat(connect.packet().diagnosis()).contains("1a 00 00 00");
            assertThat(events.all(TapEvent.WebSocketMessage.class)).filteredOn(m -> "binary".equals(m.opcode()))
                    .hasSize(WiretapMosquittoTest.WECHAT_CONNECT.length);
            assertThat(events.anyClosed().verdict())
                    .startsWith("the tap could not open the connection to the broker (TCP stage)");
        }
    }

    @Test
    void a_name_that_does_not_resolve_still_shows_the_clients_connect() throws Exception {
        Profile upstream = Profile.builder().transport(Transport.TCP).host("no-such-broker.invalid").port(1883)
                .build();
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = tap("mqtt://127.0.0.1:0", upstream, events);
             Socket client = new Socket("127.0.0.1", tap.port())) {
            client.setSoTimeout(20_000);
            client.getOutputStream().write(MqttBytes.connect(5, "dns"));
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            connectBeforeClose(events);
            assertThat(events.anyClosed().verdict()).contains("(DNS stage)");
        }
    }
}
