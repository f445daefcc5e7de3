package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.Stage;
import io.mqscope.tap.TapEvent;
import io.mqscope.testing.MqttBytes;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.StreamDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Which tapped endings get the check's verdict: the broker's side (upstream stage, refusing CONNACK with who was
 * sent) does; the client's own mistakes keep the tap's verdict. Events as a tap emits them, from decoded bytes.
 */
class TapFailuresTest {
    private static final Profile BROKER = Profile.builder().transport(Transport.TCP).host("broker.example.com")
            .port(1883).build();

    private static TapEvent.Packet packet(String conn, Direction from, int level, byte[] bytes) {
        DecodedPacket p = new StreamDecoder(from, level).feed(bytes).get(0);
        return new TapEvent.Packet(conn, System.nanoTime(), Instant.now(), from, p, false);
    }

    private static TapEvent.Closed closed(String conn, String tapVerdict) {
        return new TapEvent.Closed(conn, System.nanoTime(), Instant.now(), "broker", null, null, false, 1, 0,
                tapVerdict);
    }

    @Test
    void an_upstream_stage_and_a_refusing_connack_get_the_checks_words_a_client_mistake_does_not() {
        TapFailures failures = new TapFailures(BROKER);
        failures.see(new TapEvent.UpstreamFailed("c1", System.nanoTime(), Instant.now(), Stage.DNS,
                "unknown host: broker.example.com:1883 does not resolve (x)"));
        Failure dns = failures.see(closed("c1", "the tap could not open ..."));
        assertThat(dns.causeKey()).isEqualTo("dns.unknown_host.cause");
        assertThat(dns.args()).containsExactly("broker.example.com");

        // MQTT 5: CONNECT without a username, CONNACK 0x86
        failures.see(packet("c2", Direction.CLIENT_TO_BROKER, 5, MqttBytes.connect(5, "anon")));
        failures.see(packet("c2", Direction.BROKER_TO_CLIENT, 5, HexFormat.of().parseHex("2003008600")));
        Failure anonymous = failures.see(closed("c2", "the broker refused the connection in its CONNACK: x"));
        assertThat(anonymous.causeKey()).isEqualTo("mqtt.no_username.cause");
        assertThat(anonymous.cause(Locale.ENGLISH)).contains("no username was sent");

        // 3.1.1: the user and that a password was sent, the meaning as the check words it
        failures.see(packet("c3", Direction.CLIENT_TO_BROKER, 4, MqttBytes.connect(4, "u", "alice", "pw")));
        failures.see(packet("c3", Direction.BROKER_TO_CLIENT, 4, HexFormat.of().parseHex("20020004")));
        Failure bad = failures.see(closed("c3", "x"));
        assertThat(bad.causeKey()).isEqualTo("mqtt.bad_credentials.cause");
        assertThat(bad.args()).containsExactly(4, "bad user name or password", "alice", 1);

        // an accepted CONNACK, then the client's own trouble: the tap's verdict stands
        failures.see(packet("c4", Direction.CLIENT_TO_BROKER, 4, MqttBytes.connect(4, "ok")));
        failures.see(packet("c4", Direction.BROKER_TO_CLIENT, 4, HexFormat.of().parseHex("20020000")));
        assertThat(failures.see(closed("c4", "the client reset the TCP connection"))).isNull();
        assertThat(failures.see(closed("c5", null))).isNull();
    }

    @Test
    void explaining_replaces_only_the_verdict_of_a_broker_side_failure() {
        List<TapEvent> seen = new ArrayList<>();
        var feed = TapFailures.explaining(BROKER, Locale.SIMPLIFIED_CHINESE, seen::add);
        feed.accept(new TapEvent.UpstreamFailed("c1", System.nanoTime(), Instant.now(), Stage.TCP,
                "connection refused by broker.example.com:1883 (nothing listening)"));
        feed.accept(closed("c1", "the tap could not open the connection"));
        feed.accept(closed("c2", "the client reset the TCP connection"));
        String expected = Failure.of(Stage.TCP, "tcp.refused", "broker.example.com", 1883)
                .render(Locale.SIMPLIFIED_CHINESE);
        assertThat(((TapEvent.Closed) seen.get(1)).verdict()).isEqualTo(expected).containsPattern("\\p{IsHan}");
        assertThat(((TapEvent.Closed) seen.get(2)).verdict()).isEqualTo("the client reset the TCP connection");
        assertThat(seen).hasSize(3);
    }

    /**
     * A good CONNECT answered by nothing: the Closed event waits for the port probe (here a port nothing listens
     * on, so the probes find nothing) and then comes after the connection's other events, with the tap's own
     * verdict standing; a connection whose end the broker explained is passed on at once with the check's words.
     */
    @Test
    void probing_passes_every_event_on_in_order_and_invents_no_verdict() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Profile nowhere = Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(closedPort)
                .connectTimeoutSeconds(1).build();
        TapFailures failures = new TapFailures(nowhere);
        List<TapEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Map<String, Failure> verdicts = new java.util.concurrent.ConcurrentHashMap<>();
        var feed = failures.probing(e -> {
            if (e instanceof TapEvent.Closed c) {
                Failure f = failures.verdictOf(c);
                if (f != null) {
                    verdicts.put(c.conn(), f);
                }
            }
            seen.add(e);
        });
        TapEvent.Packet connect = packet("c1", Direction.CLIENT_TO_BROKER, 4, MqttBytes.connect(4, "quiet"));
        feed.accept(connect);
        feed.accept(closed("c1", "the broker closed the connection"));
        feed.accept(packet("c2", Direction.CLIENT_TO_BROKER, 4, MqttBytes.connect(4, "u", "alice", "pw")));
        feed.accept(packet("c2", Direction.BROKER_TO_CLIENT, 4, HexFormat.of().parseHex("20020004")));
        feed.accept(closed("c2", "x"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> seen.size() == 5);
        assertThat(seen.indexOf(connect)).isLessThan(seen.stream().filter(e -> e instanceof TapEvent.Closed c
                && c.conn().equals("c1")).map(seen::indexOf).findFirst().orElseThrow());
        assertThat(verdicts).doesNotContainKey("c1");
        assertThat(verdicts.get("c2").causeKey()).isEqualTo("mqtt.bad_credentials.cause");
    }
}
