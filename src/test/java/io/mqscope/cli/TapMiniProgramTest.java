package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.testing.JsClients;
import io.mqscope.testing.Mosquitto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real WeChat mini-program stack through {@code mqscope tap --json}: mqtt.js 4.3.7's browser bundle driven
 * through a {@code wx} shim ({@code src/test/js/miniprogram.js}). As published, its wx.js sends {@code chunk.buffer},
 * so the 1-byte view mqtt-packet makes of its 4-byte Remaining Length buffer goes out as {@code 1a 00 00 00}, one
 * WebSocket message per field: the tap shows it, the broker hangs up, the verdict names MQTT.js PR #1506. With
 * {@code --repair padded-length} the same stack gets CONNACK; with the fix applied (or mqtt.js 5, which sends a
 * packet per message) it connects cleanly.
 */
@ExtendWith(Mosquitto.class)
class TapMiniProgramTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The CONNECT the seed report captured from the mini program, message by message. */
    private static final List<String> WECHAT = List.of("10", "1a000000", "0004", "4d515454", "04", "c2", "003c",
            "000a", "636e2e6c6f6b65692d31", "0000", "", "0000", "");

    @BeforeEach
    void installed() {
        JsClients.assumeInstalled("mqtt437", "mqtt", "ws");
    }

    /** What the mini program saw: the result line miniprogram.js prints. */
    private static JsonNode runMiniProgram(String stack, int tapPort) throws Exception {
        String said = JsClients.run("miniprogram.js", stack, "ws://127.0.0.1:" + tapPort + "/mqtt");
        String last = said.strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).as(said).startsWith("{");
        return JSON.readTree(last);
    }

    private static List<String> sent(JsonNode outcome) {
        List<String> hex = new ArrayList<>();
        outcome.get("sent").forEach(h -> hex.add(h.asText()));
        return hex;
    }

    private static List<JsonNode> events(TapCommandTest.Running tap, String kind) throws Exception {
        return TapCommandTest.lines(tap.out()).stream().filter(e -> kind.equals(e.get("event").asText())).toList();
    }

    private static boolean absent(JsonNode event, String member) {
        return event.path(member).isMissingNode() || event.path(member).isNull();
    }

    private static void awaitClose(TapCommandTest.Running tap) {
        await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("\"event\":\"close\""));
    }

    @Test
    void mqtt_js_4_3_7_sends_the_padded_connect_and_the_tap_names_the_bug(Mosquitto m) throws Exception {
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "ws://127.0.0.1:0/mqtt", "--url",
                "mqtt://127.0.0.1:" + m.tcpPort, "--json")) {
            JsonNode outcome = runMiniProgram("mqtt437", tap.port());
            assertThat(outcome.get("connected").asBoolean()).as("%s", outcome).isFalse();
            assertThat(outcome.get("result").asText()).isEqualTo("closed");
            assertThat(outcome.get("closeCode").asInt()).as("all a mini program is told").isEqualTo(1006);
            // the broker hangs up at a bad field, but the tap keeps reading the client for a short grace: the mini
            // program (which sends each message after the last one's callback) gets every message of its CONNECT out
            assertThat(sent(outcome)).isEqualTo(WECHAT);
            awaitClose(tap);

            JsonNode http = events(tap, "http").get(0);
            assertThat(http.at("/request/headers/sec-websocket-protocol").asText()).isEqualTo("mqtt");
            assertThat(http.at("/response/headers/sec-websocket-protocol").asText()).isEqualTo("mqtt");
            List<String> seen = events(tap, "ws").stream().filter(w -> "client".equals(w.get("from").asText()))
                    .map(w -> w.get("hex").asText()).toList();
            // each message the mini program sent, in order: those still in flight when the broker hung up too
            assertThat(seen).as("the tap shows each message the mini program sent").isEqualTo(WECHAT);
            JsonNode connect = events(tap, "packet").get(0);
            assertThat(connect.get("from").asText()).isEqualTo("client");
            assertThat(connect.get("type").asText()).isEqualTo("CONNECT");
            assertThat(connect.get("hex").asText())
                    .isEqualTo("101a00000000044d51545404c2003c000a636e2e6c6f6b65692d3100000000");
            assertThat(connect.get("findings").get(0).get("field").asText()).isEqualTo("remaining_length");
            assertThat(connect.get("diagnosis").asText()).contains("1a 00 00 00", "PR #1506");
            JsonNode close = events(tap, "close").get(0);
            assertThat(events(tap, "packet")).as("the CONNECT the broker was reading is no late packet")
                    .noneMatch(p -> p.path("after_broker_closed").asBoolean());
            assertThat(close.get("by").asText()).isEqualTo("broker");
            assertThat(close.get("verdict").asText()).startsWith("the broker closed the connection")
                    .contains("after the client's CONNECT #0, which is malformed", "PR #1506");
        }
    }

    @Test
    void in_chinese_the_verdict_and_the_packet_carry_the_diagnosis_in_chinese(Mosquitto m) throws Exception {
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "ws://127.0.0.1:0/mqtt", "--url",
                "mqtt://127.0.0.1:" + m.tcpPort, "--lang", "zh-CN")) {
            runMiniProgram("mqtt437", tap.port());
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("verdict: "));

            String out = tap.out().toString();
            String verdict = out.lines().filter(l -> l.contains("verdict: ")).findFirst().orElseThrow();
            assertThat(verdict).as(out).contains("服务器在客户端的 CONNECT #0 之后",
                    "该报文格式错误：Remaining Length 被写成了 4 字节", "PR #1506")
                    .doesNotContain("written as", "padded variable byte integer");
            assertThat(out).contains("  diagnosis: Remaining Length 被写成了 4 字节").doesNotContain("written as")
                    .containsPattern("c1 由服务器关闭，TCP (连接被重置（RST）|正常关闭（FIN）)，距最后一个报文 \\d+ 毫秒")
                    .doesNotContain("closed by", "after the last packet");
        }
    }

    @Test
    void with_repair_the_same_mini_program_gets_connack_and_its_session_runs(Mosquitto m) throws Exception {
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "ws://127.0.0.1:0/mqtt", "--url",
                "mqtt://127.0.0.1:" + m.tcpPort, "--json", "--repair", "padded-length")) {
            JsonNode outcome = runMiniProgram("mqtt437", tap.port());
            assertThat(outcome.get("result").asText()).as("%s", outcome).isEqualTo("ok");
            assertThat(sent(outcome).subList(0, WECHAT.size())).isEqualTo(WECHAT);
            awaitClose(tap);
            List<JsonNode> packets = events(tap, "packet");
            JsonNode connect = packets.get(0);
            assertThat(connect.get("diagnosis").asText()).contains("PR #1506");
            assertThat(connect.get("repaired_hex").asText())
                    .isEqualTo("101a00044d51545404c2003c000a636e2e6c6f6b65692d3100000000");
            assertThat(packets).extracting(p -> p.get("from").asText() + " " + p.get("type").asText())
                    .contains("broker CONNACK", "client SUBSCRIBE", "broker SUBACK", "client PUBLISH",
                            "broker PUBLISH");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mqtt437-fixed", "mqtt5"})
    void a_fixed_stack_connects_cleanly(String stack, Mosquitto m) throws Exception {
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "ws://127.0.0.1:0/mqtt", "--url",
                "ws://127.0.0.1:" + m.wsPort + "/mqtt", "--json")) {
            JsonNode outcome = runMiniProgram(stack, tap.port());
            assertThat(outcome.get("result").asText()).as("%s", outcome).isEqualTo("ok");
            if (stack.equals("mqtt437-fixed")) {
                // the PR #1506 fix changes only the length message: still one message per field
                List<String> fixed = new ArrayList<>(WECHAT);
                fixed.set(1, "1a");
                assertThat(sent(outcome).subList(0, fixed.size())).isEqualTo(fixed);
            } else {
                assertThat(sent(outcome).get(0)).isEqualTo("101a00044d51545404c2003c000a636e2e6c6f6b65692d3100000000");
            }
            awaitClose(tap);
            List<JsonNode> packets = events(tap, "packet");
            assertThat(packets).extracting(p -> p.get("type").asText()).contains("CONNECT", "CONNACK", "PUBLISH",
                    "DISCONNECT");
            assertThat(packets).allSatisfy(p -> assertThat(p.get("findings")).as("%s", p).isEmpty());
            assertThat(packets).allMatch(p -> !p.get("malformed").asBoolean() && absent(p, "diagnosis")
                    && absent(p, "repaired_hex"));
            assertThat(absent(events(tap, "close").get(0), "verdict")).as("a clean session has no verdict").isTrue();
        }
    }
}
