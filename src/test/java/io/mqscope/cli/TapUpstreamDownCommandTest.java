package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code mqscope tap --json} whose upstream is a closed port: the user still sees their own client's bytes (the
 * WeChat mini program's 13 WebSocket messages and its malformed CONNECT with the padded-length diagnosis), and the
 * close event's verdict says the upstream could not be reached.
 */
class TapUpstreamDownCommandTest {

    @Test
    void json_shows_the_clients_connect_and_the_upstream_verdict() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "ws://127.0.0.1:0/mqtt", "--url",
                "mqtt://127.0.0.1:" + closedPort, "--json")) {
            TapCommandTest.sendWeChatConnect(tap.port());
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("\"event\":\"close\""));
            List<JsonNode> events = TapCommandTest.lines(tap.out());
            List<String> kinds = events.stream().map(e -> e.get("event").asText()).toList();
            assertThat(kinds).startsWith("open", "http").endsWith("close");
            assertThat(kinds.stream().filter("ws"::equals)).hasSize(13);
            JsonNode packet = events.get(kinds.indexOf("packet"));
            assertThat(packet.get("from").asText()).isEqualTo("client");
            assertThat(packet.get("type").asText()).isEqualTo("CONNECT");
            assertThat(packet.get("hex").asText())
                    .isEqualTo("101a00000000044d51545404c2003c000a636e2e6c6f6b65692d3100000000");
            assertThat(packet.get("diagnosis").asText()).contains("PR #1506");
            JsonNode close = events.get(events.size() - 1);
            assertThat(close.get("by").asText()).isEqualTo("broker");
            // the upstream's failure in the words of mqscope check: its stage, the address and the fix
            assertThat(close.get("failure").get("stage").asText()).isEqualToIgnoringCase("tcp");
            assertThat(close.get("verdict").asText()).contains("127.0.0.1 port " + closedPort);
        }
    }
}
