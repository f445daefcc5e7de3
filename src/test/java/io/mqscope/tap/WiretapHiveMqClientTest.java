package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.Mosquitto;
import io.mqscope.wire.Direction;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HiveMQ Java client through the wiretap, over every listen kind, to mosquitto and to the embedded HiveMQ:
 * a subscribe/publish round trip arrives, and the tap decoded both directions.
 */
@ExtendWith({Mosquitto.class, EmbeddedHiveMq.class})
class WiretapHiveMqClientTest {
    @TempDir
    static Path configDir;

    @ParameterizedTest(name = "listen {0} -> {1} {2}")
    @CsvSource({"mqtt,mosquitto,TCP", "ws,mosquitto,TCP", "ws,mosquitto,WS", "mqtt,hivemq,WS", "ws,hivemq,TCP",
            "ws,hivemq,WS", "mqtts,mosquitto,TCP", "wss,hivemq,TCP"})
    void round_trip(String listen, String broker, Transport upstream, Mosquitto m, LocalBroker hive)
            throws Exception {
        int port = switch (broker + upstream) {
            case "mosquittoTCP" -> m.tcpPort;
            case "mosquittoWS" -> m.wsPort;
            case "hivemqTCP" -> hive.tcpPort();
            default -> hive.wsPort();
        };
        String path = broker.equals("hivemq") ? hive.wsPath() : "/mqtt";
        Profile profile = Profile.builder().transport(upstream).host("127.0.0.1").port(port).wsPath(path).build();
        ListenUrl at = ListenUrl.parse(listen + "://127.0.0.1:0" + (listen.startsWith("ws") ? "/mqtt" : ""));
        SelfSignedCa.Issued cert = at.kind().secure()
                ? new SelfSignedCa(configDir.resolve("tap")).serverFor(List.of("localhost", "127.0.0.1")) : null;
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = Wiretap.start(new TapSettings(at, profile, cert == null ? null
                : SslContextBuilder.forServer(cert.certificate().toFile(), cert.key().toFile()).build(), false,
                Locale.ENGLISH), events)) {
            Mqtt5ClientBuilder b = MqttClient.builder().useMqttVersion5().identifier("hive-" + listen + broker
                    + upstream).serverHost("127.0.0.1").serverPort(tap.port());
            if (at.kind().webSocket()) {
                b = b.webSocketConfig().serverPath("mqtt").subprotocol("mqtt").applyWebSocketConfig();
            }
            if (cert != null) {
                b = b.sslConfig(trusting(cert.caCertificate()));
            }
            Mqtt5BlockingClient client = b.buildBlocking();
            client.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(
                    com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
                client.subscribeWith().topicFilter("tap/" + listen).qos(MqttQos.AT_LEAST_ONCE).send();
                client.publishWith().topic("tap/" + listen).qos(MqttQos.AT_LEAST_ONCE)
                        .payload("through the tap".getBytes(StandardCharsets.UTF_8)).send();
                Mqtt5Publish got = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
                assertThat(new String(got.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("through the tap");
            }
            client.disconnect();
            TapEvent.Closed closed = events.anyClosed();
            assertThat(closed.verdict()).as("a clean session has no verdict").isNull();
            assertThat(events.all(TapEvent.Packet.class)).extracting(p -> p.packet().type() + " " + p.from())
                    .contains("CONNECT " + Direction.CLIENT_TO_BROKER, "CONNACK " + Direction.BROKER_TO_CLIENT,
                            "PUBLISH " + Direction.BROKER_TO_CLIENT, "DISCONNECT " + Direction.CLIENT_TO_BROKER);
            assertThat(events.all(TapEvent.Packet.class)).noneMatch(p -> p.packet().malformed());
            if (at.kind().webSocket()) {
                assertThat(events.all(TapEvent.HttpExchange.class)).singleElement()
                        .satisfies(h -> assertThat(h.status()).isEqualTo(101));
            }
            if (upstream.webSocket()) {
                assertThat(events.all(TapEvent.WebSocketMessage.class))
                        .anyMatch(w -> w.from() == Direction.BROKER_TO_CLIENT);
            }
        }
        if (cert != null) {
            assertThat(Files.getPosixFilePermissions(cert.key()))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }

    @Test
    void with_repair_on_a_large_publish_still_arrives_whole(Mosquitto m) throws Exception {
        Profile profile = Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(m.tcpPort).build();
        TapRecorder events = new TapRecorder();
        // read in TCP-sized pieces, more than the repair holds back while a packet is incomplete
        byte[] payload = new byte[3 << 20];
        new java.util.Random(7).nextBytes(payload);
        try (Wiretap tap = Wiretap.start(new TapSettings(ListenUrl.parse("mqtt://127.0.0.1:0"), profile, null,
                true, Locale.ENGLISH), events)) {
            Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("repair-large")
                    .serverHost("127.0.0.1").serverPort(tap.port()).buildBlocking();
            client.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(
                    com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
                client.subscribeWith().topicFilter("tap/large").qos(MqttQos.AT_LEAST_ONCE).send();
                client.publishWith().topic("tap/large").qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
                Mqtt5Publish got = publishes.receive(20, TimeUnit.SECONDS).orElseThrow();
                assertThat(got.getPayloadAsBytes()).isEqualTo(payload);
            }
            client.disconnect();
            assertThat(events.anyClosed().repairedPackets()).isZero();
        }
    }

    @Test
    void a_client_that_does_not_trust_the_taps_certificate_gets_a_verdict(Mosquitto m, @TempDir Path dir)
            throws Exception {
        SelfSignedCa.Issued cert = new SelfSignedCa(dir).serverFor(List.of("localhost", "127.0.0.1"));
        Profile profile = Profile.builder().transport(Transport.TCP).host("127.0.0.1").port(m.tcpPort).build();
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = Wiretap.start(new TapSettings(ListenUrl.parse("mqtts://127.0.0.1:0"), profile,
                SslContextBuilder.forServer(cert.certificate().toFile(), cert.key().toFile()).build(), false,
                Locale.ENGLISH), events)) {
            Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("distrustful")
                    .serverHost("127.0.0.1").serverPort(tap.port()).sslWithDefaultConfig().buildBlocking();
            org.assertj.core.api.Assertions.assertThatThrownBy(client::connect).isInstanceOf(Exception.class);
            assertThat(events.anyClosed().verdict()).startsWith("the TLS handshake between the client and the tap"
                    + " failed").contains("--self-signed");
        }
    }

    @Test
    void a_second_certificate_for_other_names_comes_from_the_same_ca(@TempDir Path dir) throws Exception {
        SelfSignedCa ca = new SelfSignedCa(dir);
        SelfSignedCa.Issued a = ca.serverFor(List.of("localhost", "127.0.0.1"));
        SelfSignedCa.Issued b = ca.serverFor(List.of("localhost", "127.0.0.1", "192.168.1.20"));
        assertThat(a.caCertificate()).isEqualTo(b.caCertificate());
        assertThat(a.certificate()).isNotEqualTo(b.certificate());
        X509Certificate server = read(b.certificate());
        server.verify(read(b.caCertificate()).getPublicKey());
        assertThat(server.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList())
                .containsExactly("localhost", "127.0.0.1", "192.168.1.20");
        assertThat(ca.serverFor(List.of("localhost", "127.0.0.1")).certificate()).isEqualTo(a.certificate());
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static MqttClientSslConfig trusting(Path caPem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("tap-ca", read(caPem));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return MqttClientSslConfig.builder().trustManagerFactory(tmf).build();
    }
}
