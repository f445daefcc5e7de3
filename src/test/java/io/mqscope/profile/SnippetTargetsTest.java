package io.mqscope.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqscope.broker.LocalBroker;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.JsClients;
import io.mqscope.testing.TestTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every "copy as code" target, run: the generated program connects to the embedded broker, subscribes, publishes
 * and prints the message it gets back. Node and browser MQTT.js, the two mini-program ones (under a {@code wx} shim
 * built on the ws package), the Java one (compiled and run by the JDK's source launcher with the HiveMQ client on the
 * class path); the Python one is compiled by python3, and run where paho-mqtt is installed (.ci/run installs
 * python3-paho-mqtt).
 */
@ExtendWith(EmbeddedHiveMq.class)
class SnippetTargetsTest {
    static LocalBroker broker;

    @BeforeAll
    static void broker(LocalBroker shared) {
        broker = shared;
    }

    private static Profile ws() {
        return Profile.builder().name("ws").transport(Transport.WS).host("127.0.0.1").port(broker.wsPort())
                .wsPath("/mqtt").clientId("snippet-ws").keepAliveSeconds(30).build();
    }

    /** MQTT 5 over TLS with the test CA, a will and CONNECT properties. */
    private static Profile tlsV5() {
        return Profile.builder().name("tls5").transport(Transport.TLS).host("localhost").port(broker.tlsPort())
                .mqttVersion(MqttVersion.V5).clientId("snippet-tls5").sessionExpirySeconds(600L)
                .receiveMaximum(20).userProperties(List.of(new Profile.UserProperty("app", "mqscope")))
                .will(new Profile.Will("snippet/will", "gone", "text", 1, false, 5L, 60L, "text/plain", null,
                        null, true, List.of()))
                .tls(new Profile.TlsSettings(TestTls.path("ca.pem").toString(), null, null, null, null, List.of(),
                        true, false)).build();
    }

    private static Profile aliyunOverWs() {
        return ws().toBuilder().signing(new Profile.Signing("aliyun-iot", Map.of("productKey", "pk1",
                "deviceName", "dev1", "deviceSecret", "s3cret", "signMethod", "hmacsha256"))).build();
    }

