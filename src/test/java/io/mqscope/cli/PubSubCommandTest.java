package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.broker.LocalBroker;
import io.mqscope.testing.EmbeddedHiveMq;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code mqscope pub} and {@code sub} run in-process against HiveMQ CE embedded. */
@ExtendWith(EmbeddedHiveMq.class)
class PubSubCommandTest {
    static LocalBroker broker;

    @BeforeAll
    static void broker(LocalBroker shared) {
        broker = shared;
    }

    record Run(int exit, StringWriter out, StringWriter err) {
        String stdout() {
            return out.toString();
        }

        String stderr() {
            return err.toString();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out, err);
    }

    /** Starts {@code sub} in the background; its output can be watched while it runs. */
    static CompletableFuture<Integer> background(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return CompletableFuture.supplyAsync(() -> cl.execute(args));
    }

    String tcpUrl() {
        return "mqtt://127.0.0.1:" + broker.tcpPort();
    }

    @Test
    void pub_hex_retained_then_sub_json_prints_it_byte_exact() {
        Run pub = run("pub", "--url", tcpUrl(), "-t", "cli/hex", "-m", "de ad be ef 00", "--format", "hex",
                "-q", "2", "--retain");
        assertThat(pub.exit()).as(pub.stderr()).isZero();

        Run sub = run("sub", "--url", tcpUrl(), "-t", "cli/hex", "--count", "1", "--timeout", "10", "--json");
        assertThat(sub.exit()).as(sub.stderr()).isZero();
        assertThat(sub.stdout()).isEqualTo("{\"topic\":\"cli/hex\",\"qos\":0,\"retain\":true,\"dup\":false,"
                + "\"payload_hex\":\"deadbeef00\",\"properties\":{}}\n");
        run("pub", "--url", tcpUrl(), "-t", "cli/hex", "-n", "--retain");
    }

    @Test
    void sub_receives_live_messages_with_mqtt5_properties_and_stops_after_count() throws Exception {
        // a retained marker tells us the subscription is in place before we publish live messages
        assertThat(run("pub", "--url", tcpUrl(), "-t", "cli/live/ready", "-m", "ready", "--retain").exit()).isZero();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> sub = background(out, err, "sub", "--url", tcpUrl(), "-V", "5",
                "-t", "cli/live/#", "-q", "1", "--count", "3", "--timeout", "20", "--json");
        await().atMost(Duration.ofSeconds(15)).until(() -> out.toString().contains("cli/live/ready"));

        Run pub = run("pub", "--url", tcpUrl(), "-V", "5", "-t", "cli/live/a", "-m", "{\"t\": 21.5}",
                "--format", "json", "-q", "1", "-D", "unit=C", "--content-type", "application/json",
                "--correlation-data", "01 02", "--count", "2");
        assertThat(pub.exit()).as(pub.stderr()).isZero();

        assertThat(sub.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).isEqualTo("{\"topic\":\"cli/live/a\",\"qos\":1,\"retain\":false,\"dup\":false,"
                + "\"payload_hex\":\"7b2274223a2032312e357d\",\"payload_text\":\"{\\\"t\\\": 21.5}\","
                + "\"properties\":{\"correlation_data_hex\":\"0102\",\"content_type\":\"application/json\","
                + "\"user_properties\":[[\"unit\",\"C\"]]}}");
        assertThat(lines[2]).isEqualTo(lines[1]);
        run("pub", "--url", tcpUrl(), "-t", "cli/live/ready", "-n", "--retain");
    }

    @Test
    void sub_text_format_prints_topic_and_payload_and_hex_format_prints_hex() {
        assertThat(run("pub", "--host", "127.0.0.1", "-p", String.valueOf(broker.tcpPort()), "-t", "cli/fmt",
                "-m", "温度 22", "--retain").exit()).isZero();
        Run text = run("sub", "--url", tcpUrl(), "-t", "cli/fmt", "-C", "1", "-W", "10", "-v");
        assertThat(text.stdout()).isEqualTo("cli/fmt 温度 22\n");
        Run hex = run("sub", "--url", tcpUrl(), "-t", "cli/fmt", "-C", "1", "-W", "10", "--format", "hex");
        assertThat(hex.stdout()).isEqualTo("e6b8a9e5baa6203232\n");
        run("pub", "--url", tcpUrl(), "-t", "cli/fmt", "-n", "--retain");
    }

