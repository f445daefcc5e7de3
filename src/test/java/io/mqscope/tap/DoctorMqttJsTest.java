package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.LocalBroker;
import io.mqscope.doctor.Insight;
import io.mqscope.testing.ConfiguredMosquitto;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.JsClients;
import io.mqscope.testing.Mosquitto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The conversation doctor over real mqtt.js front ends (src/test/js/doctor-scenarios.js) through a real wiretap to
 * real brokers: each conversation that goes wrong gets its rule, a clean one gets none.
 */
@ExtendWith({Mosquitto.class, EmbeddedHiveMq.class})
class DoctorMqttJsTest {

    @BeforeEach
    void installed() {
        JsClients.assumeInstalled("mqtt");
    }

    @ParameterizedTest(name = "mqtt.js MQTT {1} to {0}")
    @CsvSource({"mosquitto,4", "mosquitto,5", "hivemq,4", "hivemq,5"})
    void a_clean_conversation_gives_no_insight(String broker, int version, Mosquitto m, LocalBroker hive)
            throws Exception {
        try (DoctorTap tap = new DoctorTap(broker.equals("hivemq") ? hive.tcpPort() : m.tcpPort)) {
            String said = JsClients.run("doctor-scenarios.js", "clean", tap.url(), String.valueOf(version));
            assertThat(said).contains("ok");
            tap.awaitAllClosed();
            Thread.sleep(300); // a tick or two after the close: nothing may come late either
            assertThat(tap.insights).as(tap.seen()).isEmpty();
        }
    }

    @Test
    void two_clients_with_one_client_id_take_each_other_over(Mosquitto m) throws Exception {
        try (DoctorTap tap = new DoctorTap(m.tcpPort)) {
            JsClients.run("doctor-scenarios.js", "same-id", tap.url(), "5000");
            Insight takeover = tap.await("client_id.takeover");
            assertThat(takeover.conns()).hasSize(2);
            Insight pingPong = tap.await("client_id.ping_pong");
            assertThat(pingPong.message(Locale.ENGLISH)).contains("triplet-", "displaced each other");
            assertThat(tap.rules()).as(tap.seen()).doesNotContain("reconnect.storm");
        }
    }

    @Test
    void a_message_callback_that_throws_makes_a_reconnect_storm(Mosquitto m) throws Exception {
        try (DoctorTap tap = new DoctorTap(m.tcpPort)) {
            String said = JsClients.run("doctor-scenarios.js", "throwing-callback", tap.url(), "5000");
            assertThat(said).contains("callback threw");
            Insight storm = tap.await("reconnect.storm");
            assertThat(storm.message(Locale.ENGLISH)).as(tap.seen())
                    .contains("client closed the last one right after receiving PUBLISH", "message callback");
            assertThat(storm.message(Locale.SIMPLIFIED_CHINESE)).contains("消息回调");
        }
    }

    /**
     * HiveMQ, whose keep-alive timer runs on its own: mosquitto 2.0.11 notices an idle client's expired keep alive
     * only when something else wakes its loop, so the close may never come before the client wakes up.
     */
    @Test
    void a_blocked_event_loop_lets_the_keep_alive_lapse(LocalBroker hive) throws Exception {
        try (DoctorTap tap = new DoctorTap(hive.tcpPort())) {
            JsClients.run("doctor-scenarios.js", "blocked-loop", tap.url(), "8000");
            Insight lapsed = tap.await("keepalive.lapsed");
            assertThat(lapsed.message(Locale.ENGLISH)).as(tap.seen()).contains("keep alive of 2 s");
        }
    }

    /**
     * mosquitto 2.0.11 closes an idle client only when its loop wakes, or never when the client wakes up first:
     * either way the lapse is told (by the close, or by the silence while the connection is still open).
     */
    @Test
    void a_blocked_event_loop_on_mosquitto(Mosquitto m) throws Exception {
        try (DoctorTap tap = new DoctorTap(m.tcpPort)) {
            JsClients.run("doctor-scenarios.js", "blocked-loop", tap.url(), "7000");
            Insight lapsed = tap.await("keepalive.lapsed");
            assertThat(lapsed.message(Locale.ENGLISH)).as(tap.seen()).contains("keep alive of 2 s");
            tap.awaitAllClosed();
            assertThat(tap.rules()).as(tap.seen()).containsExactly("keepalive.lapsed");
        }
    }

    @Test
    void a_subscriber_that_never_acknowledges(Mosquitto m) throws Exception {
        try (DoctorTap tap = new DoctorTap(m.tcpPort, Duration.ofSeconds(1))) {
            JsClients.run("doctor-scenarios.js", "no-ack", tap.url(), "3000");
            Insight late = tap.await("qos.unacknowledged");
            assertThat(late.message(Locale.ENGLISH)).as(tap.seen()).contains("broker's QoS 1 PUBLISH", "PUBACK");
        }
    }

    @Test
    void a_publish_above_max_packet_size_closes_the_connection(@TempDir Path dir) throws Exception {
        try (ConfiguredMosquitto m = ConfiguredMosquitto.start(dir, "allow_anonymous true", "max_packet_size 1000");
             DoctorTap tap = new DoctorTap(m.port)) {
            JsClients.run("doctor-scenarios.js", "large", tap.url(), "4");
            Insight large = tap.await("publish.too_large");
            assertThat(large.message(Locale.ENGLISH)).as(tap.seen()).contains("\"doctor/large\"", "largest");
        }
    }

    @Test
    void a_publish_above_the_announced_maximum_packet_size_in_mqtt5(@TempDir Path dir) throws Exception {
        try (ConfiguredMosquitto m = ConfiguredMosquitto.start(dir, "allow_anonymous true", "max_packet_size 1000");
             DoctorTap tap = new DoctorTap(m.port)) {
            JsClients.run("doctor-scenarios.js", "large", tap.url(), "5");
            Insight large = tap.await("publish.too_large");
            assertThat(large.message(Locale.ENGLISH)).as(tap.seen()).contains("1000 bytes");
        }
    }

    @Test
    void a_will_published_when_the_device_drops(Mosquitto m) throws Exception {
        try (DoctorTap tap = new DoctorTap(m.tcpPort)) {
            String topic = "doctor/will/" + ProcessHandle.current().pid();
            JsClients.run("doctor-scenarios.js", "will", tap.url(), topic);
            Insight will = tap.await("will.published");
            assertThat(will.message(Locale.ENGLISH)).as(tap.seen()).contains(topic, "without sending DISCONNECT");
        }
    }
}
