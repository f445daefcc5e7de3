package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.capture.CaptureFixtures;
import io.mqscope.testing.Mosquitto;
import io.mqscope.wire.HexDump;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mqscope decode --pcap} run in-process through the real command line, over hand-built and live captures. */
class DecodePcapCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WS_CLOSE = "the broker sent FIN 0.2 ms after the client's CONNECT #0, which is "
            + "malformed";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private String file(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f.toString();
    }

    private static List<String> keys(JsonNode o) {
        List<String> k = new ArrayList<>();
        o.fieldNames().forEachRemaining(k::add);
        return k;
    }

    @Test
    void a_clean_capture_exits_0_with_one_section_per_conversation() throws Exception {
        assertThat(run("decode", "--pcap", file("clean.pcap", CaptureFixtures.clean()))).isEqualTo(0);
        assertThat(out.toString())
                .contains("1 MQTT conversation\n")
                .contains("== 192.0.2.10:50000 -> 192.0.2.1:1883  MQTT over TCP, from 2023-11-14T22:13:20.000100Z\n")
                .contains("  client +0.300 ms  CONNECT #0  offset 0, 15 bytes, remaining_length 13\n")
                .contains("  broker +0.400 ms  CONNACK #0  offset 0, 4 bytes, remaining_length 2\n")
                .contains("  client +0.500 ms  PUBLISH #1  offset 15, 10 bytes, remaining_length 8\n")
                .contains("  close: the broker sent FIN 0.1 ms after the client's PUBLISH #1\n")
                .endsWith("OK: 1 conversations, 3 packets, no error findings\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void text_report_shows_websocket_tls_gaps_closes_and_the_diagnosis() throws Exception {
        assertThat(run("decode", "--pcap", file("mixed.pcapng", CaptureFixtures.mixed()))).isEqualTo(1);
        String text = out.toString();
        assertThat(text.lines().filter(l -> l.startsWith("== "))).hasSize(4);
        assertThat(text)
                .contains("== 192.0.2.10:50100 -> 192.0.2.1:8083  MQTT over WebSocket")
                .contains("CONNECT #0  offset 0, 31 bytes, remaining_length 26  MALFORMED")
                .contains("    ERROR   remaining_length @1+1: remaining_length declares 26 but 29 bytes present")
                .contains("    diagnosis: Remaining Length written as 4 bytes \"1a 00 00 00\" instead of \"1a\"")
                .contains("  websocket: client 13 messages in 13 frames, 31 bytes, masked; broker 0 messages")
                .contains("  close: " + WS_CLOSE + "\n")
                .contains("== 192.0.2.10:50007 -> 192.0.2.1:8883  TLS, SNI broker.example.com")
                .contains("  encrypted: contents cannot be decoded without keys\n")
                .contains("  gaps:\n    10 bytes missing at stream offset 15 (client to broker)\n")
                .contains("  client +0.400 ms  PUBLISH #1  offset 25, 10 bytes")
                .endsWith("ERROR: error findings in 1 of 4 conversations\n");
    }

    @Test
    void json_has_exactly_the_documented_members_and_decode_json_packets_with_from_and_time() throws Exception {
        String f = file("mixed.pcapng", CaptureFixtures.mixed());
        assertThat(run("decode", "--pcap", f, "--json")).isEqualTo(1);
        JsonNode j = JSON.readTree(out.toString());
        assertThat(keys(j)).containsExactly("file", "conversations", "insights", "notes");
        assertThat(j.get("file").asText()).isEqualTo(f);
        JsonNode convs = j.get("conversations");
        assertThat(convs).hasSize(4);
        for (JsonNode c : convs) {
            assertThat(keys(c)).containsExactly("client", "server", "transport", "start", "packets", "ws",
                    "findings", "gaps");
        }
        assertThat(convs.findValuesAsText("transport")).containsExactly("tcp", "ws", "tls", "tcp");

        JsonNode ws = convs.get(1);
        assertThat(ws.get("client").asText()).isEqualTo("192.0.2.10:50100");
        assertThat(ws.get("server").asText()).isEqualTo("192.0.2.1:8083");
        assertThat(ws.get("start").asText()).isEqualTo("2023-11-14T22:13:21.000100Z");
        JsonNode connect = ws.get("packets").get(0);
        assertThat(ws.get("packets")).hasSize(1);
        // The packet object is decode --json's, with "from" and "time" in front.
        out.getBuffer().setLength(0);
        assertThat(run("decode", "--json", "--hex", HexDump.hex(CaptureFixtures.WECHAT, " "))).isEqualTo(1);
        JsonNode alone = JSON.readTree(out.toString()).get("packets").get(0);
        List<String> expected = new ArrayList<>(List.of("from", "time"));
        expected.addAll(keys(alone));
        assertThat(keys(connect)).containsExactlyElementsOf(expected);
        assertThat(connect.get("from").asText()).isEqualTo("client");
        assertThat(connect.get("time").asText()).isEqualTo("2023-11-14T22:13:21.001700Z");
        for (String k : keys(alone)) {
            assertThat(connect.get(k)).as(k).isEqualTo(alone.get(k));
        }
        assertThat(connect.get("diagnosis").asText()).startsWith("Remaining Length written as 4 bytes");

        JsonNode messages = ws.get("ws");
        assertThat(messages).hasSize(13);
        for (int i = 0; i < 13; i++) {
            JsonNode m = messages.get(i);
            assertThat(keys(m)).containsExactly("from", "time", "type", "length", "frames", "masked", "mqtt_offset",
                    "complete");
            assertThat(m.get("from").asText()).isEqualTo("client");
            assertThat(m.get("type").asText()).isEqualTo("binary");
            assertThat(m.get("length").asInt()).isEqualTo(CaptureFixtures.WECHAT_MESSAGES[i]);
            assertThat(m.get("masked").asBoolean()).isTrue();
        }
        assertThat(messages.get(2).get("mqtt_offset").asLong()).isEqualTo(5);

        JsonNode tls = convs.get(2);
        assertThat(tls.get("packets")).isEmpty();
        JsonNode gap = convs.get(3).get("gaps");
        assertThat(gap).hasSize(1);
        assertThat(keys(gap.get(0))).containsExactly("from", "offset", "length", "time", "message");
        assertThat(gap.get(0).get("from").asText()).isEqualTo("client");
        assertThat(gap.get(0).get("offset").asLong()).isEqualTo(15);
        assertThat(gap.get(0).get("length").asLong()).isEqualTo(10);
        assertThat(gap.get(0).get("message").asText()).isEqualTo("10 bytes missing at stream offset 15 (client to "
                + "broker)");
        // After the gap, index and offset count in the whole client stream.
        JsonNode publish = convs.get(3).get("packets").get(1);
        assertThat(publish.get("type").asText()).isEqualTo("PUBLISH");
        assertThat(publish.get("index").asInt()).isEqualTo(1);
        assertThat(publish.get("offset").asLong()).isEqualTo(25);

        List<String> notes = new ArrayList<>();
        j.get("notes").forEach(n -> notes.add(n.asText()));
        assertThat(notes).contains("192.0.2.10:50100 -> 192.0.2.1:8083: " + WS_CLOSE,
                "192.0.2.10:50007 -> 192.0.2.1:8883: TLS server name broker.example.com");
        assertThat(notes).anyMatch(n -> n.startsWith("192.0.2.10:50007 -> 192.0.2.1:8883: encrypted"));
    }

    @Test
    void with_lang_zh_cn_findings_and_the_diagnosis_are_chinese_as_in_decode() throws Exception {
        assertThat(run("decode", "--lang", "zh-CN", "--pcap", file("mixed.pcapng", CaptureFixtures.mixed())))
                .isEqualTo(1);
        assertThat(out.toString()).contains("    diagnosis: Remaining Length 被写成了 4 字节")
                .doesNotContain("Remaining Length written as 4 bytes");
    }

    @Test
    void port_restricts_the_reading_to_those_ports() throws Exception {
        assertThat(run("decode", "--pcap", file("mixed.pcapng", CaptureFixtures.mixed()), "--json", "--port",
                "8883", "1883")).isEqualTo(0);
        JsonNode convs = JSON.readTree(out.toString()).get("conversations");
        assertThat(convs.findValuesAsText("transport")).containsExactly("tcp", "tls", "tcp");
    }

    @Test
    void not_a_capture_file_exits_2_saying_what_was_found_at_offset_0() throws Exception {
        String f = file("x.json", "{\"hex\":\"10\"}".getBytes());
        assertThat(run("decode", "--pcap", f)).isEqualTo(2);
        assertThat(err.toString()).startsWith("mqscope decode: " + f + ": not a capture file: bytes 7b 22 68 65 at "
                + "byte offset 0");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void the_reason_a_file_is_no_capture_is_said_in_chinese_under_lang_zh_cn() throws Exception {
        String f = file("x.json", "{\"hex\":\"10\"}".getBytes());
        assertThat(run("decode", "--lang", "zh-CN", "--pcap", f)).isEqualTo(2);
        assertThat(err.toString()).contains(f + ": 不是抓包文件：字节偏移 0 处的字节 7b 22 68 65").contains("看起来是 JSON")
                .doesNotContain("not a capture file");
    }

    @Test
    void an_unsupported_link_type_exits_2_with_its_offset() throws Exception {
        assertThat(run("decode", "--pcap", file("wifi.pcap", CaptureFixtures.wifi()))).isEqualTo(2);
        assertThat(err.toString()).contains("unsupported link type 105 (IEEE 802.11) in the pcap file header at "
                + "byte offset 20");
    }

    @Test
    void a_truncated_file_exits_2_with_the_offset_and_still_shows_what_was_read() throws Exception {
        byte[] cut = CaptureFixtures.truncated();
        long record = cut.length + 5 - 16 - 40; // the last record: the broker's FIN, 40 bytes of IPv4 and TCP
        assertThat(run("decode", "--pcap", file("cut.pcap", cut), "--json")).isEqualTo(2);
        assertThat(err.toString()).contains("truncated pcap file: the record at byte offset " + record)
                .contains("declares 40 captured bytes but the file ends after 35");
        JsonNode j = JSON.readTree(out.toString());
        assertThat(j.get("conversations").get(0).get("packets").findValuesAsText("type"))
                .containsExactly("CONNECT", "CONNACK", "PUBLISH");
        assertThat(j.get("notes").get(j.get("notes").size() - 1).asText()).contains("truncated pcap file");
    }

    @Test
    void a_damaged_block_in_the_middle_is_skipped_with_a_note_and_reading_goes_on() throws Exception {
        assertThat(run("decode", "--pcap", file("damaged.pcapng", CaptureFixtures.damagedBlock()))).isEqualTo(0);
        assertThat(out.toString()).contains("  gaps:\n    15 bytes missing at stream offset 0 (client to broker)\n")
                .contains("  client +0.500 ms  PUBLISH #0  offset 15, 10 bytes") // what the gap held is unknown
                .containsPattern("notes:\n  damaged block at byte offset [0-9]+");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void a_missing_file_exits_2() {
        assertThat(run("decode", "--pcap", dir.resolve("none.pcap").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none.pcap: no such file");
    }

    @Test
    void pcap_is_exclusive_with_the_other_inputs_and_options_that_do_not_apply() throws Exception {
        String f = file("clean.pcap", CaptureFixtures.clean());
        assertThat(run("decode", "--pcap", f, "--hex", "c0 00")).isEqualTo(2);
        assertThat(err.toString()).contains("--pcap").contains("--hex").contains("mutually exclusive");
        err.getBuffer().setLength(0);
        assertThat(run("decode", "--pcap", f, "--from", "broker")).isEqualTo(2);
        assertThat(err.toString()).contains("--from does not apply to --pcap");
        err.getBuffer().setLength(0);
        assertThat(run("decode", "--hex", "c0 00", "--port", "1883")).isEqualTo(2);
        assertThat(err.toString()).contains("--port applies only to --pcap");
        err.getBuffer().setLength(0);
        assertThat(run("decode", "--pcap", f, "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--port must be 1 to 65535");
    }

    /** Recorded with tcpdump on the loopback interface while mosquitto_pub talks to a real mosquitto. */
    @Test
    @ExtendWith(Mosquitto.class)
    void a_capture_recorded_with_tcpdump_while_mosquitto_pub_publishes(Mosquitto mosquitto) throws Exception {
        Path f = dir.resolve("lo.pcap");
        CaptureFixtures.recordPublish(f, mosquitto.tcpPort, "pcapcli/live");
        assertThat(run("decode", "--pcap", f.toString(), "--json")).isEqualTo(0);
        JsonNode convs = JSON.readTree(out.toString()).get("conversations");
        assertThat(convs).hasSize(1);
        JsonNode c = convs.get(0);
        assertThat(c.get("transport").asText()).isEqualTo("tcp");
        assertThat(c.get("server").asText()).isEqualTo("127.0.0.1:" + mosquitto.tcpPort);
        List<String> sent = new ArrayList<>();
        c.get("packets").forEach(p -> sent.add(p.get("from").asText() + ":" + p.get("type").asText()));
        assertThat(sent).containsExactly("client:CONNECT", "broker:CONNACK", "client:PUBLISH", "broker:PUBACK",
                "client:DISCONNECT");
        assertThat(c.get("packets").findValuesAsText("malformed")).containsOnly("false");
        assertThat(c.get("gaps")).isEmpty();
        out.getBuffer().setLength(0);
        assertThat(run("decode", "--pcap", f.toString())).isEqualTo(0);
        assertThat(out.toString()).containsPattern("close: the broker sent FIN [0-9.]+ (µs|ms) after the client's "
                + "DISCONNECT #2").endsWith("OK: 1 conversations, 5 packets, no error findings\n");
    }
}
