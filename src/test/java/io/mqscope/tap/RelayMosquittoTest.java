package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttExchange;
import io.mqscope.testing.RecordingRelayListener;
import io.mqscope.testing.TestTls;
import io.mqscope.wire.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The relay against Debian's mosquitto: every transport, mutual TLS, username/password. */
@ExtendWith(Mosquitto.class)
class RelayMosquittoTest {

    private static final Profile.TlsSettings CA_ONLY =
            new Profile.TlsSettings(TestTls.file("ca.pem"), null, null, null, null, List.of(), true, false);

    @ParameterizedTest(name = "{0} MQTT level {1}")
    @CsvSource({"TCP,4", "TCP,5", "WS,4", "WS,5", "TLS,4", "TLS,5", "WSS,4", "WSS,5"})
    void relays_a_session(Transport transport, int level, Mosquitto mosquitto) throws Exception {
        int port = switch (transport) {
            case TCP -> mosquitto.tcpPort;
            case WS -> mosquitto.wsPort;
            case TLS -> mosquitto.tlsPort;
            case WSS -> mosquitto.wssPort;
        };
        Profile profile = Profile.builder().transport(transport).host("localhost").port(port).wsPath("/mqtt")
                .tls(CA_ONLY).build();
        RecordingRelayListener events = run(profile, level, "mosq-" + transport + "-" + level, null, null);
        if (transport.webSocket()) {
            assertThat(events.frames).anyMatch(f -> f.direction() == Direction.BROKER_TO_CLIENT
                    && f.opcode().equals("binary") && f.fin());
            assertThat(events.frames).anyMatch(f -> f.direction() == Direction.CLIENT_TO_BROKER
                    && f.opcode().equals("binary"));
        }
    }

    @ParameterizedTest(name = "client certificate as {0}")
    @CsvSource({"pem", "encrypted-pem", "pkcs12"})
    void mutual_tls(String form, Mosquitto mosquitto) throws Exception {
        Profile.TlsSettings tls = switch (form) {
            case "pem" -> new Profile.TlsSettings(TestTls.file("ca.pem"), TestTls.file("client.pem"),
                    TestTls.file("client.key"), null, null, List.of(), true, false);
            case "encrypted-pem" -> new Profile.TlsSettings(TestTls.file("ca.pem"), TestTls.file("client.pem"),
                    TestTls.file("client-encrypted.key"), TestTls.PASSWORD, null, List.of(), true, false);
            default -> new Profile.TlsSettings(TestTls.file("ca.pem"), TestTls.file("client.p12"), null,
                    TestTls.PASSWORD, null, List.of(), true, false);
        };
        Profile profile = Profile.builder().transport(Transport.TLS).host("127.0.0.1").port(mosquitto.mtlsPort)
                .tls(tls).build();
        run(profile, 5, "mosq-mtls-" + form, null, null);
    }

