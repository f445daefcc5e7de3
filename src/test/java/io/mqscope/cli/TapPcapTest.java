package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqscope.capture.Capture;
import io.mqscope.capture.CaptureReader;
import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.Tools;
import io.mqscope.capture.Transport;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.RawWebSocketClient;
import io.mqscope.wire.Direction;
import io.mqscope.wire.HexDump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tap --pcap FILE}: two WebSocket clients through the tap to mosquitto (the WeChat CONNECT the broker hangs up
 * on, then a good client), and the file the tap writes when it stops holds the same packets and findings, read back
 * with our capture reader and with tshark.
 */
@ExtendWith(Mosquitto.class)
class TapPcapTest {

    @Test
    void the_tapped_traffic_reads_back_as_the_same_packets(Mosquitto m, @TempDir Path dir) throws Exception {
        Path tshark = Tools.require("tshark");
        Path file = dir.resolve("tap.pcapng");
        List<JsonNode> events;
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "ws://127.0.0.1:0/mqtt", "--url",
                "mqtt://127.0.0.1:" + m.tcpPort, "--json", "--pcap", file.toString())) {
            TapCommandTest.sendWeChatConnect(tap.port());
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("\"event\":\"close\""));
            try (RawWebSocketClient client = RawWebSocketClient.open(tap.port(), "/mqtt", "mqtt")) {
                client.sendBinary(MqttBytes.connect(4, "pcap-ok"));
                assertThat(client.read().payload()).startsWith((byte) 0x20);
                client.sendBinary(MqttBytes.subscribe(4, "a/b", 1));
                assertThat(client.read().payload()).startsWith((byte) 0x90);
                client.sendBinary(MqttBytes.disconnect());
                await().atMost(Duration.ofSeconds(20)).until(() -> TapCommandTest.lines(tap.out()).stream()
                        .filter(e -> "close".equals(e.get("event").asText())).count() == 2);
            }
            events = TapCommandTest.lines(tap.out());
            assertThat(Files.exists(file)).as("written when the tap stops, not before").isFalse();
        }
        assertThat(file).exists();

        Capture capture = CaptureReader.read(file);
        assertThat(capture.conversations()).hasSize(2).allMatch(c -> c.transport() == Transport.WS);
        for (int i = 0; i < 2; i++) {
            String conn = "c" + (i + 1);
            List<String> tapped = new ArrayList<>();
            for (JsonNode e : events) {
                if ("packet".equals(e.get("event").asText()) && conn.equals(e.get("conn").asText())) {
                    List<String> findings = new ArrayList<>();
                    e.get("findings").forEach(f -> findings.add(f.get("field").asText() + "@"
                            + f.get("offset").asInt()));
                    tapped.add(e.get("from").asText() + " " + e.get("type").asText() + " " + e.get("hex").asText()
                            + " " + findings);
                }
            }
            List<String> read = new ArrayList<>();
            for (CapturedPacket p : capture.conversations().get(i).packets()) {
                read.add((p.from() == Direction.CLIENT_TO_BROKER ? "client" : "broker") + " " + p.packet().type() + " "
                        + HexDump.hex(p.packet().raw(), "") + " " + p.packet().findings().stream()
                        .map(f -> f.field() + "@" + f.offset()).toList());
            }
            assertThat(read).as(conn).isEqualTo(tapped).isNotEmpty();
        }
        Conversation wechat = capture.conversations().get(0);
        assertThat(wechat.packets().get(0).packet().diagnosis()).contains("PR #1506");
        assertThat(wechat.packets().get(0).packet().findings()).anyMatch(f -> f.field().equals("remaining_length"));
        assertThat(capture.conversations().get(1).packets()).extracting(p -> p.packet().type().name())
                .containsExactly("CONNECT", "CONNACK", "SUBSCRIBE", "SUBACK", "DISCONNECT");

        // Wireshark 4.0 hands WebSocket payloads to MQTT only with "mqtt" in its ws.protocol table (one line of Lua)
        Path lua = dir.resolve("ws-mqtt.lua");
        Files.writeString(lua, "DissectorTable.get(\"ws.protocol\"):add(\"mqtt\", Dissector.get(\"mqtt\"))\n");
        List<String> types = Tools.run(List.of(tshark.toString(), "-r", file.toString(), "-X", "lua_script:" + lua,
                "-Y", "mqtt && tcp.stream == 1", "-T", "fields", "-e", "mqtt.msgtype"));
        // CONNECT 1, CONNACK 2, SUBSCRIBE 8, SUBACK 9, DISCONNECT 14
        assertThat(types).containsExactly("1", "2", "8", "9", "14");
        List<String> wechatTypes = Tools.run(List.of(tshark.toString(), "-r", file.toString(), "-X",
                "lua_script:" + lua, "-Y", "mqtt && tcp.stream == 0", "-T", "fields", "-e", "mqtt.msgtype"));
        assertThat(wechatTypes).first().asString().startsWith("1");
    }
}
