package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.mqscope.broker.LocalBroker;
import io.mqscope.doctor.Insight;
import io.mqscope.testing.ConfiguredMosquitto;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation doctor over the HiveMQ Java client (3.1.1 and 5) through a real wiretap to mosquitto configured
 * per test (ACL file, password file, persistence off, max_qos, a frozen broker) and to the embedded HiveMQ (5.0
 * reason codes: session taken over, session expiry).
 */
@ExtendWith({Mosquitto.class, EmbeddedHiveMq.class})
class DoctorHiveClientTest {
    private static final byte[] PAYLOAD = "x".getBytes(StandardCharsets.UTF_8);

    private static Mqtt5BlockingClient v5(DoctorTap tap, String id) {
        return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(tap.port())
                .buildBlocking();
    }

    private static Mqtt3BlockingClient v3(DoctorTap tap, String id) {
        return MqttClient.builder().useMqttVersion3().identifier(id).serverHost("127.0.0.1").serverPort(tap.port())
                .buildBlocking();
    }

    @Test
    void mqtt5_takeover_is_told_by_disconnect_0x8e(LocalBroker hive) {
        try (DoctorTap tap = new DoctorTap(hive.tcpPort())) {
            Mqtt5BlockingClient simulator = v5(tap, "aliyun-triplet");
            simulator.connect();
            Mqtt5BlockingClient phone = v5(tap, "aliyun-triplet");
            phone.connect();
            Insight takeover = tap.await("client_id.takeover");
            assertThat(takeover.conns()).as(tap.seen()).containsExactly("c1", "c2");
            assertThat(takeover.packets()).extracting(PacketRefText::of).contains("c2 client #0", "c1 broker #1");
            assertThat(takeover.fix(Locale.ENGLISH)).contains("\"aliyun-triplet\"");
            phone.disconnect();
        }
    }

    @Test
    void acl_refuses_a_publish_in_mqtt5(@TempDir Path dir) throws Exception {
        Path acl = ConfiguredMosquitto.file(dir, "acl", "topic readwrite open/#");
        try (ConfiguredMosquitto m = ConfiguredMosquitto.start(dir, "allow_anonymous true", "acl_file " + acl);
             DoctorTap tap = new DoctorTap(m.port)) {
            // mosquitto 2.0 grants subscriptions its ACL denies (it only holds the messages back): the SUBACK
            // refusals are covered by DoctorRulesTest; the PUBACK refusal is real here
            Mqtt5BlockingClient client = v5(tap, "acl-5");
            client.connect();
            catchThrowable(() -> client.publishWith().topic("secret/v5").qos(MqttQos.AT_LEAST_ONCE).payload(PAYLOAD)
                    .send());
            Insight published = tap.await("publish.refused");
            assertThat(published.message(Locale.ENGLISH)).as(tap.seen()).contains("\"secret/v5\"", "0x87");
            client.disconnect();
        }
    }

    @Test
    void a_wrong_password_is_refused_in_words_with_the_credentials_sent(@TempDir Path dir, Mosquitto m) {
        try (DoctorTap tap = new DoctorTap(m.authPort)) {
            Mqtt5BlockingClient client = v5(tap, "pw-5");
            catchThrowable(() -> client.connectWith().simpleAuth().username(Mosquitto.USERNAME)
                    .password("wrong".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send());
            Insight refused = tap.await("connack.refused");
            assertThat(refused.message(Locale.ENGLISH)).as(tap.seen())
                    .contains("0x87", "not authorized", "username \"mqscope\" and a password of 5 bytes");
            Mqtt3BlockingClient anonymous = v3(tap, "pw-311");
            catchThrowable(anonymous::connect);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tap.insights.size() >= 2);
            assertThat(tap.insights.get(1).message(Locale.ENGLISH)).as(tap.seen())
                    .contains("CONNACK 5", "no username and no password");
        }
    }

    @Test
    void a_broker_without_persistence_loses_the_session_over_a_restart(@TempDir Path dir) throws Exception {
        try (ConfiguredMosquitto m = ConfiguredMosquitto.start(dir, "allow_anonymous true", "persistence false");
             DoctorTap tap = new DoctorTap(m.port)) {
            Mqtt3BlockingClient client = v3(tap, "persistent-dev");
            client.connectWith().cleanSession(false).send();
            client.subscribeWith().topicFilter("orders/#").qos(MqttQos.EXACTLY_ONCE).send();
            client.disconnect();
            m.restart();
            Mqtt3BlockingClient again = v3(tap, "persistent-dev");
            again.connectWith().cleanSession(false).send();
            Insight lost = tap.await("session.not_resumed");
            assertThat(lost.message(Locale.ENGLISH)).as(tap.seen()).contains("persistent-dev", "Session Present 0");
            again.disconnect();
        }
    }

