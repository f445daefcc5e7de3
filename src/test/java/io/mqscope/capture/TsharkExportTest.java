package io.mqscope.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.capture.PcapngExportProperties.Step;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Wireshark (tshark) reads our exports as MQTT with no setup and shows our findings as packet comments. */
class TsharkExportTest {

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "WS"})
    void tshark_dissects_the_same_mqtt_packets_and_shows_the_comments(Transport transport, @TempDir Path dir)
            throws Exception {
        Path tshark = Tools.require("tshark");
        List<Step> steps = List.of(
                new Step(true, CaptureReaderTest.CONNECT, 0),
                new Step(false, CaptureReaderTest.CONNACK, 300),
                new Step(true, PcapngExportProperties.subscribe(7, "a/b"), 200),
                new Step(false, new byte[] {(byte) 0x90, 3, 0, 7, 1}, 200),
                new Step(true, PcapngExportProperties.publish("a/b", new byte[4000]), 1000),
                new Step(false, PcapngExportProperties.publish("a/b", "hi".getBytes()), 300),
                new Step(true, new byte[] {(byte) 0xc0, 0}, 5000),
                new Step(false, new byte[] {(byte) 0xd0, 0}, 100));
        Conversation good = PcapngExportProperties.decode(steps, transport, 1_700_000_000_000_000_000L);
        Conversation wechat = PcapngExportProperties.decode(List.of(new Step(true, WebSocketCaptureTest.WECHAT, 0)),
                transport, 1_700_000_001_000_000_000L);
        Path file = dir.resolve("export.pcapng");
        try (OutputStream out = Files.newOutputStream(file)) {
            PcapngExport.write(out, List.of(good, wechat), true);
        }
        List<String> tsharkArgs = new ArrayList<>(List.of(tshark.toString(), "-r", file.toString()));
        if (transport == Transport.WS) {
            // Wireshark 4.0 (Debian 12) dissects the WebSocket frames but hands their payload to MQTT only when
            // "mqtt" is in its ws.protocol table; one line of Lua registers it (File > Open is then enough).
            Path lua = dir.resolve("ws-mqtt.lua");
            Files.writeString(lua, "DissectorTable.get(\"ws.protocol\"):add(\"mqtt\", Dissector.get(\"mqtt\"))\n");
            tsharkArgs.addAll(List.of("-X", "lua_script:" + lua));
        }
        List<String> types = Tools.run(concat(tsharkArgs, "-Y", "mqtt && tcp.stream == 0", "-T", "fields", "-e",
                "mqtt.msgtype"));
        // CONNECT 1, CONNACK 2, SUBSCRIBE 8, SUBACK 9, PUBLISH 3, PUBLISH 3, PINGREQ 12, PINGRESP 13
        assertThat(types).containsExactly("1", "2", "8", "9", "3", "3", "12", "13");
        List<String> comments = Tools.run(concat(tsharkArgs, "-Y", "tcp.stream == 1 && mqtt", "-T", "fields", "-e",
                "frame.comment"));
        assertThat(comments.get(0))
                .contains("error remaining_length: remaining_length declares 26 but 29 bytes present")
                .contains("[3.1.1 §2.2.3]")
                .contains("diagnosis: Remaining Length written as 4 bytes \"1a 00 00 00\" instead of \"1a\"");
        List<String> first = Tools.run(concat(tsharkArgs, "-c", "1", "-T", "fields", "-e", "frame.comment"));
        assertThat(first.get(0)).startsWith("MQScope export: originally MQTT over "
                + (transport == Transport.WS ? "WebSocket" : "TCP") + " between client 192.0.2.10:50000");
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }
}
