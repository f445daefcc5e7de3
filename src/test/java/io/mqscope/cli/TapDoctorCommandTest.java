package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqscope.broker.LocalBroker;
import io.mqscope.testing.AuthorizingHiveMq;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.JsClients;
import io.mqscope.testing.Mosquitto;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mqscope tap} with the conversation doctor: real mqtt.js clients through the command to mosquitto and
 * HiveMQ; the insight lines appear live in JSON and in text, and a clean conversation prints none.
 */
@ExtendWith({Mosquitto.class, EmbeddedHiveMq.class})
class TapDoctorCommandTest {

    @Test
    void json_insight_lines_name_rule_connections_and_packets(Mosquitto m) throws Exception {
        JsClients.assumeInstalled("mqtt");
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "mqtt://127.0.0.1:0",
                "--url", "mqtt://127.0.0.1:" + m.tcpPort, "--json")) {
            JsClients.run("doctor-scenarios.js", "same-id", "mqtt://127.0.0.1:" + tap.port(), "4000");
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("client_id.ping_pong"));
            List<JsonNode> insights = TapCommandTest.lines(tap.out()).stream()
                    .filter(j -> j.path("event").asText().equals("insight")).toList();
            JsonNode takeover = insights.stream().filter(j -> j.get("rule").asText().equals("client_id.takeover"))
                    .findFirst().orElseThrow();
            assertThat(takeover.get("severity").asText()).isEqualTo("warning");
            assertThat(takeover.get("conns")).hasSize(2);
            assertThat(takeover.get("conns").get(0).asText()).matches("c\\d+");
            JsonNode packet = takeover.get("packets").get(0);
            assertThat(packet.get("conn").asText()).isEqualTo(takeover.get("conns").get(1).asText());
            assertThat(packet.get("from").asText()).isEqualTo("client");
            assertThat(packet.get("index").asInt()).isZero();
            assertThat(takeover.get("message").asText()).contains("triplet-");
            assertThat(takeover.get("fix").asText()).contains("own client id");
        }
    }

    /**
     * mqtt.js subscribing through {@code tap --json} to a HiveMQ whose extension refuses {@code denied/} filters and
     * caps {@code capped/} at QoS 1: one refusal and one downgrade per version, each naming its filter.
     */
    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(ints = {4, 5})
    void json_tells_refused_and_downgraded_subscriptions_of_a_real_broker(int version) throws Exception {
        JsClients.assumeInstalled("mqtt");
        try (AuthorizingHiveMq hive = AuthorizingHiveMq.start();
             TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "mqtt://127.0.0.1:0",
                     "--url", "mqtt://127.0.0.1:" + hive.port, "--json")) {
            String said = JsClients.run("doctor-scenarios.js", "subscribe", "mqtt://127.0.0.1:" + tap.port(),
                    version + ";ok/#,denied/alarms,capped/orders");
            assertThat(said).contains("granted");
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("\"event\":\"close\""));
            List<JsonNode> insights = TapCommandTest.lines(tap.out()).stream()
                    .filter(j -> j.path("event").asText().equals("insight")).toList();
            assertThat(insights).extracting(j -> j.get("rule").asText()).as(tap.out().toString())
                    .containsExactlyInAnyOrder("subscribe.refused", "subscribe.downgraded");
            for (JsonNode i : insights) {
                assertThat(i.get("packets").get(0).get("from").asText()).isEqualTo("client");
                assertThat(i.get("message").asText()).contains(i.get("rule").asText().equals("subscribe.refused")
                        ? "\"denied/alarms\"" : "\"capped/orders\"");
            }
        }
    }

    /**
     * A device drops (mqtt.js, no DISCONNECT) and the tap is stopped right after: the will the broker published is
     * still told, not lost with the grace the doctor gives a receiver; the clients the stop itself cuts off are not.
     */
    @Test
    void stopping_the_tap_tells_what_was_still_waiting(Mosquitto m) throws Exception {
        JsClients.assumeInstalled("mqtt");
        String topic = "doctor/will/stop-" + ProcessHandle.current().pid();
        TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "mqtt://127.0.0.1:0",
                "--url", "mqtt://127.0.0.1:" + m.tcpPort, "--json");
        JsClients.run("doctor-scenarios.js", "will", "mqtt://127.0.0.1:" + tap.port(), topic);
        await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("\"event\":\"close\""));
        tap.close();
        List<JsonNode> insights = TapCommandTest.lines(tap.out()).stream()
                .filter(j -> j.path("event").asText().equals("insight")).toList();
        assertThat(insights).extracting(j -> j.get("rule").asText()).as(tap.out().toString())
                .containsExactly("will.published");
        assertThat(insights.get(0).get("message").asText()).contains(topic);
    }

    /** To HiveMQ, whose keep-alive timer runs even when no other client wakes the broker (see DoctorMqttJsTest). */
    @Test
    void text_mode_prints_insights_readably_and_nothing_for_a_clean_conversation(LocalBroker hive) throws Exception {
        JsClients.assumeInstalled("mqtt");
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "mqtt://127.0.0.1:0",
                "--url", "mqtt://127.0.0.1:" + hive.tcpPort())) {
            String url = "mqtt://127.0.0.1:" + tap.port();
            assertThat(JsClients.run("doctor-scenarios.js", "clean", url, "4")).contains("ok");
            assertThat(JsClients.run("doctor-scenarios.js", "clean", url, "5")).contains("ok");
            await().atMost(Duration.ofSeconds(10)).until(() -> tap.out().toString().contains("c2 closed by"));
            Thread.sleep(300);
            assertThat(tap.out().toString()).doesNotContain(" insight ");
            JsClients.run("doctor-scenarios.js", "blocked-loop", url, "8000");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(tap.out().toString())
                    .contains("keepalive.lapsed"));
            assertThat(tap.out().toString()).containsPattern("c3 insight error keepalive.lapsed: The broker closed c3 "
                    + "\\d+ ms after the client's last packet").contains("  fix: Keep the client's event loop free");
        }
    }
}
