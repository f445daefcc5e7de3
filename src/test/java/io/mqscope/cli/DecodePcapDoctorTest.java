package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.broker.LocalBroker;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.JsClients;
import io.mqscope.testing.Mosquitto;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code decode --pcap} runs the conversation doctor over the capture's conversations: two real mqtt.js clients
 * with one client id through {@code tap --pcap} to mosquitto, then the file decoded: the takeovers are in the JSON
 * "insights" array and in the text's insights section, naming conversations by their place in the report.
 */
@ExtendWith({Mosquitto.class, EmbeddedHiveMq.class})
class DecodePcapDoctorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_capture_of_two_clients_with_one_id_shows_the_takeovers(Mosquitto m, @TempDir Path dir) throws Exception {
        JsClients.assumeInstalled("mqtt");
        Path file = dir.resolve("same-id.pcapng");
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "mqtt://127.0.0.1:0", "--url",
                "mqtt://127.0.0.1:" + m.tcpPort, "--json", "--pcap", file.toString())) {
            JsClients.run("doctor-scenarios.js", "same-id", "mqtt://127.0.0.1:" + tap.port(), "3000");
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("client_id.takeover"));
        }
        String json = decode(file.toString(), "--json");
        JsonNode insights = JSON.readTree(json).get("insights");
        List<String> rules = new ArrayList<>();
        insights.forEach(i -> rules.add(i.get("rule").asText()));
        assertThat(rules).as(json).contains("client_id.takeover");
        JsonNode takeover = insights.get(rules.indexOf("client_id.takeover"));
        assertThat(takeover.get("conns").get(0).asText()).matches("c\\d+");
        assertThat(takeover.get("packets").get(0).get("index").asInt()).isZero();
        // the words name the conversations as the report does, not by the reader's internal numbers
        assertThat(takeover.get("message").asText()).containsPattern("closed c\\d+ right after c\\d+ connected");

        String text = decode(file.toString());
        assertThat(text).contains("\ninsights:\n").containsPattern("  c\\d+,c\\d+ insight warning client_id.takeover: ")
                .contains("    fix: Give every device");
    }

    /**
     * The last insights of a capture: a device whose will the broker publishes (no subscriber in the capture to
     * receive it) and a client whose keep alive lapsed, both ending the capture. Read at the end of the file, not
     * only after more capture time passes; the same file always gives the same insights.
     */
    @Test
    void the_insights_at_the_end_of_a_capture_are_all_there(LocalBroker hive, @TempDir Path dir) throws Exception {
        JsClients.assumeInstalled("mqtt");
        Path file = dir.resolve("end.pcapng");
        String topic = "doctor/will/end-" + ProcessHandle.current().pid();
        try (TapCommandTest.Running tap = TapCommandTest.start("tap", "--listen", "mqtt://127.0.0.1:0", "--url",
                "mqtt://127.0.0.1:" + hive.tcpPort(), "--json", "--pcap", file.toString())) {
            String url = "mqtt://127.0.0.1:" + tap.port();
            JsClients.run("doctor-scenarios.js", "blocked-loop", url, "6000");
            JsClients.run("doctor-scenarios.js", "will", url, topic);
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.out().toString().contains("\"by\":\"client\""));
        }
        String json = decode(file.toString(), "--json");
        List<String> rules = new ArrayList<>();
        JSON.readTree(json).get("insights").forEach(i -> rules.add(i.get("rule").asText() + " "
                + i.get("conns").toString()));
        assertThat(rules).as(json).containsExactlyInAnyOrder("keepalive.lapsed [\"c1\"]", "will.published [\"c2\"]");
        JsonNode again = JSON.readTree(decode(file.toString(), "--json")).get("insights");
        assertThat(again).isEqualTo(JSON.readTree(json).get("insights"));
        assertThat(decode(file.toString())).contains("c2 insight info will.published: ", topic);
    }

    private static String decode(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        List<String> all = new ArrayList<>(List.of("decode", "--pcap"));
        all.addAll(List.of(args));
        cl.execute(all.toArray(String[]::new));
        return out.toString();
    }
}
