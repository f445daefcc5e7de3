package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.RecordingRelayListener;
import io.mqscope.testing.TestProxies;
import io.mqscope.testing.TestTls;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every stage of an upstream failure, with the detail a person needs, and the client side closed promptly. */
@ExtendWith({EmbeddedHiveMq.class, Mosquitto.class})
class RelayFailureTest {

    private static Profile.TlsSettings trust(String caFile) {
        return new Profile.TlsSettings(caFile == null ? null : TestTls.file(caFile), null, null, null, null,
                List.of(), true, false);
    }

    /** Connects a client to a relay for the profile, sends CONNECT and returns the first failure. */
    private static Result failOn(Profile profile) throws Exception {
        RecordingRelayListener events = new RecordingRelayListener();
        try (Relay relay = Relay.start(profile, events);
             Socket s = new Socket("127.0.0.1", relay.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(MqttBytes.connect(4, "failure-test"));
            InputStream in = s.getInputStream();
            byte[] rest = in.readAllBytes(); // until the relay closes the client side
            UpstreamFailure f = events.awaitFailure();
            String closed = events.awaitClosed();
            System.out.println(f.stage() + ": " + f.detail());
            return new Result(f, closed, rest);
        }
    }

    record Result(UpstreamFailure failure, String closedReason, byte[] clientReceived) {
        Stage stage() {
            return failure.stage();
        }

        String detail() {
            return failure.detail();
        }
    }

    @Test
    void unknown_host_fails_at_dns() throws Exception {
        Result r = failOn(Profile.builder().host("no-such-broker.invalid").port(1883).build());
        assertThat(r.stage()).isEqualTo(Stage.DNS);
        assertThat(r.detail()).contains("unknown host").contains("no-such-broker.invalid");
        assertThat(r.closedReason()).contains("DNS");
    }

    @Test
    void nothing_listening_fails_at_tcp_with_refused() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Result r = failOn(Profile.builder().host("127.0.0.1").port(port).build());
        assertThat(r.stage()).isEqualTo(Stage.TCP);
        assertThat(r.detail()).contains("connection refused").contains("127.0.0.1:" + port);
        assertThat(r.clientReceived()).isEmpty();
    }