    @Test
    void ws_url_works_through_the_relay() {
        assertThat(run("pub", "--url", broker.wsUrl(), "-t", "cli/ws", "-m", "over ws", "--retain", "-q", "1")
                .exit()).isZero();
        Run sub = run("sub", "--url", broker.wsUrl(), "-t", "cli/ws", "-C", "1", "-W", "10");
        assertThat(sub.exit()).as(sub.stderr()).isZero();
        assertThat(sub.stdout()).isEqualTo("over ws\n");
        run("pub", "--url", broker.wsUrl(), "-t", "cli/ws", "-n", "--retain");
    }

    @Test
    void sub_times_out_with_exit_3_when_count_is_not_reached() {
        Run sub = run("sub", "--url", tcpUrl(), "-t", "cli/nothing/here", "-C", "5", "-W", "3");
        assertThat(sub.exit()).isEqualTo(3);
        assertThat(sub.stderr()).contains("timed out after 3.0 s with 0 of 5 messages");
    }

    @Test
    void bad_hex_payload_is_bad_input_with_a_position() {
        Run pub = run("pub", "--url", tcpUrl(), "-t", "cli/x", "-m", "de ad b", "--format", "hex");
        assertThat(pub.exit()).isEqualTo(2);
        assertThat(pub.stderr()).contains("mqscope pub: -m (hex): odd number of hex digits")
                .contains("position 7");
    }

    @Test
    void bad_json_payload_is_bad_input_with_line_and_column() {
        Run pub = run("pub", "--url", tcpUrl(), "-t", "cli/x", "-m", "{\"a\": tru}", "--format", "json");
        assertThat(pub.exit()).isEqualTo(2);
        assertThat(pub.stderr()).contains("-m (json):").contains("line 1, column");
    }

    @Test
    void bad_url_is_bad_input() {
        Run pub = run("pub", "--url", "http://x", "-t", "a", "-m", "x");
        assertThat(pub.exit()).isEqualTo(2);
        assertThat(pub.stderr()).contains("--url: unknown scheme 'http'");
    }

