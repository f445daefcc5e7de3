package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tapped connection that fails on the broker's side ends with the verdict {@code mqscope check} gives for the same
 * broker URL: the same stage, cause and fix, in the {@code --lang} language, in --json and in the text lines. Real
 * mosquitto listeners and a real closed port.
 */
@ExtendWith(Mosquitto.class)
class TapVerdictTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The verdict object of {@code check --json} for the URL (and extra options). */
    private static JsonNode checkVerdict(String lang, String url, String... extra) throws Exception {
        String[] args = new String[5 + extra.length];
        args[0] = "check";
        args[1] = url;
        args[2] = "--json";
        args[3] = "--lang";
        args[4] = lang;
        System.arraycopy(extra, 0, args, 5, extra.length);
        CheckCommandTest.Run r = CheckCommandTest.run(args);
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        JsonNode v = JSON.readTree(r.out()).get("verdict");
        assertThat(v.isObject()).as(r.out()).isTrue();
        return v;
    }

    /** Sends {@code connect} through a tap in front of {@code url} and returns the close event. */
    private static JsonNode tapClose(String lang, String url, byte[] connect) throws Exception {
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "mqtt://127.0.0.1:0", "--url", url,
                "--json", "--lang", lang);
             Socket s = new Socket("127.0.0.1", tap.port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(connect);
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                continue; // whatever the broker's side answers, until the tap lets the client go
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("\"event\":\"close\""));
            return TapCommandTest.lines(tap.out()).stream().filter(e -> "close".equals(e.get("event").asText()))
                    .findFirst().orElseThrow();
        }
    }

    private static void assertSameWords(JsonNode check, JsonNode close) {
        JsonNode failure = close.get("failure");
        assertThat(failure).as(close.toString()).isNotNull();
        assertThat(failure.get("stage").asText()).isEqualTo(check.get("stage").asText());
        assertThat(failure.get("cause").asText()).isEqualTo(check.get("cause").asText());
        assertThat(failure.get("fix").asText()).isEqualTo(check.get("fix").asText());
        assertThat(close.get("verdict").asText()).contains(check.get("cause").asText(), check.get("fix").asText());
    }

    @Test
    void a_closed_upstream_port_reads_as_check_says_it_in_english_and_chinese() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "mqtt://127.0.0.1:" + closedPort;
        for (String lang : new String[] {"en", "zh-CN"}) {
            JsonNode check = checkVerdict(lang, url);
            assertThat(check.get("stage").asText()).isEqualTo("tcp");
            assertSameWords(check, tapClose(lang, url, MqttBytes.connect(4, "nowhere")));
        }
        assertThat(checkVerdict("zh-CN", url).get("fix").asText()).as("zh-CN words").containsPattern("\\p{IsHan}");
    }

    @Test
    void a_tcp_upstream_at_a_websocket_port_is_told_the_port_speaks_http(Mosquitto m) throws Exception {
        String url = "mqtt://127.0.0.1:" + m.wsPort;
        JsonNode check = checkVerdict("en", url);
        assertThat(check.get("fix").asText()).contains("ws://");
        assertSameWords(check, tapClose("en", url, MqttBytes.connect(4, "tcp-at-ws")));
    }

    @Test
    void a_refused_password_names_the_user_as_check_does(Mosquitto m) throws Exception {
        String url = "mqtt://127.0.0.1:" + m.authPort;
        JsonNode check = checkVerdict("en", url, "-u", Mosquitto.USERNAME, "-P", "wrong");
        assertThat(check.get("cause").asText()).contains(Mosquitto.USERNAME);
        JsonNode close = tapClose("en", url, MqttBytes.connect(4, "bad-pw", Mosquitto.USERNAME, "wrong"));
        assertSameWords(check, close);
        assertThat(close.toString()).doesNotContain("\"wrong\"");
    }

    @Test
    void the_text_line_carries_cause_and_fix_in_chinese(Mosquitto m) throws Exception {
        String url = "mqtt://127.0.0.1:" + m.authPort;
        JsonNode check = checkVerdict("zh-CN", url, "-u", Mosquitto.USERNAME, "-P", "wrong");
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "mqtt://127.0.0.1:0", "--url", url,
                "--lang", "zh-CN");
             Socket s = new Socket("127.0.0.1", tap.port())) {
            s.getOutputStream().write(MqttBytes.connect(4, "bad-pw-text", Mosquitto.USERNAME, "wrong"));
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("verdict: mqtt: "));
            await().atMost(Duration.ofSeconds(5)).until(() -> tap.out().toString()
                    .contains(check.get("fix").asText()));
            assertThat(tap.out().toString()).contains("c1 verdict: mqtt: " + check.get("cause").asText());
        }
    }

    @Test
    void an_untrusted_broker_certificate_gets_the_checks_words(Mosquitto m) throws Exception {
        String url = "mqtts://localhost:" + m.tlsPort;
        for (String lang : new String[] {"en", "zh-CN"}) {
            JsonNode check = checkVerdict(lang, url);
            assertThat(check.get("stage").asText()).isEqualTo("tls");
            assertSameWords(check, tapClose(lang, url, MqttBytes.connect(4, "untrusted")));
        }
        // the chain's facts, as the check words them: who signed it, and that this CA is not trusted here
        assertThat(checkVerdict("en", url).get("cause").asText()).contains("signed by", "MQScope Test CA",
                "a CA that is not trusted here");
    }

    @Test
    void a_tcp_upstream_at_a_tls_port_is_told_to_use_mqtts(Mosquitto m) throws Exception {
        String url = "mqtt://127.0.0.1:" + m.tlsPort;
        for (String lang : new String[] {"en", "zh-CN"}) {
            JsonNode check = checkVerdict(lang, url);
            assertThat(check.get("fix").asText()).contains("mqtts://");
            assertSameWords(check, tapClose(lang, url, MqttBytes.connect(4, "tcp-at-tls")));
        }
    }

    @Test
    void a_websocket_upstream_at_a_plain_mqtt_port_is_told_to_use_mqtt(Mosquitto m) throws Exception {
        String url = "ws://127.0.0.1:" + m.tcpPort + "/mqtt";
        JsonNode check = checkVerdict("en", url);
        assertThat(check.get("stage").asText()).isEqualTo("websocket");
        assertThat(check.get("fix").asText()).contains("mqtt://");
        assertSameWords(check, tapClose("en", url, MqttBytes.connect(4, "ws-at-tcp")));
    }
}
