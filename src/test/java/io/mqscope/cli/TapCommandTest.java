package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import io.mqscope.testing.RawWebSocketClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code mqscope tap} in-process: the WeChat CONNECT as JSON events and as text, secrets, bad input. */
@ExtendWith(Mosquitto.class)
class TapCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on \\w+://[0-9.]+:(\\d+)");
    private static final String[] WECHAT = {"10", "1a000000", "0004", "4d515454", "04", "c2", "003c", "000a",
        HexFormat.of().formatHex("cn.lokei-1".getBytes(StandardCharsets.US_ASCII)), "0000", "", "0000", ""};

    /** A running {@code tap} with its output. */
    record Running(CommandLine cl, CompletableFuture<Integer> exit, StringWriter out, StringWriter err, int port)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            TapCommand command = cl.getSubcommands().get("tap").getCommand();
            command.stop.countDown();
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        }
    }

    static Running start(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(args));
        await().atMost(Duration.ofSeconds(30)).until(() -> LISTENING.matcher(out + "" + err).find()
                || exit.isDone());
        Matcher m = LISTENING.matcher(out + "" + err);
        assertThat(m.find()).as("banner; stderr: %s", err).isTrue();
        return new Running(cl, exit, out, err, Integer.parseInt(m.group(1)));
    }

    static List<JsonNode> lines(StringWriter out) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                all.add(JSON.readTree(line));
            }
        }
        return all;
    }

    static void sendWeChatConnect(int port) throws Exception {
        try (RawWebSocketClient client = RawWebSocketClient.open(port, "/mqtt", "mqtt")) {
            for (String hex : WECHAT) {
                client.sendBinary(HexFormat.of().parseHex(hex));
            }
            assertThat(client.read()).as("no CONNACK").isNull();
        }
    }

    @Test
    void json_events_of_the_wechat_connect(Mosquitto m) throws Exception {
        try (Running tap = start("tap", "--listen", "ws://127.0.0.1:0/mqtt", "--url",
                "mqtt://127.0.0.1:" + m.tcpPort, "--json")) {
            sendWeChatConnect(tap.port());
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("\"event\":\"close\""));
            List<JsonNode> events = lines(tap.out());
            assertThat(events).extracting(e -> e.get("event").asText())
                    .containsExactly("open", "http", "ws", "ws", "ws", "ws", "ws", "ws", "ws", "ws", "ws", "ws", "ws",
                            "ws", "packet", "ws", "close"); // the 12th message completes the 31 bytes
            JsonNode open = events.get(0);
            assertThat(open.get("listen").asText()).isEqualTo("ws://127.0.0.1:" + tap.port() + "/mqtt");
            assertThat(open.get("conn").asText()).isEqualTo("c1");
            JsonNode http = events.get(1);
            assertThat(http.at("/request/method").asText()).isEqualTo("GET");
            assertThat(http.at("/request/path").asText()).isEqualTo("/mqtt");
            assertThat(http.at("/request/headers/sec-websocket-protocol").asText()).isEqualTo("mqtt");
            assertThat(http.at("/response/status").asInt()).isEqualTo(101);
            assertThat(http.at("/response/headers/sec-websocket-protocol").asText()).isEqualTo("mqtt");
            JsonNode second = events.get(3);
            assertThat(second.get("from").asText()).isEqualTo("client");
            assertThat(second.get("opcode").asText()).isEqualTo("binary");
            assertThat(second.get("fin").asBoolean()).isTrue();
            assertThat(second.get("length").asInt()).isEqualTo(4);
            assertThat(second.get("hex").asText()).isEqualTo("1a000000");
            assertThat(second.get("stream_offset").asLong()).isEqualTo(1);
            JsonNode packet = events.get(14);
            assertThat(packet.get("from").asText()).isEqualTo("client");
            assertThat(packet.get("type").asText()).isEqualTo("CONNECT");
            assertThat(packet.get("length").asInt()).isEqualTo(31);
            assertThat(packet.get("hex").asText())
                    .isEqualTo("101a00000000044d51545404c2003c000a636e2e6c6f6b65692d3100000000");
            assertThat(packet.get("diagnosis").asText()).contains("PR #1506");
            assertThat(packet.get("findings").get(0).get("field").asText()).isEqualTo("remaining_length");
            assertThat(packet.has("repaired_hex")).as("nothing was repaired on the wire").isFalse();
            JsonNode close = events.get(16);
            assertThat(close.get("by").asText()).isEqualTo("broker");
            assertThat(close.get("verdict").asText()).contains("CONNECT #0, which is malformed", "PR #1506");
        }
    }

    @Test
    void text_lines_with_repair_and_a_masked_password(Mosquitto m) throws Exception {
        try (Running tap = start("tap", "--listen", "ws://127.0.0.1:0/mqtt", "--url",
                "mqtt://127.0.0.1:" + m.tcpPort, "--repair", "padded-length")) {
            try (RawWebSocketClient client = RawWebSocketClient.open(tap.port(), "/mqtt", "mqtt")) {
                for (String hex : WECHAT) {
                    client.sendBinary(HexFormat.of().parseHex(hex));
                }
                assertThat(client.read().payload()).containsExactly(0x20, 0x02, 0x00, 0x00);
                client.sendBinary(MqttBytes.disconnect());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("closed by"));
            String out = tap.out().toString();
            assertThat(out).contains("c1 client→broker ws binary 4 bytes @1: 1a 00 00 00",
                    "c1 client→broker CONNECT #0 31 bytes ✗ remaining_length",
                    "c1   repaired 1 packet", "c1 broker→client CONNACK #0 4 bytes ✓");
        }
        try (Running tap = start("tap", "--listen", "mqtt://127.0.0.1:0", "--url", "mqtt://127.0.0.1:" + m.authPort);
             Socket s = new Socket("127.0.0.1", tap.port())) {
            s.getOutputStream().write(MqttBytes.connect(4, "secret", Mosquitto.USERNAME, Mosquitto.PASSWORD));
            assertThat(MqttBytes.readPacket(s.getInputStream())).containsExactly(0x20, 0x02, 0x00, 0x00);
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("CONNACK"));
            assertThat(tap.out().toString()).contains("password *** (" + Mosquitto.PASSWORD.length() + " bytes)")
                    .doesNotContain(Mosquitto.PASSWORD);
        }
    }

    @Test
    void json_masks_the_password_unless_show_secrets(Mosquitto m) throws Exception {
        String pwHex = HexFormat.of().formatHex(Mosquitto.PASSWORD.getBytes(StandardCharsets.UTF_8));
        for (boolean show : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("tap", "--listen", "mqtt://127.0.0.1:0", "--url",
                    "mqtt://127.0.0.1:" + m.authPort, "--json"));
            if (show) {
                args.add("--show-secrets");
            }
            try (Running tap = start(args.toArray(String[]::new));
                 Socket s = new Socket("127.0.0.1", tap.port())) {
                s.getOutputStream().write(MqttBytes.connect(4, "json-secret", Mosquitto.USERNAME,
                        Mosquitto.PASSWORD));
                assertThat(MqttBytes.readPacket(s.getInputStream())[0]).isEqualTo((byte) 0x20);
                await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("CONNACK"));
                JsonNode connect = lines(tap.out()).stream().filter(e -> "CONNECT".equals(e.path("type").asText()))
                        .findFirst().orElseThrow();
                JsonNode pw = null;
                for (JsonNode f : connect.get("fields")) {
                    if ("password".equals(f.get("name").asText())) {
                        pw = f;
                    }
                }
                if (show) {
                    assertThat(connect.get("hex").asText()).contains(pwHex);
                    assertThat(pw.get("value").asText()).isEqualTo(pwHex);
                } else {
                    assertThat(tap.out().toString()).doesNotContain(pwHex).doesNotContain(Mosquitto.PASSWORD);
                    assertThat(pw.get("value").asText()).isEqualTo("***");
                    assertThat(connect.get("hex").asText()).contains("**".repeat(Mosquitto.PASSWORD.length()));
                }
            }
        }
    }

    @Test
    void the_password_is_masked_in_the_websocket_messages_too(Mosquitto m) throws Exception {
        String pwHex = HexFormat.of().formatHex(Mosquitto.PASSWORD.getBytes(StandardCharsets.UTF_8));
        try (Running tap = start("tap", "--listen", "ws://127.0.0.1:0/mqtt", "--url",
                "mqtt://127.0.0.1:" + m.authPort, "--json");
             RawWebSocketClient client = RawWebSocketClient.open(tap.port(), "/mqtt", "mqtt")) {
            byte[] connect = MqttBytes.connect(4, "ws-secret", Mosquitto.USERNAME, Mosquitto.PASSWORD);
            int half = connect.length - 4; // the password straddles two messages
            client.sendBinary(java.util.Arrays.copyOf(connect, half));
            client.sendBinary(java.util.Arrays.copyOfRange(connect, half, connect.length));
            assertThat(client.read().payload()).containsExactly(0x20, 0x02, 0x00, 0x00);
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("CONNACK"));
            String out = tap.out().toString();
            assertThat(out).doesNotContain(pwHex.substring(0, pwHex.length() - 8))
                    .doesNotContain(pwHex.substring(pwHex.length() - 8));
            assertThat(lines(tap.out()).stream().filter(e -> "ws".equals(e.get("event").asText())))
                    .extracting(e -> e.get("hex").asText()).last().isEqualTo("********");
        }
    }

    @Test
    void self_signed_wss_on_every_interface_prints_the_ca_and_the_lan_urls(Mosquitto m,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path config) throws Exception {
        String before = System.getProperty("mqscope.config.dir");
        System.setProperty("mqscope.config.dir", config.toString());
        try (Running tap = start("tap", "--listen", "wss://0.0.0.0:0/mqtt", "--self-signed", "--url",
                "mqtt://127.0.0.1:" + m.tcpPort)) {
            // the banner is printed a line at a time after the listening line start() waited for: read it whole
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("Press Ctrl+C to stop."));
            String out = tap.out().toString();
            assertThat(out).contains("CA certificate: " + config.resolve("tap").resolve("mqscope-tap-ca.pem"),
                    "Listening on every interface");
            for (String lan : LocalAddresses.lan()) {
                assertThat(out).contains("wss://" + lan + ":");
            }
            assertThat(java.nio.file.Files.getPosixFilePermissions(config.resolve("tap/mqscope-tap-ca.key")))
                    .hasSize(2);
        } finally {
            if (before == null) {
                System.clearProperty("mqscope.config.dir");
            } else {
                System.setProperty("mqscope.config.dir", before);
            }
        }
    }

    @Test
    void bad_listen_urls_and_a_port_in_use_say_why() throws Exception {
        assertThat(PubSubCommandTest.run("tap", "--listen", "http://127.0.0.1:1", "--url", "mqtt://x").exit())
                .isEqualTo(2);
        PubSubCommandTest.Run noBroker = PubSubCommandTest.run("tap", "--listen", "mqtt://127.0.0.1:0");
        assertThat(noBroker.exit()).isEqualTo(2);
        assertThat(noBroker.stderr()).contains("--url");
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            PubSubCommandTest.Run busy = PubSubCommandTest.run("tap", "--listen", "mqtt://127.0.0.1:"
                    + taken.getLocalPort(), "--url", "mqtt://127.0.0.1:1883");
            assertThat(busy.exit()).isEqualTo(1);
            assertThat(busy.stderr()).contains("port " + taken.getLocalPort() + " is in use");
        }
        PubSubCommandTest.Run foreign = PubSubCommandTest.run("tap", "--listen", "mqtt://192.0.2.1:1883", "--url",
                "mqtt://127.0.0.1:1883");
        assertThat(foreign.exit()).isEqualTo(1);
        assertThat(foreign.stderr()).contains("192.0.2.1 is not an address of this machine");
        PubSubCommandTest.Run noCert = PubSubCommandTest.run("tap", "--listen", "wss://127.0.0.1:0/mqtt", "--url",
                "mqtt://127.0.0.1:1883");
        assertThat(noCert.exit()).isEqualTo(2);
        assertThat(noCert.stderr()).contains("--self-signed");
    }

    @Test
    void a_silent_client_is_let_go_after_the_handshake_timeout(Mosquitto m) throws Exception {
        try (Running tap = start("tap", "--listen", "mqtt://127.0.0.1:0", "--url", "mqtt://127.0.0.1:" + m.tcpPort,
                "--json", "--handshake-timeout", "1");
             Socket silent = new Socket("127.0.0.1", tap.port())) {
            silent.setSoTimeout(20_000);
            assertThat(silent.getInputStream().read()).as("closed by the tap").isEqualTo(-1);
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("\"event\":\"close\""));
            JsonNode close = lines(tap.out()).get(1);
            assertThat(close.get("by").asText()).isEqualTo("tap");
            assertThat(close.get("verdict").asText()).isEqualTo("the client sent nothing within 1 s of connecting:"
                    + " the tap let it go");
        }
    }

    /**
     * mosquitto hangs up on a CONNECT with its reserved flag set ([MQTT-3.1.2-3]) while the client sends PUBLISHes
     * without waiting: those read after the hang-up are printed, marked as never forwarded, in both output forms.
     */
    @ParameterizedTest(name = "json {0}")
    @ValueSource(booleans = {false, true})
    void packets_sent_after_the_broker_hung_up_are_printed_and_marked(boolean json, Mosquitto m) throws Exception {
        String[] args = json ? new String[] {"tap", "--listen", "mqtt://127.0.0.1:0", "--url",
            "mqtt://127.0.0.1:" + m.tcpPort, "--json"} : new String[] {"tap", "--listen", "mqtt://127.0.0.1:0",
            "--url", "mqtt://127.0.0.1:" + m.tcpPort};
        try (Running tap = start(args); Socket s = new Socket("127.0.0.1", tap.port())) {
            byte[] connect = MqttBytes.connect(4, "hang-up");
            connect[9] |= 0x01; // the reserved connect flag
            s.getOutputStream().write(connect);
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                for (int n = 0; System.nanoTime() < giveUp; n++) {
                    s.getOutputStream().write(MqttBytes.publish(4, "late/" + n, new byte[] {(byte) n}));
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // its pace
                }
            } catch (java.io.IOException closedByTheTap) {
                // the grace is over
            }
            String end = json ? "\"event\":\"close\"" : "closed by";
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains(end));
            String out = tap.out().toString();
            if (json) {
                List<JsonNode> packets = lines(tap.out()).stream()
                        .filter(e -> "packet".equals(e.get("event").asText())).toList();
                assertThat(packets.get(0).has("after_broker_closed")).as("the broker read the CONNECT").isFalse();
                assertThat(packets).anyMatch(p -> p.path("after_broker_closed").asBoolean()
                        && "PUBLISH".equals(p.get("type").asText()));
                assertThat(out).contains("\"by\":\"broker\"", "after the client's CONNECT #0, which is malformed");
            } else {
                assertThat(out).contains("c1   sent after the broker had closed the connection: read during the"
                        + " grace before the client is closed, not forwarded", "closed by broker",
                        "verdict: the broker closed the connection",
                        "after the client's CONNECT #0, which is malformed");
            }
        }
    }

    @Test
    void a_handshake_timeout_below_one_second_is_refused() {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("tap", "--listen", "mqtt://127.0.0.1:0", "--url", "mqtt://127.0.0.1:1883",
                "--handshake-timeout", "0")).isEqualTo(CliSupport.BAD_INPUT);
        assertThat(err.toString()).contains("--handshake-timeout must be at least 1 second");
    }
}
