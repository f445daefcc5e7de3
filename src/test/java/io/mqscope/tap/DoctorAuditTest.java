package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.mqscope.broker.LocalBroker;
import io.mqscope.doctor.Insight;
import io.mqscope.testing.ConfiguredMosquitto;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.JsClients;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the audit of the doctor's rules against issue 18 found without a real-broker test: a clean conversation with
 * the HiveMQ Java client (both brokers, 3.1.1 and 5), a session that persistence keeps over a restart (no insight),
 * a password file refusing a reconnecting mqtt.js device (connack.refused and the storm it makes), and the QoS 2
 * flow's missing PUBCOMP and unknown PUBREL with a real broker.
 */
@ExtendWith({Mosquitto.class, EmbeddedHiveMq.class})
class DoctorAuditTest {
    private static final byte[] PAYLOAD = "x".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "HiveMQ client MQTT {1} to {0}")
    @CsvSource({"mosquitto,3", "mosquitto,5", "hivemq,3", "hivemq,5"})
    void a_clean_conversation_of_the_hivemq_client_gives_no_insight(String broker, int version, Mosquitto m,
                                                                     LocalBroker hive) throws Exception {
        try (DoctorTap tap = new DoctorTap(broker.equals("hivemq") ? hive.tcpPort() : m.tcpPort)) {
            String topic = "audit/clean/" + broker + version;
            if (version == 5) {
                Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier("clean5-" + broker)
                        .serverHost("127.0.0.1").serverPort(tap.port()).buildBlocking();
                c.connect();
                try (Mqtt5BlockingClient.Mqtt5Publishes in = c.publishes(MqttGlobalPublishFilter.ALL)) {
                    c.subscribeWith().topicFilter(topic + "/#").qos(MqttQos.EXACTLY_ONCE).send();
                    for (MqttQos q : MqttQos.values()) {
                        c.publishWith().topic(topic + "/" + q.getCode()).qos(q).payload(PAYLOAD).send();
                    }
                    for (int i = 0; i < 3; i++) {
                        assertThat(in.receive(10, TimeUnit.SECONDS)).isPresent().get()
                                .extracting(Mqtt5Publish::getTopic).asString().startsWith(topic);
                    }
                }
                c.disconnect();
            } else {
                Mqtt3BlockingClient c = MqttClient.builder().useMqttVersion3().identifier("clean3-" + broker)
                        .serverHost("127.0.0.1").serverPort(tap.port()).buildBlocking();
                c.connect();
                try (Mqtt3BlockingClient.Mqtt3Publishes in = c.publishes(MqttGlobalPublishFilter.ALL)) {
                    c.subscribeWith().topicFilter(topic + "/#").qos(MqttQos.EXACTLY_ONCE).send();
                    for (MqttQos q : MqttQos.values()) {
                        c.publishWith().topic(topic + "/" + q.getCode()).qos(q).payload(PAYLOAD).send();
                    }
                    for (int i = 0; i < 3; i++) {
                        assertThat(in.receive(10, TimeUnit.SECONDS)).isPresent().get()
                                .extracting(Mqtt3Publish::getTopic).asString().startsWith(topic);
                    }
                }
                c.disconnect();
            }
            tap.awaitAllClosed();
            Thread.sleep(300); // a tick or two after the close: nothing may come late either
            assertThat(tap.insights).as(tap.seen()).isEmpty();
        }
    }

    /** The counterpart of persistence off (DoctorHiveClientTest): the session comes back, nothing to say. */
    @Test
    void a_broker_with_persistence_resumes_the_session_over_a_restart(@TempDir Path dir) throws Exception {
        try (ConfiguredMosquitto m = ConfiguredMosquitto.start(dir, "allow_anonymous true", "persistence true",
                "persistence_location " + dir + "/");
             DoctorTap tap = new DoctorTap(m.port)) {
            Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier("kept-dev")
                    .serverHost("127.0.0.1").serverPort(tap.port()).buildBlocking();
            client.connectWith().cleanSession(false).send();
            client.subscribeWith().topicFilter("orders/#").qos(MqttQos.EXACTLY_ONCE).send();
            client.disconnect();
            m.restart();
            Mqtt3BlockingClient again = MqttClient.builder().useMqttVersion3().identifier("kept-dev")
                    .serverHost("127.0.0.1").serverPort(tap.port()).buildBlocking();
            assertThat(again.connectWith().cleanSession(false).send().isSessionPresent()).isTrue();
            again.disconnect();
            tap.awaitAllClosed();
            Thread.sleep(300);
            assertThat(tap.insights).as(tap.seen()).isEmpty();
        }
    }

    /** mqtt.js reconnects after every refusal: the refusal in words, and the storm it makes. */
    @Test
    void a_wrong_password_with_reconnects_is_refused_and_storms(Mosquitto m) throws Exception {
        JsClients.assumeInstalled("mqtt");
        try (DoctorTap tap = new DoctorTap(m.authPort)) {
            JsClients.run("doctor-scenarios.js", "wrong-password", tap.url(), Mosquitto.USERNAME);
            Insight refused = tap.await("connack.refused");
            assertThat(refused.message(Locale.ENGLISH)).as(tap.seen()).contains("username \"mqscope\"",
                    "password of 16 bytes");
            Insight storm = tap.await("reconnect.storm");
            assertThat(storm.message(Locale.ENGLISH)).as(tap.seen()).contains("refuses the CONNECT (CONNACK code 5)");
            // told once, however often mqtt.js retries: the storm counts the retries
            assertThat(tap.rules().stream().filter("connack.refused"::equals)).hasSize(1);
        }
    }

    /** The broker freezes after PUBREC: the client's PUBREL gets no PUBCOMP. */
    @Test
    void a_pubrel_without_pubcomp(@TempDir Path dir) throws Exception {
        try (ConfiguredMosquitto m = ConfiguredMosquitto.start(dir, "allow_anonymous true");
             DoctorTap tap = new DoctorTap(m.port, Duration.ofSeconds(1));
             Socket s = new Socket("127.0.0.1", tap.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(MqttBytes.connect(4, "no-pubcomp"));
            MqttBytes.readPacket(in);
            out.write(MqttBytes.packet(0x34, new byte[] {0, 1, 't', 0, 4, 'x'}));
            assertThat(MqttBytes.readPacket(in)[0]).as("PUBREC").isEqualTo((byte) 0x50);
            m.pause();
            out.write(new byte[] {0x62, 2, 0, 4});
            Insight stuck = tap.await("qos2.flow");
            assertThat(stuck.message(Locale.ENGLISH)).as(tap.seen()).contains("PUBREL for packet id 4",
                    "no PUBCOMP");
            m.resume();
        }
    }

    /** A PUBREL for an identifier no PUBLISH used, on a clean connection: mosquitto answers PUBCOMP anyway. */
    @Test
    void a_pubrel_for_an_unknown_packet_id(Mosquitto m) throws Exception {
        try (DoctorTap tap = new DoctorTap(m.tcpPort);
             Socket s = new Socket("127.0.0.1", tap.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(MqttBytes.connect(4, "unknown-pubrel"));
            MqttBytes.readPacket(in);
            out.write(new byte[] {0x62, 2, 0, 44});
            Insight unknown = tap.await("qos2.flow");
            assertThat(unknown.message(Locale.ENGLISH)).as(tap.seen()).contains("PUBREL for packet id 44",
                    "never answered with PUBREC");
        }
    }
}