    @Test
    void mqtt5_session_expiry_zero_explains_a_lost_session(LocalBroker hive) {
        try (DoctorTap tap = new DoctorTap(hive.tcpPort())) {
            Mqtt5BlockingClient client = v5(tap, "expiry-dev");
            client.connectWith().cleanStart(false).send();
            client.disconnect();
            Mqtt5BlockingClient again = v5(tap, "expiry-dev");
            again.connectWith().cleanStart(false).send();
            Insight expired = tap.await("session.expired");
            assertThat(expired.message(Locale.ENGLISH)).as(tap.seen()).contains("Session Expiry Interval 0");
            again.disconnect();
        }
    }

    @Test
    void a_granted_qos_below_the_asked_one(@TempDir Path dir) throws Exception {
        try (ConfiguredMosquitto m = ConfiguredMosquitto.start(dir, "allow_anonymous true", "max_qos 1");
             DoctorTap tap = new DoctorTap(m.port)) {
            Mqtt5BlockingClient client = v5(tap, "downgraded");
            client.connect();
            client.subscribeWith().topicFilter("t/#").qos(MqttQos.EXACTLY_ONCE).send();
            Insight down = tap.await("subscribe.downgraded");
            assertThat(down.message(Locale.ENGLISH)).as(tap.seen()).contains("granted QoS 1", "QoS 2 was asked");
            client.disconnect();
        }
    }

    /** A frozen broker: the client's PINGREQ and QoS 1 PUBLISH go unanswered. */
    @Test
    void a_frozen_broker_leaves_a_ping_and_a_publish_unanswered(@TempDir Path dir) throws Exception {
        try (ConfiguredMosquitto m = ConfiguredMosquitto.start(dir, "allow_anonymous true");
             DoctorTap tap = new DoctorTap(m.port, Duration.ofSeconds(1));
             Socket s = new Socket("127.0.0.1", tap.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(MqttBytes.connect(4, "frozen"));
            MqttBytes.readPacket(in);
            m.pause();
            out.write(MqttBytes.pingreq());
            out.write(MqttBytes.packet(0x32, new byte[] {0, 1, 't', 0, 7, 'x'}));
            // the client's QoS 1 state goes wrong too: a new message under the identifier still in flight
            out.write(MqttBytes.packet(0x32, new byte[] {0, 1, 'u', 0, 7, 'y'}));
            Insight ping = tap.await("keepalive.unanswered");
            Insight publish = tap.await("qos.unacknowledged");
            Insight reused = tap.await("packet_id.reused");
            assertThat(ping.message(Locale.ENGLISH)).as(tap.seen()).contains("no PINGRESP");
            assertThat(publish.message(Locale.ENGLISH)).contains("client's QoS 1 PUBLISH (packet id 7");
            assertThat(reused.message(Locale.ENGLISH)).contains("packet id 7", "still unacknowledged");
            m.resume();
        }
    }

    /** A client that stops half way through QoS 2: the broker's PUBREC is never followed by PUBREL. */
    @Test
    void a_qos2_publish_left_without_pubrel(@TempDir Path dir) throws Exception {
        try (ConfiguredMosquitto m = ConfiguredMosquitto.start(dir, "allow_anonymous true");
             DoctorTap tap = new DoctorTap(m.port, Duration.ofSeconds(1));
             Socket s = new Socket("127.0.0.1", tap.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(MqttBytes.connect(4, "half-qos2"));
            MqttBytes.readPacket(in);
            out.write(MqttBytes.packet(0x34, new byte[] {0, 1, 't', 0, 9, 'x'}));
            assertThat(MqttBytes.readPacket(in)[0]).as("PUBREC").isEqualTo((byte) 0x50);
            Insight stuck = tap.await("qos2.flow");
            assertThat(stuck.message(Locale.ENGLISH)).as(tap.seen()).contains("packet id 9", "client sent no PUBREL");
        }
    }

    /** "c1 client #0": a packet reference as a test reads it. */
    private static final class PacketRefText {
        static String of(io.mqscope.doctor.PacketRef r) {
            return r.conn() + " " + r.from().peer() + " #" + r.index();
        }
    }
}