    @Test
    void refused_connection_exits_1_with_stage_and_reason() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        Run pub = run("pub", "--url", "mqtt://127.0.0.1:" + port, "-t", "a", "-m", "x");
        assertThat(pub.exit()).isEqualTo(1);
        assertThat(pub.stderr()).startsWith("mqscope pub: tcp: ").containsIgnoringCase("refused");
        Run sub = run("sub", "--url", "mqtt://127.0.0.1:" + port, "-t", "a", "-W", "5");
        assertThat(sub.exit()).isEqualTo(1);
        assertThat(sub.stderr()).startsWith("mqscope sub: tcp: ");
    }

    @Test
    void mqtt_3_1_is_refused_as_bad_input() {
        Run pub = run("pub", "--url", tcpUrl(), "-V", "3.1", "-t", "a", "-m", "x");
        assertThat(pub.exit()).isEqualTo(2);
        assertThat(pub.stderr()).contains("config: MQTT 3.1 (protocol name MQIsdp");
    }

    @Test
    void wildcard_in_a_publish_topic_is_bad_input() {
        Run pub = run("pub", "--url", tcpUrl(), "-t", "a/#", "-m", "x");
        assertThat(pub.exit()).as(pub.stderr()).isEqualTo(2);
        assertThat(pub.stderr()).contains("a/#");
    }

    @Test
    void packets_option_prints_each_packet_hex_and_decoded() {
        assertThat(run("pub", "--url", tcpUrl(), "-t", "cli/pk", "-m", "hi", "--retain").exit()).isZero();
        Run sub = run("sub", "--url", tcpUrl(), "-t", "cli/pk", "-C", "1", "-W", "10", "--packets");
        assertThat(sub.exit()).as(sub.stderr()).isZero();
        assertThat(sub.stdout()).contains("--> CONNECT").contains("<-- CONNACK").contains("--> SUBSCRIBE")
                .contains("<-- SUBACK").contains("<-- PUBLISH").contains("\nhi\n").contains("    10 ");
        run("pub", "--url", tcpUrl(), "-t", "cli/pk", "-n", "--retain");
    }

    @Test
    void profile_option_starts_from_a_saved_profile_and_options_override_it() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mqscope-cli-profiles-");
        String old = System.getProperty("mqscope.config.dir");
        System.setProperty("mqscope.config.dir", dir.toString());
        try {
            new io.mqscope.profile.ProfileStore(dir).save(java.util.List.of(io.mqscope.profile.Profile.builder()
                    .name("Bench box").host("127.0.0.1").port(broker.tcpPort()).build()));
            Run pub = run("pub", "--profile", "Bench box", "-t", "cli/profile", "-m", "from profile", "--retain");
            assertThat(pub.exit()).as(pub.stderr()).isZero();
            Run sub = run("sub", "--profile", "bench box", "-V", "5", "-t", "cli/profile", "-C", "1", "-W", "10");
            assertThat(sub.stdout()).isEqualTo("from profile\n");
            Run missing = run("sub", "--profile", "nope", "-t", "a");
            assertThat(missing.exit()).isEqualTo(2);
            assertThat(missing.stderr()).contains("no saved profile named 'nope'").contains("'Bench box'");
            run("pub", "--profile", "Bench box", "-t", "cli/profile", "-n", "--retain");
        } finally {
            if (old == null) {
                System.clearProperty("mqscope.config.dir");
            } else {
                System.setProperty("mqscope.config.dir", old);
            }
        }
    }

    @Test
    void json_with_packets_prints_packet_objects_and_message_objects() {
        assertThat(run("pub", "--url", tcpUrl(), "-t", "cli/pkjson", "-m", "ok", "--retain").exit()).isZero();
        Run sub = run("sub", "--url", tcpUrl(), "-V", "5", "-t", "cli/pkjson", "-C", "1", "-W", "10", "--json",
                "--packets");
        assertThat(sub.exit()).as(sub.stderr()).isZero();
        String out = sub.stdout();
        // packets in the one JSON form of store.PacketJson: the connection's members, then the packet's
        assertThat(out).containsPattern("\"direction\":\"client\",\"index\":0,[^\n]*\"type\":\"CONNECT\"")
                .containsPattern("\"direction\":\"broker\",\"index\":0,[^\n]*\"type\":\"CONNACK\"")
                .contains("{\"topic\":\"cli/pkjson\",\"qos\":0,\"retain\":true");
        for (String line : out.split("\n")) {
            assertThat(line).startsWith("{").endsWith("}");
        }
        run("pub", "--url", tcpUrl(), "-t", "cli/pkjson", "-n", "--retain");
    }

    @Test
    void help_is_available_and_v_is_the_mqtt_version() {
        Run help = run("sub", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).startsWith("Usage: mqscope sub").contains("-V, --mqtt-version=3.1.1|5");
        assertThat(run("pub", "-h").stdout()).startsWith("Usage: mqscope pub");
    }

    @Test
    void pub_cbor_from_json_then_sub_cbor_shows_the_tree_byte_exact() {
        // RFC 8949 appendix A: {"a": 1, "b": [2, 3]} is a26161016162820203
        Run pub = run("pub", "--url", tcpUrl(), "-t", "cli/cbor", "-m", "{\"a\": 1, \"b\": [2, 3]}",
                "--format", "cbor", "--retain");
        assertThat(pub.exit()).as(pub.stderr()).isZero();
        try {
            Run json = run("sub", "--url", tcpUrl(), "-t", "cli/cbor", "--count", "1", "--timeout", "10",
                    "--format", "cbor", "--json");
            assertThat(json.exit()).as(json.stderr()).isZero();
            assertThat(json.stdout()).isEqualTo("{\"topic\":\"cli/cbor\",\"qos\":0,\"retain\":true,\"dup\":false,"
                    + "\"payload_hex\":\"a26161016162820203\",\"decoded\":{\"a\":1,\"b\":[2,3]},\"properties\":{}}\n");
            Run text = run("sub", "--url", tcpUrl(), "-t", "cli/cbor", "--count", "1", "--timeout", "10",
                    "--format", "cbor");
            assertThat(text.stdout()).isEqualTo("{\n  \"a\": 1,\n  \"b\": [\n    2,\n    3\n  ]\n}\n");
            // the same bytes read as MessagePack are not valid: the error names the offset and the hex follows
            Run wrong = run("sub", "--url", tcpUrl(), "-t", "cli/cbor", "--count", "1", "--timeout", "10",
                    "--format", "msgpack", "--json");
            assertThat(wrong.stdout()).contains("\"decode_error\":\"not valid MessagePack at byte offset ")
                    .contains("\"payload_hex\":\"a26161016162820203\"");
        } finally {
            run("pub", "--url", tcpUrl(), "-t", "cli/cbor", "-n", "--retain");
        }
    }

    @Test
    void pub_msgpack_with_bad_json_says_where_and_sends_nothing() {
        Run pub = run("pub", "--url", tcpUrl(), "-t", "cli/msgpack", "-m", "{\"a\": }", "--format", "msgpack");
        assertThat(pub.exit()).isNotZero();
        assertThat(pub.stderr()).contains("-m (msgpack): line 1, column ");
    }

    @Test
    void pub_protobuf_from_json_then_sub_protobuf_shows_the_field_tree() throws Exception {
        String proto = java.nio.file.Path.of(getClass().getResource("/io/mqscope/payload/proto/sensor.proto").toURI())
                .toString();
        Run pub = run("pub", "--url", tcpUrl(), "-t", "cli/proto", "-m",
                "{\"deviceId\": \"a1\", \"samples\": [1, 150]}",
                "--format", "protobuf", "--proto", proto, "--type", "demo.sensor.Reading", "--retain");
        assertThat(pub.exit()).as(pub.stderr()).isZero();
        try {
            Run json = run("sub", "--url", tcpUrl(), "-t", "cli/proto", "--count", "1", "--timeout", "10",
                    "--format", "protobuf", "--proto", proto, "--type", "demo.sensor.Reading", "--json");
            assertThat(json.exit()).as(json.stderr()).isZero();
            assertThat(json.stdout()).contains("\"payload_hex\":\"0a0261312203019601\"",
                    "\"decoded\":{\"deviceId\":\"a1\",\"samples\":[1,150]}");
            Run text = run("sub", "--url", tcpUrl(), "-t", "cli/proto", "--count", "1", "--timeout", "10",
                    "--format", "protobuf", "--proto", proto, "--type", "demo.sensor.Reading");
            assertThat(text.stdout()).contains("#1 device_id: string = \"a1\"",
                    "#4 samples: repeated int32 packed = [1, 150]");
        } finally {
            run("pub", "--url", tcpUrl(), "-t", "cli/proto", "-n", "--retain");
        }
    }

    @Test
    void protobuf_errors_name_the_proto_position_and_the_json_position() throws Exception {
        String broken = java.nio.file.Path.of(getClass().getResource("/io/mqscope/payload/proto/broken.proto")
                .toURI()).toString();
        Run bad = run("pub", "--url", tcpUrl(), "-t", "cli/proto", "-m", "{}", "--format", "protobuf", "--proto",
                broken, "--type", "Broken");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).contains("broken.proto, line 5, column ");
        String proto = java.nio.file.Path.of(getClass().getResource("/io/mqscope/payload/proto/sensor.proto").toURI())
                .toString();
        Run json = run("pub", "--url", tcpUrl(), "-t", "cli/proto", "-m", "{\"nope\": 1}", "--format", "protobuf",
                "--proto", proto, "--type", "demo.sensor.Reading");
        assertThat(json.exit()).isEqualTo(2);
        assertThat(json.stderr()).contains("-m (protobuf): line 1, column 2: demo.sensor.Reading has no field "
                + "named 'nope'");
    }

    @Test
    void sub_reads_spbv1_topics_as_sparkplug_b_with_births_applied_and_gaps_flagged() throws Exception {
        String birth = "{\"seq\": 0, \"metrics\": [{\"name\": \"Temperature\", \"alias\": 1, \"datatype\": 9,"
                + " \"floatValue\": 20}]}";
        // the retained NBIRTH is also the sign that the subscription is in place
        assertThat(run("pub", "--url", tcpUrl(), "-t", "spBv1.0/plant/NBIRTH/edge9", "-m", birth, "--format",
                "sparkplug", "--retain").exit()).isZero();
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> sub = background(out, err, "sub", "--url", tcpUrl(), "-t", "spBv1.0/plant/#",
                    "--count", "3", "--timeout", "20");
            await().atMost(Duration.ofSeconds(15)).until(() -> out.toString().contains("NBIRTH"));
            for (int seq : new int[] {1, 3}) {
                assertThat(run("pub", "--url", tcpUrl(), "-t", "spBv1.0/plant/NDATA/edge9", "-m", "{\"seq\": " + seq
                        + ", \"metrics\": [{\"alias\": 1, \"floatValue\": 21.5}]}", "--format", "sparkplug")
                        .exit()).isZero();
            }
            assertThat(sub.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
            assertThat(out.toString()).contains("Sparkplug B NBIRTH  group plant  edge node edge9",
                    "Temperature [alias 1]: Float = 20.0",
                    "Temperature [alias 1, name from the birth certificate]: Float = 21.5",
                    "! sequence gap: expected seq 2, got 3 (1 messages missing or out of order)");
            Run json = run("sub", "--url", tcpUrl(), "-t", "spBv1.0/plant/#", "--count", "1", "--timeout", "10",
                    "--json");
            assertThat(json.stdout()).contains("\"decoded\":{\"message_type\":\"NBIRTH\",\"group\":\"plant\","
                    + "\"edge_node\":\"edge9\",\"seq\":\"0\",\"metrics\":[{\"name\":\"Temperature\",\"alias\":\"1\","
                    + "\"datatype\":\"Float\",\"value\":\"20.0\",\"from_birth\":false}],\"notes\":[]}");
        } finally {
            run("pub", "--url", tcpUrl(), "-t", "spBv1.0/plant/NBIRTH/edge9", "-n", "--retain");
        }
    }

    @Test
    void pub_interval_count_fills_placeholders_per_message_in_order() throws Exception {
        assertThat(run("pub", "--url", tcpUrl(), "-t", "cli/timed/ready", "-m", "ready", "--retain").exit()).isZero();
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> sub = background(out, err, "sub", "--url", tcpUrl(), "-t", "cli/timed/#",
                    "-v", "--count", "21", "--timeout", "20");
            await().atMost(Duration.ofSeconds(15)).until(() -> out.toString().contains("cli/timed/ready"));
            Run pub = run("pub", "--url", tcpUrl(), "-t", "cli/timed/{{seq}}", "-m", "{\"n\": {{seq}}, "
                    + "\"r\": {{random:1:6}}}", "--format", "json", "--count", "20", "--interval", "5");
            assertThat(pub.exit()).as(pub.stderr()).isZero();
            assertThat(sub.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
            String[] lines = out.toString().split("\n");
            for (int i = 1; i <= 20; i++) {
                assertThat(lines[i]).matches("cli/timed/" + i + " \\{\"n\": " + i + ", \"r\": [1-6]}");
            }
            Run bad = run("pub", "--url", tcpUrl(), "-t", "cli/timed/x", "-m", "{{seqq}}", "--count", "2");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.stderr()).contains("-m: unknown placeholder {{seqq}} at position 1");
        } finally {
            run("pub", "--url", tcpUrl(), "-t", "cli/timed/ready", "-n", "--retain");
        }
    }

    @Test
    void an_empty_client_id_on_mqtt5_is_named_as_the_broker_assigned_it() {
        Run sub = run("sub", "--url", tcpUrl(), "-V", "5", "-i", "", "-t", "cli/empty/id", "-C", "1", "-W", "2");
        assertThat(sub.exit()).as(sub.stderr()).isEqualTo(3);
        assertThat(sub.stderr())
                .containsPattern("mqscope sub: connected; the broker assigned the client ID \"[^\"]+\"");
    }

    @Test
    void an_empty_client_id_with_a_persistent_mqtt311_session_is_bad_input_in_english_and_chinese() {
        Run pub = run("pub", "--url", tcpUrl(), "-i", "", "--no-clean-start", "-t", "a", "-m", "x");
        assertThat(pub.exit()).isEqualTo(2);
        assertThat(pub.stderr()).startsWith("mqscope pub: config: MQTT 3.1.1 allows an empty Client ID only with a "
                + "clean session").contains("--no-clean-start");
        Run zh = run("pub", "--lang", "zh-CN", "--url", tcpUrl(), "-i", "", "--no-clean-start", "-t", "a", "-m", "x");
        assertThat(zh.exit()).isEqualTo(2);
        assertThat(zh.stderr()).contains("只在清除会话时允许客户端 ID 为空");
    }
}
