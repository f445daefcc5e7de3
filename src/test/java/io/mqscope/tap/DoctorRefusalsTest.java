package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.mqscope.doctor.Insight;
import io.mqscope.testing.AuthorizingHiveMq;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refusals by a real broker, through a real wiretap, with the HiveMQ Java client: the embedded HiveMQ with an
 * embedded extension that refuses subscriptions and publishes as a platform's topic permissions do and caps a QoS
 * ({@link AuthorizingHiveMq}), for MQTT 5 reason codes and 3.1.1's 0x80 and close.
 */
class DoctorRefusalsTest {
    private static final byte[] PAYLOAD = "x".getBytes(StandardCharsets.UTF_8);
    private static AuthorizingHiveMq broker;

    @BeforeAll
    static void start() throws Exception {
        broker = AuthorizingHiveMq.start();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    private static Mqtt5BlockingClient v5(DoctorTap tap, String id) {
        return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(tap.port())
                .buildBlocking();
    }

    private static Mqtt3BlockingClient v3(DoctorTap tap, String id) {
        return MqttClient.builder().useMqttVersion3().identifier(id).serverHost("127.0.0.1").serverPort(tap.port())
                .buildBlocking();
    }

    private static List<Insight> all(DoctorTap tap, String rule, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(tap.rules().stream()
                .filter(rule::equals).count()).as(tap.seen()).isGreaterThanOrEqualTo(n));
        return tap.insights.stream().filter(i -> i.rule().id().equals(rule)).toList();
    }

    @Test
    void mqtt5_suback_not_authorized_per_filter() {
        try (DoctorTap tap = new DoctorTap(broker.port)) {
            Mqtt5BlockingClient client = v5(tap, "refused-5");
            client.connect();
            catchThrowable(() -> client.subscribeWith().addSubscription().topicFilter("ok/#").qos(MqttQos.AT_LEAST_ONCE)
                    .applySubscription().addSubscription().topicFilter("denied/alarms").qos(MqttQos.AT_LEAST_ONCE)
                    .applySubscription().send());
            Insight refused = tap.await("subscribe.refused");
            assertThat(refused.message(Locale.ENGLISH)).as(tap.seen())
                    .contains("\"denied/alarms\"", "0x87", "not authorized").doesNotContain("ok/#");
            assertThat(refused.fix(Locale.ENGLISH)).contains("right to subscribe");
            client.disconnect();
            tap.awaitAllClosed();
            assertThat(tap.rules()).as(tap.seen()).containsExactly("subscribe.refused");
        }
    }

    @Test
    void mqtt311_suback_failure_0x80() {
        try (DoctorTap tap = new DoctorTap(broker.port)) {
            Mqtt3BlockingClient client = v3(tap, "refused-311");
            client.connect();
            catchThrowable(() -> client.subscribeWith().topicFilter("denied/alarms").qos(MqttQos.AT_LEAST_ONCE)
                    .send());
            Insight refused = tap.await("subscribe.refused");
            assertThat(refused.message(Locale.ENGLISH)).as(tap.seen()).contains("\"denied/alarms\"", "SUBACK 0x80");
            client.disconnect();
        }
    }

    @Test
    void a_qos_ceiling_downgrades_the_subscription_in_both_versions() {
        try (DoctorTap tap = new DoctorTap(broker.port)) {
            Mqtt5BlockingClient five = v5(tap, "capped-5");
            five.connect();
            five.subscribeWith().topicFilter("capped/orders").qos(MqttQos.EXACTLY_ONCE).send();
            Mqtt3BlockingClient three = v3(tap, "capped-311");
            three.connect();
            three.subscribeWith().topicFilter("capped/orders").qos(MqttQos.EXACTLY_ONCE).send();
            List<Insight> down = all(tap, "subscribe.downgraded", 2);
            assertThat(down).extracting(i -> i.message(Locale.ENGLISH)).allSatisfy(m -> assertThat(m)
                    .contains("\"capped/orders\"", "granted QoS 1", "QoS 2 was asked"));
            five.disconnect();
            three.disconnect();
        }
    }

    /** HiveMQ answers the refused PUBLISH and then disconnects (DISCONNECT with the same reason): told once. */
    @Test
    void mqtt5_puback_and_pubrec_failures() {
        try (DoctorTap tap = new DoctorTap(broker.port)) {
            String[][] cases = {{"denied/cmd", "1"}, {"quota/cmd", "1"}, {"format/cmd", "2"}};
            for (String[] c : cases) {
                Mqtt5BlockingClient client = v5(tap, "publish-5-" + c[0].replace('/', '-'));
                client.connect();
                catchThrowable(() -> client.publishWith().topic(c[0]).qos(MqttQos.fromCode(Integer.parseInt(c[1])))
                        .payload(PAYLOAD).send());
                catchThrowable(client::disconnect);
            }
            List<Insight> refused = all(tap, "publish.refused", 3);
            assertThat(refused).extracting(i -> i.message(Locale.ENGLISH)).satisfiesExactlyInAnyOrder(
                    m -> assertThat(m).contains("\"denied/cmd\"", "0x87", "not authorized"),
                    m -> assertThat(m).contains("\"quota/cmd\"", "0x97", "quota"),
                    m -> assertThat(m).contains("\"format/cmd\"", "0x99", "Payload Format"));
            tap.awaitAllClosed();
            // a refused QoS 2 PUBLISH ends at the failed PUBREC (5.0 §4.3.3): no PUBREL is missing
            assertThat(tap.rules()).as(tap.seen()).containsExactly("publish.refused", "publish.refused",
                    "publish.refused");
        }
    }

    @Test
    void mqtt311_publish_refused_by_closing() {
        try (DoctorTap tap = new DoctorTap(broker.port)) {
            Mqtt3BlockingClient client = v3(tap, "publish-311");
            client.connect();
            catchThrowable(() -> client.publishWith().topic("denied/cmd").qos(MqttQos.AT_LEAST_ONCE).payload(PAYLOAD)
                    .send());
            Insight refused = tap.await("publish.refused");
            assertThat(refused.message(Locale.ENGLISH)).as(tap.seen()).contains("\"denied/cmd\"", "closed");
        }
    }
}
