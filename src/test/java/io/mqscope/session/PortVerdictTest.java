package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.check.BrokerCheck;
import io.mqscope.check.CheckOptions;
import io.mqscope.check.CheckReport;
import io.mqscope.check.Verdict;
import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.TestTls;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session whose connect is reset or closed by a port that speaks another protocol (a TLS listener, a plain MQTT
 * listener, a WebSocket listener) names that protocol with the very words {@code mqscope check} gives for the same
 * profile: stage, cause and fix, in English and Chinese; and a refused certificate is judged as the check judges it.
 * Real mosquitto listeners, through the relay.
 */
@ExtendWith(Mosquitto.class)
class PortVerdictTest {
    @RegisterExtension
    final OpenSessions sessions = new OpenSessions();

    private static Profile profile(Transport t, String host, int port) {
        return SessionFixtures.profile(t, port, MqttVersion.V3_1_1).toBuilder().host(host)
                .reconnect(new Profile.Reconnect(false, 1000, 1000)).build();
    }

    private Failure failed(Profile p) {
        Failure f = sessions.failToConnect(p).failure();
        assertThat(f).as("the FAILED state carries a verdict").isNotNull();
        return f;
    }

    /** The session's verdict is the check's, word for word, in both languages. */
    private void assertSameAsCheck(Profile p, String causeKey) {
        Failure f = failed(p);
        assertThat(f.causeKey()).isEqualTo(causeKey);
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE}) {
            CheckReport r = BrokerCheck.run(p, "", CheckOptions.of(Duration.ofSeconds(5), locale)
                    .withoutRoundTrips());
            Verdict v = r.verdict();
            assertThat(v).as("check fails too").isNotNull();
            assertThat(f.stage().label()).isEqualTo(v.stage());
            assertThat(f.cause(locale)).isEqualTo(v.cause());
            assertThat(f.fix(locale)).isEqualTo(v.fix());
        }
    }

    @Test
    void aTcpClientAtATlsPortIsToldToUseMqtts(Mosquitto m) {
        assertSameAsCheck(profile(Transport.TCP, "127.0.0.1", m.tlsPort), "mqtt.port_speaks_tls.cause");
    }

    @Test
    void aWebSocketClientAtAPlainMqttPortIsToldToUseMqtt(Mosquitto m) {
        assertSameAsCheck(profile(Transport.WS, "127.0.0.1", m.tcpPort), "ws.port_speaks_mqtt.cause");
    }

    @Test
    void aWebSocketClientAtATlsPortIsToldToUseWss(Mosquitto m) {
        assertSameAsCheck(profile(Transport.WS, "127.0.0.1", m.tlsPort), "ws.port_speaks_tls.cause");
    }

    @Test
    void tlsToAPlainMqttPortIsToldThePortSpeaksMqtt(Mosquitto m) {
        assertSameAsCheck(profile(Transport.TLS, "127.0.0.1", m.tcpPort), "tls.port_speaks_mqtt.cause");
        assertSameAsCheck(profile(Transport.WSS, "127.0.0.1", m.tcpPort), "tls.port_speaks_mqtt.cause");
    }

    @Test
    void tlsToAWebSocketPortIsToldThePortSpeaksHttp(Mosquitto m) {
        assertSameAsCheck(profile(Transport.TLS, "127.0.0.1", m.wsPort), "tls.port_speaks_http.cause");
    }

    @Test
    void wssToAnMqttsPortIsToldToUseMqtts(Mosquitto m) {
        Profile p = profile(Transport.WSS, "localhost", m.tlsPort);
        p = p.toBuilder().tls(new Profile.TlsSettings(TestTls.file("ca.pem"), null, null, null, null, List.of(), true,
                false)).build();
        assertSameAsCheck(p, "ws.port_speaks_mqtts.cause");
    }

    @Test
    void anUntrustedCertificateNamesItsCaAsTheCheckDoes(Mosquitto m) {
        assertSameAsCheck(profile(Transport.TLS, "localhost", m.tlsPort), "tls.untrusted_ca.cause");
        Failure f = failed(profile(Transport.TLS, "localhost", m.tlsPort));
        assertThat(f.cause(Locale.ENGLISH)).contains("signed by", "MQScope Test CA", "a CA that is not trusted here")
                .doesNotContain("PKIX");
    }
}
