package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqscope.broker.LocalBroker;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.JsClients;
import io.mqscope.testing.Mosquitto;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Paho JavaScript (npm {@code paho-mqtt}, the browser client, {@code src/test/js/paho.js}) over ws through
 * {@code mqscope tap --json} to mosquitto and to the embedded HiveMQ: connect, subscribe, publish, receive. The
 * subprotocol Paho asks for ({@code mqtt} with MQTT 3.1.1, {@code mqttv3.1} with MQTT 3.1) is echoed in the 101,
 * every WebSocket message is shown, and the packets decode clean in both directions.
 */
@ExtendWith({Mosquitto.class, EmbeddedHiveMq.class})
class TapPahoTest {

    @ParameterizedTest(name = "MQTT version {0} to {1}")
    @CsvSource({"4,mosquitto,mqtt", "3,mosquitto,mqttv3.1", "4,hivemq,mqtt", "3,hivemq,mqttv3.1"})
    void paho_session_through_the_tap(int version, String broker, String subprotocol, Mosquitto m, LocalBroker hive)
            throws Exception {
        JsClients.assumeInstalled("paho-mqtt", "ws");
        String upstream = broker.equals("hivemq") ? "mqtt://127.0.0.1:" + hive.tcpPort()
                : "ws://127.0.0.1:" + m.wsPort + "/mqtt";
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "ws://127.0.0.1:0/paho", "--url",
                upstream, "--json")) {
            String said = JsClients.run("paho.js", "ws://127.0.0.1:" + tap.port() + "/paho", "" + version);
            assertThat(said).as(said).contains("ok");
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("\"event\":\"close\""));
            List<JsonNode> events = TapCommandTest.lines(tap.out());

            JsonNode http = events.stream().filter(e -> e.get("event").asText().equals("http")).findFirst()
                    .orElseThrow();
            assertThat(http.at("/request/path").asText()).isEqualTo("/paho");
            assertThat(http.at("/request/headers/sec-websocket-protocol").asText()).isEqualTo(subprotocol);
            assertThat(http.at("/response/status").asInt()).isEqualTo(101);
            assertThat(http.at("/response/headers/sec-websocket-protocol").asText()).isEqualTo(subprotocol);

            List<JsonNode> ws = events.stream().filter(e -> e.get("event").asText().equals("ws")).toList();
            assertThat(ws).anyMatch(w -> w.get("from").asText().equals("client"));
            // the broker's messages are WebSocket messages only where the upstream is a WebSocket too
            assertThat(ws.stream().anyMatch(w -> w.get("from").asText().equals("broker")))
                    .isEqualTo(upstream.startsWith("ws:"));
            JsonNode first = ws.get(0);
            assertThat(first.get("from").asText()).isEqualTo("client");
            assertThat(first.get("opcode").asText()).isEqualTo("binary");
            assertThat(first.get("stream_offset").asLong()).isZero();
            // Paho sends one packet per message: the first message is the CONNECT, with its protocol level
            assertThat(first.get("hex").asText()).startsWith("10")
                    .contains(version == 4 ? "00044d5154540" + version : "00064d514973647003");

            List<JsonNode> packets = events.stream().filter(e -> e.get("event").asText().equals("packet")).toList();
            assertThat(packets).extracting(p -> p.get("from").asText() + " " + p.get("type").asText())
                    .contains("client CONNECT", "broker CONNACK", "client SUBSCRIBE", "broker SUBACK",
                            "client PUBLISH", "broker PUBLISH", "client DISCONNECT");
            assertThat(packets).allSatisfy(p -> assertThat(p.get("findings")).as("%s", p).isEmpty());
            JsonNode close = events.get(events.size() - 1);
            assertThat(close.get("event").asText()).isEqualTo("close");
            assertThat(close.path("verdict").isNull() || close.path("verdict").isMissingNode())
                    .as("a clean session has no verdict: %s", close).isTrue();
        }
    }
}
