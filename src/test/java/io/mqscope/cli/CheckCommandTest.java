package io.mqscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.broker.LocalBroker;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.TestTls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code mqscope check} end to end: the JSON shape, exit codes, the text report, --insecure's warning. */
@ExtendWith({Mosquitto.class, EmbeddedHiveMq.class})
class CheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonHasExactlyTheDocumentedShapeAndExitsZero(Mosquitto m) throws Exception {
        Run r = run("check", "mqtt://127.0.0.1:" + m.tcpPort, "--json", "--lang", "en");
        assertEquals(0, r.exit(), r.err());
        JsonNode n = JSON.readTree(r.out());
        assertEquals(List.of("url", "ok", "stages", "verdict", "miniprogram"), names(n));
        assertTrue(n.get("ok").asBoolean());
        assertTrue(n.get("verdict").isNull());
        assertTrue(n.get("miniprogram").isArray());
        for (JsonNode s : n.get("stages")) {
            assertEquals(List.of("stage", "status", "ms", "detail", "facts"), names(s));
        }
        assertEquals("ok", n.get("stages").get(0).get("status").asText());
    }

    @Test
    void failureExitsOneWithTheVerdictInJson(Mosquitto m) throws Exception {
        Run r = run("check", "mqtt://127.0.0.1:" + m.wsPort, "--json", "--lang", "en");
        assertEquals(1, r.exit(), r.err());
        JsonNode v = JSON.readTree(r.out()).get("verdict");
        assertEquals("mqtt", v.get("stage").asText());
        assertTrue(v.get("fix").asText().contains("use ws://"), v::toString);
    }

    @Test
    void textReportHasOneLinePerStageAndTheVerdictInChinese(Mosquitto m) {
        Run r = run("check", "mqtts://localhost:" + m.tlsPort, "--lang", "zh-CN");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("  tls       fail"), r.out());
        assertTrue(r.out().contains("  dns       ok"), r.out());
        assertTrue(r.out().contains("不受信任"), r.out());
        assertTrue(r.out().contains("失败阶段：tls"), r.out());
        assertEquals(7 + 4, r.out().lines().count(), r.out());
    }

    @Test
    void insecurePrintsAVisibleWarning(Mosquitto m) {
        Run r = run("check", "mqtts://localhost:" + m.tlsPort, "--insecure", "--lang", "en");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.err().contains("WARNING: --insecure skipped certificate chain and host name verification"),
                r.err());
        assertTrue(r.err().contains("will reject"), r.err());
    }

    @Test
    void passwordIsMaskedInTheReport(Mosquitto m) {
        Run r = run("check", "mqtt://" + Mosquitto.USERNAME + ":" + Mosquitto.PASSWORD + "@127.0.0.1:" + m.authPort,
                "--json");
        assertEquals(0, r.exit(), r.out());
        assertTrue(!r.out().contains(Mosquitto.PASSWORD) && r.out().contains(":***@"), r.out());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, run("check").exit());
        assertEquals(2, run("check", "mqtt://127.0.0.1:1883", "--timeout", "0").exit());
        assertEquals(2, run("check", "mqtt://127.0.0.1:1883", "--cafile", "/no/such/file").exit());
    }

    @Test
    void mqtt5ConnackPropertiesAreReported(LocalBroker broker) throws Exception {
        Run r = run("check", "mqtt://127.0.0.1:" + broker.tcpPort(), "-V", "5", "--json");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode mqtt = JSON.readTree(r.out()).get("stages").get(4);
        assertEquals("mqtt", mqtt.get("stage").asText());
        JsonNode props = mqtt.get("facts").get("properties");
        assertTrue(props.has("maximum_qos") || props.has("receive_maximum"), props::toString);
        assertTrue(props.has("topic_alias_maximum"), props::toString);
        assertEquals(0, mqtt.get("facts").get("connack_code").asInt());
    }

    @Test
    void wssWithCaFilePasses(Mosquitto m) {
        Run r = run("check", "wss://localhost:" + m.wssPort + "/mqtt", "--cafile", TestTls.file("ca.pem"));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("subprotocol_echoed=mqtt"), r.out());
    }

    @Test
    void jsonCarriesTheRoundTripsAsStagesWithTheirLatencies(Mosquitto m) throws Exception {
        Run r = run("check", "ws://127.0.0.1:" + m.wsPort + "/mqtt", "--json");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode stages = JSON.readTree(r.out()).get("stages");
        List<String> order = new ArrayList<>();
        stages.forEach(s -> order.add(s.get("stage").asText()));
        assertEquals(List.of("dns", "tcp", "tls", "websocket", "mqtt", "subscribe", "publish"), order);
        JsonNode publish = stages.get(6).get("facts");
        assertTrue(publish.get("qos2_ms").isNumber() && publish.get("retained_ms").isNumber(), publish::toString);
        assertTrue(publish.get("retained_cleared").asBoolean(), publish::toString);
    }

    @Test
    void aBadProxyUrlIsBadUsage() {
        Run r = run("check", "mqtt://127.0.0.1:1883", "--proxy", "ftp://proxy:21");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--proxy must be http://host:port or socks5://host:port"), r.err());
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