    @Test
    void mutual_tls_without_a_client_certificate_fails_at_tls(Mosquitto mosquitto) throws Exception {
        Profile profile = Profile.builder().transport(Transport.TLS).host("127.0.0.1").port(mosquitto.mtlsPort)
                .tls(CA_ONLY).build();
        RecordingRelayListener events = new RecordingRelayListener();
        try (Relay relay = Relay.start(profile, events);
             java.net.Socket s = new java.net.Socket("127.0.0.1", relay.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(io.mqscope.testing.MqttBytes.connect(4, "no-cert"));
            assertThat(s.getInputStream().read()).as("client side closed").isEqualTo(-1);
            UpstreamFailure f = events.awaitFailure();
            assertThat(f.stage()).as(f.detail()).isEqualTo(Stage.TLS);
            assertThat(f.detail()).contains("client certificate");
            assertThat(events.awaitClosed()).contains("TLS");
        }
    }

    @Test
    void username_and_password(Mosquitto mosquitto) throws Exception {
        Profile profile = Profile.builder().host("127.0.0.1").port(mosquitto.authPort).build();
        run(profile, 4, "mosq-auth", Mosquitto.USERNAME, Mosquitto.PASSWORD);
    }

    @Test
    void sni_and_alpn_settings_are_accepted(Mosquitto mosquitto) throws Exception {
        Profile profile = Profile.builder().transport(Transport.TLS).host("localhost").port(mosquitto.tlsPort)
                .tls(new Profile.TlsSettings(TestTls.file("ca.pem"), null, null, null, "localhost",
                        List.of("mqtt"), true, false)).build();
        run(profile, 4, "mosq-sni", null, null);
    }

    @Test
    void sni_and_alpn_reach_the_server() throws Exception {
        // a name other than the host, so the ClientHello shows the setting and not the JDK's default SNI
        try (TestServers.TlsServer server = new TestServers.TlsServer("server.pem", "server.key", List.of("mqtt"))) {
            Profile profile = Profile.builder().transport(Transport.TLS).host("localhost").port(server.port())
                    .tls(new Profile.TlsSettings(TestTls.file("ca.pem"), null, null, null, "broker.mqscope.test",
                            List.of("x-unknown", "mqtt"), true, false)).build();
            TestServers.TlsServer.Handshake seen = handshakeThroughRelay(profile, server);
            assertThat(seen.serverNames()).containsExactly("broker.mqscope.test");
            assertThat(seen.alpn()).isEqualTo("mqtt");
        }
    }

    @Test
    void without_settings_a_dotless_host_sends_no_sni_and_no_alpn() throws Exception {
        // the JDK names only hosts with a dot in SNI (RFC 6066 §3 wants a fully qualified name); "localhost" has none
        try (TestServers.TlsServer server = new TestServers.TlsServer("server.pem", "server.key", List.of("mqtt"))) {
            Profile profile = Profile.builder().transport(Transport.TLS).host("localhost").port(server.port())
                    .tls(CA_ONLY).build();
            TestServers.TlsServer.Handshake seen = handshakeThroughRelay(profile, server);
            assertThat(seen.serverNames()).isEmpty();
            assertThat(seen.alpn()).isNull();
        }
    }

    @Test
    void insecure_mode_skips_verification_only_when_asked(Mosquitto mosquitto) throws Exception {
        // trusting only an unrelated CA: the broker's chain is untrusted
        Profile.TlsSettings wrongCa = new Profile.TlsSettings(TestTls.file("other-ca.pem"), null, null, null, null,
                List.of(), true, false);
        Profile verifying = Profile.builder().transport(Transport.TLS).host("127.0.0.1").port(mosquitto.tlsPort)
                .tls(wrongCa).build();
        UpstreamFailure refused = failureOf(verifying);
        assertThat(refused.stage()).isEqualTo(Stage.TLS);
        assertThat(refused.detail()).startsWith("untrusted certificate chain").contains("other-ca.pem");

        Profile insecure = verifying.toBuilder().tls(new Profile.TlsSettings(wrongCa.caFile(), null, null, null,
                null, List.of(), true, true)).build();
        RecordingRelayListener events = run(insecure, 5, "mosq-insecure", null, null);
        assertThat(events.packets).as("a whole session went through")
                .anyMatch(e -> e.direction() == Direction.BROKER_TO_CLIENT && e.packet().raw()[0] == 0x20);
    }

    @Test
    void insecure_mode_also_skips_the_hostname_check() throws Exception {
        try (TestServers.TlsServer server = new TestServers.TlsServer("wrong-host.pem", "wrong-host.key")) {
            Profile.TlsSettings insecure = new Profile.TlsSettings(TestTls.file("other-ca.pem"), null, null, null,
                    null, List.of(), true, true);
            Profile profile = Profile.builder().transport(Transport.TLS).host("localhost").port(server.port())
                    .tls(insecure).build();
            assertThat(handshakeThroughRelay(profile, server)).as("handshake completed").isNotNull();
        }
    }

    /** Opens a relayed connection, awaits the server's completed handshake and checks the relay reported nothing. */
    private static TestServers.TlsServer.Handshake handshakeThroughRelay(Profile profile,
                                                                         TestServers.TlsServer server)
            throws Exception {
        RecordingRelayListener events = new RecordingRelayListener();
        try (Relay relay = Relay.start(profile, events);
             java.net.Socket s = new java.net.Socket("127.0.0.1", relay.port())) {
            s.getOutputStream().write(io.mqscope.testing.MqttBytes.connect(4, "tls-settings"));
            TestServers.TlsServer.Handshake seen = server.awaitHandshake();
            assertThat(events.failures).isEmpty();
            return seen;
        }
    }

    private static UpstreamFailure failureOf(Profile profile) throws Exception {
        RecordingRelayListener events = new RecordingRelayListener();
        try (Relay relay = Relay.start(profile, events);
             java.net.Socket s = new java.net.Socket("127.0.0.1", relay.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(io.mqscope.testing.MqttBytes.connect(5, "mosq-verifying"));
            assertThat(s.getInputStream().read()).as("client side closed").isEqualTo(-1);
            return events.awaitFailure();
        }
    }

    private static RecordingRelayListener run(Profile profile, int level, String clientId, String user,
                                              String password) throws Exception {
        RecordingRelayListener events = new RecordingRelayListener();
        try (Relay relay = Relay.start(profile, events)) {
            MqttExchange.run("127.0.0.1", relay.port(), level, clientId, user, password);
            events.awaitClosed();
        }
        assertThat(events.failures).isEmpty();
        return events;
    }
}
