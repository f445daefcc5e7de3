package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.binaryPayload;
import static io.mqscope.session.SessionFixtures.join;
import static io.mqscope.session.SessionFixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.Stage;
import io.mqscope.testing.Mosquitto;
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

/**
 * Sessions against Debian's mosquitto: every transport, mutual TLS, username/password, and the failures. Fails when
 * mosquitto is missing and MQSCOPE_REQUIRE_MOSQUITTO=1, else skips with a notice.
 */
@ExtendWith(Mosquitto.class)
class MosquittoSessionTest {
    static Mosquitto mosquitto;
    @RegisterExtension
    final OpenSessions sessions = new OpenSessions();

    @BeforeAll
    static void broker(Mosquitto shared) {
        mosquitto = shared;
    }

    static Profile.TlsSettings trust(String ca) {
        return new Profile.TlsSettings(TestTls.path(ca).toString(), null, null, null, null, null, true, false);
    }

    static Profile profile(Transport t, MqttVersion v) {
        int port = switch (t) {
            case TCP -> mosquitto.tcpPort;
            case TLS -> mosquitto.tlsPort;
            case WS -> mosquitto.wsPort;
            case WSS -> mosquitto.wssPort;
        };
        Profile.Builder b = SessionFixtures.profile(t, port, v).toBuilder().host("localhost");
        if (t.secure()) {
            b.tls(trust("ca.pem"));
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

    void roundTrip(Profile p, String topic) {
        Recorder rec = new Recorder();
        Session s = sessions.open(p, rec);
        join(s.connect());
        join(s.subscribe(sub(topic, 2)));
        for (int q = 0; q <= 2; q++) {
            join(s.publish(new PublishRequest(topic, binaryPayload(q), q, false, null)));
        }
        List<MessageEvent> got = rec.awaitReceived(3);
        assertThat(got).extracting(MessageEvent::payload)
                .containsExactlyInAnyOrder(binaryPayload(0), binaryPayload(1), binaryPayload(2));
    }

    @ParameterizedTest(name = "{0} MQTT {1}")
    @MethodSource("matrix")
    void every_transport_carries_qos_0_1_2_byte_exact(Transport t, MqttVersion v) {
        roundTrip(profile(t, v), "mosq/" + t + "/" + v);
    }

    @Test
    void mutual_tls_with_pem_client_certificate() {
        Profile p = profile(Transport.TLS, MqttVersion.V5).toBuilder().port(mosquitto.mtlsPort)
                .tls(new Profile.TlsSettings(TestTls.path("ca.pem").toString(), TestTls.path("client.pem").toString(),
                        TestTls.path("client.key").toString(), null, null, null, true, false)).build();
        roundTrip(p, "mosq/mtls");
    }

    @Test
    void mutual_tls_without_a_client_certificate_fails() {
        Profile p = profile(Transport.TLS, MqttVersion.V3_1_1).toBuilder().port(mosquitto.mtlsPort).build();
        StateChange failed = sessions.failToConnect(p);
        assertThat(failed.stage()).isIn(Stage.TLS, Stage.MQTT);
        assertThat(failed.reason()).isNotBlank();
    }

    @Test
    void username_and_password_are_accepted() {
        Profile p = profile(Transport.TCP, MqttVersion.V5).toBuilder().port(mosquitto.authPort)
                .username(Mosquitto.USERNAME).password(Mosquitto.PASSWORD).build();
        roundTrip(p, "mosq/auth");
    }

    @Test
    void wrong_password_is_a_connack_refusal_with_the_reason_code_mqtt5() {
        Profile p = profile(Transport.TCP, MqttVersion.V5).toBuilder().port(mosquitto.authPort)
                .username(Mosquitto.USERNAME).password("wrong").build();
        StateChange failed = sessions.failToConnect(p);
        assertThat(failed.stage()).isEqualTo(Stage.MQTT);
        assertThat(failed.reason()).isEqualTo("CONNACK refused: NOT_AUTHORIZED");
    }

    @Test
    void wrong_password_is_a_connack_refusal_with_the_return_code_mqtt311() {
        Profile p = profile(Transport.TCP, MqttVersion.V3_1_1).toBuilder().port(mosquitto.authPort)
                .username(Mosquitto.USERNAME).password("wrong").build();
        StateChange failed = sessions.failToConnect(p);
        assertThat(failed.stage()).isEqualTo(Stage.MQTT);
        assertThat(failed.reason()).startsWith("CONNACK refused: NOT_AUTHORIZED");
    }

    @Test
    void wrong_ca_fails_at_the_tls_stage_naming_the_issuer() {
        Profile p = profile(Transport.WSS, MqttVersion.V5).toBuilder().tls(trust("other-ca.pem")).build();
        StateChange failed = sessions.failToConnect(p);
        assertThat(failed.stage()).isEqualTo(Stage.TLS);
        assertThat(failed.reason()).contains("MQScope Test CA");
    }

    @Test
    void tls_to_a_plain_tcp_port_fails_at_the_tls_stage() {
        Profile p = profile(Transport.TLS, MqttVersion.V5).toBuilder().port(mosquitto.tcpPort).build();
        StateChange failed = sessions.failToConnect(p);
        assertThat(failed.stage()).isEqualTo(Stage.TLS);
    }
}
