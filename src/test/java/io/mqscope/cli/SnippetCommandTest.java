package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Snippet;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated snippets: the mqtt.js one is run with node against the embedded broker and must connect, subscribe,
 * publish and receive its own message; the WeChat one uses wxs:// without the port on 443 and signs Aliyun
 * credentials at every connect; secrets stay placeholders unless asked for.
 */
@org.junit.jupiter.api.extension.ExtendWith(io.mqscope.testing.EmbeddedHiveMq.class)
class SnippetCommandTest {
    static LocalBroker broker;

    @BeforeAll
    static void broker(LocalBroker shared) {
        broker = shared;
    }

    @Test
    void the_node_snippet_connects_publishes_and_receives(@TempDir Path dir) throws Exception {
        PubSubCommandTest.Run r = PubSubCommandTest.run("snippet", "--url", "mqtt://127.0.0.1:" + broker.tcpPort(),
                "--target", "node", "-t", "snippet/node", "-k", "30");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("mqtt.connect('mqtt://127.0.0.1:" + broker.tcpPort() + "'",
                "keepalive: 30,");
        Path js = dir.resolve("snippet.js");
        Files.writeString(js, r.stdout());
        Path modules = Path.of("src/test/js/node_modules").toAbsolutePath();
        assertThat(modules.resolve("mqtt")).as("npm ci in src/test/js").isDirectory();
        ProcessBuilder pb = new ProcessBuilder("node", js.toString()).redirectErrorStream(true);
        pb.environment().put("NODE_PATH", modules.toString());
        Process node = pb.start();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.exitValue()).as(out).isZero();
        assertThat(out).contains("connected", "published", "received snippet/node hello from MQScope");
    }

    @Test
    void wechat_uses_wxs_without_the_port_on_443_and_signs_aliyun_at_every_connect() {
        Profile aliyun = Profile.builder().name("dev").host("pk.iot-as-mqtt.cn-shanghai.aliyuncs.com").port(443)
                .transport(io.mqscope.profile.Transport.WSS).wsPath("/mqtt").keepAliveSeconds(60)
                .signing(new Profile.Signing("aliyun-iot", Map.of("productKey", "pk", "deviceName", "d1",
                        "deviceSecret", "s3cret", "signMethod", "hmacsha1"))).build();
        String js = Snippet.generate(aliyun, Snippet.Target.WECHAT_MQTTJS, "t/1", false);
        assertThat(js).contains("mqtt.connect('wxs://pk.iot-as-mqtt.cn-shanghai.aliyuncs.com/mqtt'",
                "const timestamp = String(Date.now())", "CryptoJS.HmacSHA1(content, deviceSecret)",
                "'|securemode=2,signmethod=hmacsha1,timestamp=' + timestamp + '|'", "'<device secret>'",
                "padded (1a 00 00 00)", "PR #1506").doesNotContain("s3cret");
        assertThat(Snippet.generate(aliyun, Snippet.Target.WECHAT_MQTTJS, "t/1", true)).contains("'s3cret'");
        Profile other = aliyun.toBuilder().port(8084).signing(null).username("u").password("pw").build();
        assertThat(Snippet.generate(other, Snippet.Target.WECHAT_MQTTJS, "t/1", false))
                .contains("'wxs://pk.iot-as-mqtt.cn-shanghai.aliyuncs.com:8084/mqtt'", "password: '<password>'");
    }

    @Test
    void mosquitto_lines_and_a_bad_target(@TempDir Path dir) throws Exception {
        PubSubCommandTest.Run r = PubSubCommandTest.run("snippet", "--url", "mqtt://u:pw@127.0.0.1:"
                + broker.tcpPort(), "--target", "mosquitto", "-t", "snippet/m");
        assertThat(r.stdout()).contains("mosquitto_pub -h '127.0.0.1' -p " + broker.tcpPort()
                + " -V mqttv311 -k 60").contains("-P \"$MQTT_PASSWORD\"").doesNotContain("pw'");
        File pub = new File("/usr/bin/mosquitto_pub");
        if (pub.canExecute()) {
            String line = r.stdout().lines().filter(l -> l.startsWith("mosquitto_pub")).findFirst().orElseThrow();
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true);
            pb.environment().put("MQTT_PASSWORD", "pw");
            Process p = pb.start();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        }
        PubSubCommandTest.Run bad = PubSubCommandTest.run("snippet", "--url", "mqtt://h", "--target", "cobol");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).contains(
                "--target must be one of node, browser, wechat-mqttjs, wechat-paho, python, java, "
                + "mosquitto, mqscope");
    }
}