    private static String run(Path dir, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    private static String runNode(Path dir, String code, String topic) throws Exception {
        JsClients.assumeInstalled("mqtt");
        Path js = Files.writeString(dir.resolve("snippet.js"), code);
        return run(dir, List.of("node", js.toString()), Map.of("NODE_PATH",
                JsClients.DIR.resolve("node_modules").toAbsolutePath().toString(), "MQTT_PASSWORD", "pw"));
    }

    private static String runShimmed(Path dir, String kind, String code) throws Exception {
        JsClients.assumeInstalled("mqtt", "ws", "paho-mqtt", "crypto-js");
        Path file = Files.writeString(dir.resolve(kind.equals("browser") ? "snippet.html" : "snippet.js"), code);
        return run(JsClients.DIR.toAbsolutePath(), List.of("node", "snippet-runner.js", kind, file.toString()),
                Map.of());
    }

    @Test
    void node_over_tls_with_mqtt5_properties_and_a_will(@TempDir Path dir) throws Exception {
        String code = Snippet.generate(tlsV5(), Snippet.Target.NODE, "snippet/node5", false);
        assertThat(code).contains("mqtt.connect('mqtts://localhost:" + broker.tlsPort() + "'",
                "protocolVersion: 5", "sessionExpiryInterval: 600", "receiveMaximum: 20",
                "userProperties: { 'app': 'mqscope' }", "willDelayInterval: 5", "contentType: 'text/plain'",
                "ca: fs.readFileSync(", "rejectUnauthorized: true");
        assertThat(runNode(dir, code, "snippet/node5")).contains("connected", "published",
                "received snippet/node5 hello from MQScope");
    }

    @Test
    void node_over_websocket_with_the_password_from_the_environment(@TempDir Path dir) throws Exception {
        Profile p = ws().toBuilder().username("u").password("secret-pw").build();
        String code = Snippet.generate(p, Snippet.Target.NODE, "snippet/nodews", false);
        assertThat(code).contains("password: process.env.MQTT_PASSWORD").doesNotContain("secret-pw");
        assertThat(runNode(dir, code, "snippet/nodews")).contains("received snippet/nodews hello from MQScope");
    }

    @Test
    void the_browser_page_connects_over_websocket(@TempDir Path dir) throws Exception {
        String page = Snippet.generate(ws(), Snippet.Target.BROWSER, "snippet/browser", false);
        assertThat(page).contains("<script src=\"https://unpkg.com/mqtt@" + MqttJsSnippets.MQTTJS_VERSION,
                "mqtt.connect('ws://127.0.0.1:" + broker.wsPort() + "/mqtt'");
        assertThat(runShimmed(dir, "browser", page)).contains("connected", "received snippet/browser hello");
        String tcp = Snippet.generate(Profile.builder().name("t").host("h").port(1883).build(),
                Snippet.Target.BROWSER, null, false);
        assertThat(tcp).contains("Browsers speak MQTT over WebSocket only", "'ws://h:8083/mqtt'");
    }

    @Test
    void the_wechat_mqttjs_program_runs_under_the_wx_shim(@TempDir Path dir) throws Exception {
        String code = Snippet.generate(ws(), Snippet.Target.WECHAT_MQTTJS, "snippet/wx", false);
        assertThat(code).contains("mqtt.connect('wx://127.0.0.1:" + broker.wsPort() + "/mqtt'",
                "forceNativeWebSocket: true", "import mqtt from './mqtt.esm.js'", "PR #1506", "keepalive: 30");
        assertThat(runShimmed(dir, "wechat-mqttjs", code)).contains("connected", "received snippet/wx hello");
    }

    @Test
    void the_wechat_mqttjs_program_signs_aliyun_credentials_when_it_connects(@TempDir Path dir) throws Exception {
        String code = Snippet.generate(aliyunOverWs(), Snippet.Target.WECHAT_MQTTJS, "snippet/wxali", true);
        assertThat(code).contains("...aliyunCredentials()", "CryptoJS.HmacSHA256(content, deviceSecret)",
                "import CryptoJS from './crypto-js.js'");
        assertThat(runShimmed(dir, "wechat-mqttjs", code)).contains("received snippet/wxali hello");
    }

    @Test
    void the_wechat_paho_program_publishes_an_array_buffer_under_the_wx_shim(@TempDir Path dir) throws Exception {
        String code = Snippet.generate(aliyunOverWs(), Snippet.Target.WECHAT_PAHO, "snippet/paho", false);
        assertThat(code).contains("wx.connectSocket(", "hexToArrayBuffer('68656c6c6f2066726f6d204d5153636f7065')",
                "new Paho.Client('ws://127.0.0.1:" + broker.wsPort() + "/mqtt'", "'<device secret>'")
                .doesNotContain("s3cret");
        assertThat(runShimmed(dir, "wechat-paho", code)).contains("connected",
                "received snippet/paho hello from MQScope");
    }

    @Test
    void the_java_program_compiles_and_runs_over_tls_with_a_client_certificate(@TempDir Path dir) throws Exception {
        Profile p = tlsV5().toBuilder().tls(new Profile.TlsSettings(TestTls.path("ca.pem").toString(),
                TestTls.path("client.pem").toString(), TestTls.path("client.key").toString(), TestTls.PASSWORD, null,
                List.of(), true, false)).username("u").password("pw").build();
        String code = Snippet.generate(p, Snippet.Target.JAVA, "snippet/java", false);
        assertThat(code).contains(".sessionExpiryInterval(600L)", ".restrictions().receiveMaximum(20)",
                ".userProperties().add(\"app\", \"mqscope\")", ".delayInterval(5L)", "trustFrom(",
                "keysFrom(\"" + TestTls.path("client.p12"), "System.getenv(\"MQTT_PASSWORD\")");
        assertThat(javaRun(dir, code)).contains("connected", "received snippet/java hello from MQScope");
        Profile v3 = Profile.builder().name("v3").port(broker.tcpPort()).clientId("snippet-v3").build();
        assertThat(javaRun(dir, Snippet.generate(v3, Snippet.Target.JAVA, "snippet/java3", false)))
                .contains("received snippet/java3 hello from MQScope");
    }

    private static String javaRun(Path dir, String code) throws Exception {
        Path file = Files.writeString(dir.resolve(Snippet.fileName(Snippet.Target.JAVA)), code);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return run(dir, List.of(java, "-cp", System.getProperty("java.class.path"), file.toString()),
                Map.of("MQTT_PASSWORD", "pw", "MQTT_KEY_PASSWORD", TestTls.PASSWORD));
    }

    @Test
    void the_python_program_compiles_and_runs_where_paho_is_installed(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "python3");
        for (Profile p : List.of(ws(), tlsV5())) {
            String code = Snippet.generate(p, Snippet.Target.PYTHON, "snippet/py", false);
            Path file = Files.writeString(dir.resolve("snippet.py"), code);
            run(dir, List.of(python.toString(), "-m", "py_compile", file.toString()), Map.of());
        }
        assertThat(Snippet.generate(tlsV5(), Snippet.Target.PYTHON, "t", false)).contains(
                "connect_properties.SessionExpiryInterval = 600", "connect_properties.UserProperty = [(\"app\", "
                        + "\"mqscope\")]", "will_properties.WillDelayInterval = 5", "client.tls_set(ca_certs=",
                "clean_start=True");
        if (!pahoInstalled(python)) {
            return;
        }
        for (Profile p : List.of(ws(), tlsV5())) {
            Path file = Files.writeString(dir.resolve("snippet.py"), Snippet.generate(p, Snippet.Target.PYTHON,
                    "snippet/py", false));
            assertThat(run(dir, List.of(python.toString(), file.toString()), Map.of()))
                    .contains("connected", "received snippet/py hello from MQScope");
        }
    }

    private static boolean pahoInstalled(Path python) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python.toString(), "-c", "import paho.mqtt.client").start();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void mosquitto_lines_carry_mqtt5_properties_and_the_will(@TempDir Path dir) throws Exception {
        Profile p = tlsV5().toBuilder().transport(Transport.TCP).host("127.0.0.1").port(broker.tcpPort()).build();
        String lines = Snippet.generate(p, Snippet.Target.MOSQUITTO, "snippet/mosq", false);
        assertThat(lines).contains("-V mqttv5", "-D connect session-expiry-interval '600'",
                "-D connect user-property 'app' 'mqscope'", "--will-topic 'snippet/will'",
                "-D will will-delay-interval '5'");
        Path pub = Path.of("/usr/bin/mosquitto_pub");
        assumeTrue(Files.isExecutable(pub), "mosquitto_pub");
        String line = lines.lines().filter(l -> l.startsWith("mosquitto_pub")).findFirst().orElseThrow();
        List<String> sh = new ArrayList<>(List.of("sh", "-c", line));
        run(dir, sh, Map.of());
    }
}
