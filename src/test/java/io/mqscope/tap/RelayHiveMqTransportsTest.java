package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.MqttExchange;
import io.mqscope.testing.RecordingRelayListener;
import io.mqscope.testing.TestTls;
import io.mqscope.wire.Direction;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The relay against HiveMQ CE in-process, over every transport, MQTT 3.1.1 and 5. */
@ExtendWith(EmbeddedHiveMq.class)
class RelayHiveMqTransportsTest {

    @ParameterizedTest(name = "{0} MQTT level {1}")
    @CsvSource({"TCP,4", "TCP,5", "WS,4", "WS,5", "TLS,4", "TLS,5", "WSS,4", "WSS,5"})
    void relays_a_session(Transport transport, int level, LocalBroker broker) throws Exception {
        Profile profile = profileFor(broker, transport);
        RecordingRelayListener events = new RecordingRelayListener();
        MqttExchange exchange;
        try (Relay relay = Relay.start(profile, events)) {
            exchange = MqttExchange.run("127.0.0.1", relay.port(), level,
                    "hive-" + transport.name().toLowerCase() + "-" + level);
            events.awaitClosed();
        }
        assertThat(events.failures).isEmpty();
        assertThat(concat(events.packets, Direction.CLIENT_TO_BROKER)).as("client->broker packets, raw")
                .isEqualTo(concat(exchange.sent));
        assertThat(concat(events.packets, Direction.BROKER_TO_CLIENT)).as("broker->client packets, raw")
                .isEqualTo(concat(exchange.received));
        assertThat(events.packets).allSatisfy(p -> {
            assertThat(p.packet().protocolVersion()).as("protocol version shared from CONNECT").isEqualTo(level);
            assertThat(p.packet().malformed()).as(p.packet().findings().toString()).isFalse();
            assertThat(p.time()).isNotNull();
        });
        assertThat(events.packets.stream().filter(p -> p.direction() == Direction.BROKER_TO_CLIENT)
                .map(p -> p.packet().type().name()).toList())
                .containsExactly("CONNACK", "SUBACK", "PUBLISH", "PINGRESP");
        assertThat(events.streamFindings).isEmpty();
        if (transport.webSocket()) {
            List<WebSocketFrameEvent> up = events.frames.stream()
                    .filter(f -> f.direction() == Direction.CLIENT_TO_BROKER && f.opcode().equals("binary")).toList();
            List<WebSocketFrameEvent> down = events.frames.stream()
                    .filter(f -> f.direction() == Direction.BROKER_TO_CLIENT && f.opcode().equals("binary")).toList();
            assertThat(up.stream().mapToInt(WebSocketFrameEvent::payloadLength).sum())
                    .as("client->broker WebSocket payload bytes")
                    .isEqualTo(exchange.sent.stream().mapToInt(b -> b.length).sum());
            assertThat(down.stream().mapToInt(WebSocketFrameEvent::payloadLength).sum())
                    .as("broker->client WebSocket payload bytes")
                    .isEqualTo(exchange.received.stream().mapToInt(b -> b.length).sum());
            assertThat(events.frames).allSatisfy(f -> assertThat(f.connectionId()).isNotBlank());
        } else {
            assertThat(events.frames).isEmpty();
        }
    }

    static byte[] concat(List<PacketEvent> events, Direction d) {
        return concat(events.stream().filter(e -> e.direction() == d).map(e -> e.packet().raw()).toList());
    }

    static byte[] concat(List<byte[]> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static Profile profileFor(LocalBroker broker, Transport transport) {
        int port = switch (transport) {
            case TCP -> broker.tcpPort();
            case WS -> broker.wsPort();
            case TLS -> broker.tlsPort();
            case WSS -> broker.wssPort();
        };
        Profile.Builder b = Profile.builder().transport(transport).host("localhost").port(port).wsPath("/mqtt");
        if (transport.secure()) {
            b.tls(new Profile.TlsSettings(TestTls.file("ca.pem"), null, null, null, null, List.of(), true, false));
        }
        return b.build();
    }
}
