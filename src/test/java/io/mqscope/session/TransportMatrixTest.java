package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.binaryPayload;
import static io.mqscope.session.SessionFixtures.join;
import static io.mqscope.session.SessionFixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.Stage;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.TestTls;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every transport with MQTT 3.1.1 and 5 against HiveMQ CE embedded, and the failures a user meets first. */
@ExtendWith(EmbeddedHiveMq.class)
class TransportMatrixTest {
    static LocalBroker broker;
    @RegisterExtension
    final OpenSessions sessions = new OpenSessions();

    @BeforeAll
    static void broker(LocalBroker shared) {
        broker = shared;
    }

    static Profile profileFor(Transport t, MqttVersion v) {
        int port = switch (t) {
            case TCP -> broker.tcpPort();
            case TLS -> broker.tlsPort();
            case WS -> broker.wsPort();
            case WSS -> broker.wssPort();
        };
        Profile.Builder b = SessionFixtures.profile(t, port, v).toBuilder().host("localhost").wsPath("/mqtt");
        if (t.secure()) {
            b.tls(new Profile.TlsSettings(TestTls.path("ca.pem").toString(), null, null, null, null, null, true,
                    false));
        }
        return b.build();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Transport t : Transport.values()) {
            out.add(Arguments.of(t, MqttVersion.V3_1_1));
            out.add(Arguments.of(t, MqttVersion.V5));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} MQTT {1}")
    @MethodSource("matrix")
    void subscribes_and_receives_binary_qos1_and_qos2_byte_exact(Transport t, MqttVersion v) {
        Recorder rec = new Recorder();
        Session s = sessions.open(profileFor(t, v), rec);
        join(s.connect());
        String topic = "matrix/" + t + "/" + v;
        join(s.subscribe(sub(topic + "/#", 2)));
        join(s.publish(new PublishRequest(topic + "/1", binaryPayload(11), 1, false, null)));
        join(s.publish(new PublishRequest(topic + "/2", binaryPayload(12), 2, false, null)));
        List<MessageEvent> got = rec.awaitReceived(2);
        assertThat(got).extracting(MessageEvent::topic).containsExactlyInAnyOrder(topic + "/1", topic + "/2");
        for (MessageEvent m : got) {
            assertThat(m.payload()).isEqualTo(binaryPayload(m.topic().endsWith("1") ? 11 : 12));
        }
    }

    @Test
    void mutual_tls_with_a_client_certificate_connects() {
        Profile p = profileFor(Transport.TLS, MqttVersion.V5).toBuilder()
                .tls(new Profile.TlsSettings(TestTls.path("ca.pem").toString(),
                        TestTls.path("client.pem").toString(), TestTls.path("client.key").toString(), null, null,
                        null, true, false)).build();
        Session s = sessions.open(p, new Recorder());
        join(s.connect());
        assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void wrong_ca_fails_at_the_tls_stage_naming_the_issuer() {
        Profile p = profileFor(Transport.TLS, MqttVersion.V5).toBuilder()
                .tls(new Profile.TlsSettings(TestTls.path("other-ca.pem").toString(), null, null, null, null, null,
                        true, false)).build();
        StateChange failed = sessions.failToConnect(p);
        assertThat(failed.stage()).isEqualTo(Stage.TLS);
        assertThat(failed.reason()).contains("MQScope Test CA");
    }

    @Test
    void wrong_websocket_path_fails_at_the_websocket_stage() {
        Profile p = profileFor(Transport.WS, MqttVersion.V3_1_1).toBuilder().wsPath("/wrong")
                .connectTimeoutSeconds(2).build();
        StateChange failed = sessions.failToConnect(p);
        assertThat(failed.stage()).isEqualTo(Stage.WEBSOCKET);
        // HiveMQ CE does not answer an upgrade on an unknown path: the relay reports the stalled stage and the
        // session names the path tried
        assertThat(failed.reason()).startsWith("the broker did not answer the WebSocket upgrade for path '/wrong'"
                + " (wrong path? try /mqtt)").containsIgnoringCase("websocket stage");
    }

    @Test
    void a_disconnect_during_a_stalled_attempt_leaves_the_session_disconnected_not_failed() {
        Profile p = profileFor(Transport.WS, MqttVersion.V5).toBuilder().wsPath("/wrong")
                .connectTimeoutSeconds(1).build();
        Recorder rec = new Recorder();
        Session s = sessions.open(p, rec);
        java.util.concurrent.CompletableFuture<Void> connecting = s.connect();
        // the HiveMQ client is connecting to the relay, whose upstream waits for the upgrade answer
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> ((HiveSession) s).attemptUnderWay());
        SessionFixtures.join(s.disconnect());
        assertThat(s.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThatThrownBy(connecting::join).hasCauseInstanceOf(SessionException.class);
        assertThat(s.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(rec.states).extracting(StateChange::state).doesNotContain(ConnectionState.FAILED);
    }

    @Test
    void insecure_mode_accepts_an_untrusted_broker() {
        Profile p = profileFor(Transport.WSS, MqttVersion.V5).toBuilder()
                .tls(new Profile.TlsSettings(null, null, null, null, null, null, false, true)).build();
        Session s = sessions.open(p, new Recorder());
        join(s.connect());
        assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
    }
}