    @Test
    void a_listener_that_never_accepts_times_out_at_tcp() throws Exception {
        // Linux drops SYNs once a listener's accept queue is full: connects then time out instead of failing
        try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            List<Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket f = new Socket();
                    try {
                        f.connect(new java.net.InetSocketAddress("127.0.0.1", full.getLocalPort()), 300);
                        fillers.add(f);
                    } catch (java.io.IOException e) {
                        f.close();
                        break; // queue full now
                    }
                }
                org.junit.jupiter.api.Assumptions.assumeTrue(fillers.size() < 8,
                        "this OS does not drop connections to a full accept queue");
                Result r = failOn(Profile.builder().host("127.0.0.1").port(full.getLocalPort())
                        .connectTimeoutSeconds(1).build());
                assertThat(r.stage()).isEqualTo(Stage.TCP);
                assertThat(r.detail()).contains("timed out after 1 s");
            } finally {
                for (Socket f : fillers) {
                    f.close();
                }
            }
        }
    }

    @Test
    void unknown_proxy_host_fails_at_dns_naming_the_proxy() throws Exception {
        Result r = failOn(Profile.builder().host("broker.example").port(1883)
                .proxy(new Profile.ProxySettings("http", "no-such-proxy.invalid", 3128, null, null)).build());
        assertThat(r.stage()).isEqualTo(Stage.DNS);
        assertThat(r.detail()).contains("no-such-proxy.invalid").contains("(the proxy)");
    }

    @Test
    void wrong_ca_fails_at_tls_naming_subject_and_issuer(LocalBroker broker) throws Exception {
        Result r = failOn(Profile.builder().transport(Transport.TLS).host("localhost").port(broker.tlsPort())
                .tls(trust("other-ca.pem")).build());
        assertThat(r.stage()).isEqualTo(Stage.TLS);
        assertThat(r.detail()).startsWith("untrusted certificate chain")
                .contains("CN=localhost").contains("MQScope Test CA").contains("other-ca.pem");
    }

    @Test
    void system_trust_store_does_not_trust_a_private_ca(LocalBroker broker) throws Exception {
        Result r = failOn(Profile.builder().transport(Transport.TLS).host("localhost").port(broker.tlsPort())
                .tls(trust(null)).build());
        assertThat(r.stage()).isEqualTo(Stage.TLS);
        assertThat(r.detail()).contains("untrusted").contains("system trust store");
    }

    @Test
    void hostname_mismatch_fails_at_tls() throws Exception {
        try (TestServers.TlsServer server = new TestServers.TlsServer("wrong-host.pem", "wrong-host.key")) {
            Result r = failOn(Profile.builder().transport(Transport.TLS).host("localhost").port(server.port())
                    .tls(trust("ca.pem")).build());
            assertThat(r.stage()).isEqualTo(Stage.TLS);
            assertThat(r.detail()).startsWith("hostname mismatch").contains("wrong.example").contains("localhost");
        }
    }

    @Test
    void hostname_mismatch_is_accepted_when_verification_is_off() throws Exception {
        try (TestServers.TlsServer server = new TestServers.TlsServer("wrong-host.pem", "wrong-host.key")) {
            RecordingRelayListener events = new RecordingRelayListener();
            Profile p = Profile.builder().transport(Transport.TLS).host("localhost").port(server.port())
                    .tls(new Profile.TlsSettings(TestTls.file("ca.pem"), null, null, null, null, List.of(), false,
                            false)).build();
            try (Relay relay = Relay.start(p, events);
                 Socket s = new Socket("127.0.0.1", relay.port())) {
                s.setSoTimeout(3000);
                s.getOutputStream().write(MqttBytes.pingreq());
                // the server completes its handshake only after the relay accepted the certificate (the client's
                // Finished follows its verification); the server never answers MQTT, so the relay stays open
                server.awaitHandshake();
                assertThat(events.failures).isEmpty();
                assertThat(events.closed).isEmpty();
                assertThat(relay.connectionCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void expired_certificate_fails_at_tls() throws Exception {
        try (TestServers.TlsServer server = new TestServers.TlsServer("expired-server.pem", "expired-server.key")) {
            Result r = failOn(Profile.builder().transport(Transport.TLS).host("localhost").port(server.port())
                    .tls(trust("ca.pem")).build());
            assertThat(r.stage()).isEqualTo(Stage.TLS);
            assertThat(r.detail()).startsWith("certificate expired").contains("CN=localhost").contains("2001");
        }
    }

    @Test
    void tls_to_a_plain_port_says_the_broker_does_not_speak_tls(LocalBroker broker) throws Exception {
        Result r = failOn(Profile.builder().transport(Transport.TLS).host("localhost").port(broker.tcpPort())
                .tls(trust("ca.pem")).connectTimeoutSeconds(3).build());
        assertThat(r.stage()).isEqualTo(Stage.TLS);
        assertThat(r.detail()).contains("before the TLS handshake finished").contains("not a TLS port");
    }

    @Test
    void unreadable_ca_file_fails_at_tls_with_the_file_name(LocalBroker broker) throws Exception {
        Result r = failOn(Profile.builder().transport(Transport.TLS).host("localhost").port(broker.tlsPort())
                .tls(new Profile.TlsSettings("/nonexistent/ca.pem", null, null, null, null, List.of(), true, false))
                .build());
        assertThat(r.stage()).isEqualTo(Stage.TLS);
        assertThat(r.detail()).contains("/nonexistent/ca.pem");
    }

    @Test
    void wrong_websocket_path_fails_at_websocket_with_the_status(LocalBroker broker) throws Exception {
        Result r = failOn(Profile.builder().transport(Transport.WS).host("127.0.0.1").port(broker.wsPort())
                .wsPath("/wrong").build());
        assertThat(r.stage()).isEqualTo(Stage.WEBSOCKET);
        // HiveMQ CE does not answer an unknown path: it closes the connection
        assertThat(r.detail()).contains("without answering the upgrade request for path '/wrong'");
    }

    @Test
    void http_404_is_reported_with_status_line_and_body() throws Exception {
        try (TestServers.HttpAnswer http = new TestServers.HttpAnswer("HTTP/1.1 404 Not Found\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 35\r\n\r\nNo MQTT here.\r\nTry /mqtt instead.\r\n")) {
            Result r = failOn(Profile.builder().transport(Transport.WS).host("127.0.0.1").port(http.port())
                    .wsPath("/wrong").build());
            assertThat(r.stage()).isEqualTo(Stage.WEBSOCKET);
            assertThat(r.detail()).contains("HTTP/1.1 404 Not Found").contains("'/wrong'")
                    .contains("No MQTT here.").contains("Try /mqtt instead.");
        }
    }

    @Test
    void subprotocol_not_echoed_fails_at_websocket() throws Exception {
        try (TestServers.HttpAnswer http = new TestServers.HttpAnswer("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n")) {
            Result r = failOn(Profile.builder().transport(Transport.WS).host("127.0.0.1").port(http.port())
                    .build());
            assertThat(r.stage()).isEqualTo(Stage.WEBSOCKET);
            assertThat(r.detail()).contains("did not echo the 'mqtt' subprotocol");
        }
    }

    @Test
    void upgrade_request_carries_path_query_subprotocol_and_extra_headers() throws Exception {
        try (TestServers.HttpAnswer http = new TestServers.HttpAnswer("HTTP/1.1 403 Forbidden\r\n"
                + "Content-Length: 0\r\n\r\n")) {
            Result r = failOn(Profile.builder().transport(Transport.WS).host("127.0.0.1").port(http.port())
                    .wsPath("/mqtt?token=a%2Fb&x=1").wsSubprotocol("mqttv3.1")
                    .wsHeaders(java.util.Map.of("X-Device", "kit-1")).build());
            assertThat(r.stage()).isEqualTo(Stage.WEBSOCKET);
            assertThat(r.detail()).contains("403 Forbidden");
            assertThat(http.lastRequest).startsWith("GET /mqtt?token=a%2Fb&x=1 HTTP/1.1\r\n")
                    .containsIgnoringCase("sec-websocket-protocol: mqttv3.1\r\n")
                    .containsIgnoringCase("x-device: kit-1\r\n");
        }
    }

    @Test
    void silent_tls_endpoint_times_out_at_tls() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            Result r = failOn(Profile.builder().transport(Transport.TLS).host("localhost").port(silent.getLocalPort())
                    .tls(trust("ca.pem")).connectTimeoutSeconds(1).build());
            assertThat(r.stage()).isEqualTo(Stage.TLS);
            assertThat(r.detail()).containsIgnoringCase("timed out");
        }
    }

    @Test
    void silent_websocket_endpoint_times_out_at_websocket() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
            Result r = failOn(Profile.builder().transport(Transport.WS).host("127.0.0.1").port(silent.getLocalPort())
                    .connectTimeoutSeconds(1).build());
            assertThat(r.stage()).isEqualTo(Stage.WEBSOCKET);
            assertThat(r.detail()).contains("no progress within 1 s during the WEBSOCKET stage");
        }
    }

    @Test
    void connack_refusal_is_reported_at_mqtt_and_reaches_the_client(Mosquitto mosquitto) throws Exception {
        RecordingRelayListener events = new RecordingRelayListener();
        try (Relay relay = Relay.start(Profile.builder().host("127.0.0.1").port(mosquitto.authPort).build(), events);
             Socket s = new Socket("127.0.0.1", relay.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(MqttBytes.connect(4, "bad-password", Mosquitto.USERNAME, "wrong"));
            byte[] connack = MqttBytes.readPacket(s.getInputStream());
            assertThat(connack[0]).isEqualTo((byte) 0x20);
            assertThat(connack[3]).as("the client sees the broker's own CONNACK").isNotZero();
            UpstreamFailure f = events.awaitFailure();
            assertThat(f.stage()).isEqualTo(Stage.MQTT);
            assertThat(f.detail()).startsWith("CONNACK refused the connection: 0x0").contains("not authorized");
        }
    }

    @Test
    void broker_closing_without_connack_is_an_mqtt_failure(LocalBroker broker) throws Exception {
        RecordingRelayListener events = new RecordingRelayListener();
        try (Relay relay = Relay.start(Profile.builder().host("127.0.0.1").port(broker.tcpPort()).build(), events);
             Socket s = new Socket("127.0.0.1", relay.port())) {
            s.setSoTimeout(10_000);
            byte[] connect = MqttBytes.connect(4, "bad-flags");
            connect[9] |= 0x01; // reserved connect flag set: malformed [MQTT-3.1.2-3]
            s.getOutputStream().write(connect);
            assertThat(s.getInputStream().readAllBytes()).isEmpty();
            UpstreamFailure f = events.awaitFailure();
            assertThat(f.stage()).isEqualTo(Stage.MQTT);
            assertThat(f.detail()).startsWith("the broker closed the connection without sending CONNACK")
                    .contains("right after client packet #0 (CONNECT) which has findings");
        }
    }

    @Test
    void http_connect_proxy_carries_the_session(LocalBroker broker) throws Exception {
        try (TestProxies proxy = TestProxies.http(null)) {
            Profile p = Profile.builder().host("localhost").port(broker.tcpPort())
                    .proxy(new Profile.ProxySettings("http", "127.0.0.1", proxy.port(), null, null)).build();
            RecordingRelayListener events = new RecordingRelayListener();
            try (Relay relay = Relay.start(p, events)) {
                io.mqscope.testing.MqttExchange.run("127.0.0.1", relay.port(), 5, "via-http-proxy");
                events.awaitClosed();
            }
            assertThat(events.failures).isEmpty();
            assertThat(proxy.targets).endsWith("localhost:" + broker.tcpPort());
        }
    }

    @Test
    void socks5_proxy_carries_a_tls_session(LocalBroker broker) throws Exception {
        try (TestProxies proxy = TestProxies.socks5()) {
            Profile p = Profile.builder().transport(Transport.WSS).host("localhost").port(broker.wssPort())
                    .tls(trust("ca.pem"))
                    .proxy(new Profile.ProxySettings("socks5", "127.0.0.1", proxy.port(), null, null)).build();
            RecordingRelayListener events = new RecordingRelayListener();
            try (Relay relay = Relay.start(p, events)) {
                io.mqscope.testing.MqttExchange.run("127.0.0.1", relay.port(), 4, "via-socks5");
                events.awaitClosed();
            }
            assertThat(events.failures).isEmpty();
            assertThat(proxy.targets).endsWith("localhost:" + broker.wssPort());
            assertThat(events.frames).isNotEmpty();
        }
    }

    @Test
    void proxy_refusal_fails_at_proxy(LocalBroker broker) throws Exception {
        try (TestProxies proxy = TestProxies.http("403 Forbidden")) {
            Result r = failOn(Profile.builder().host("127.0.0.1").port(broker.tcpPort())
                    .proxy(new Profile.ProxySettings("http", "127.0.0.1", proxy.port(), null, null)).build());
            assertThat(r.stage()).isEqualTo(Stage.PROXY);
            assertThat(r.detail()).contains("403");
        }
    }

    @Test
    void unreachable_proxy_fails_at_proxy() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Result r = failOn(Profile.builder().host("broker.example").port(1883)
                .proxy(new Profile.ProxySettings("socks5", "127.0.0.1", port, null, null)).build());
        assertThat(r.stage()).isEqualTo(Stage.PROXY);
        assertThat(r.detail()).contains("proxy 127.0.0.1:" + port).contains("refused");
    }
}
