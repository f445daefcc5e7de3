package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.Mosquitto;
import io.mqscope.wire.Direction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * mqtt.js (npm, installed into src/test/js by {@code .ci/run}) through the wiretap over tcp and ws, to mosquitto
 * and to the embedded HiveMQ: the session works and the tap decoded it. Skipped where node or the package is
 * missing, unless {@code MQSCOPE_REQUIRE_MQTTJS} is set.
 */
@ExtendWith({Mosquitto.class, EmbeddedHiveMq.class})
class WiretapMqttJsTest {
    private static final Path JS = Path.of("src/test/js");
    private static final Path NODE = Path.of("/usr/bin/node");

    @ParameterizedTest(name = "mqtt.js over {0} to {1}")
    @CsvSource({"mqtt,mosquitto", "ws,mosquitto", "mqtt,hivemq", "ws,hivemq"})
    void mqtt_js_session_through_the_tap(String listen, String broker, Mosquitto m, LocalBroker hive)
            throws Exception {
        boolean installed = Files.isExecutable(NODE) && Files.isDirectory(JS.resolve("node_modules/mqtt"));
        if (System.getenv("MQSCOPE_REQUIRE_MQTTJS") == null) {
            assumeTrue(installed, "node and mqtt.js (npm ci in src/test/js) are not installed");
        }
        Profile upstream = Profile.builder().transport(Transport.TCP).host("127.0.0.1")
                .port(broker.equals("hivemq") ? hive.tcpPort() : m.tcpPort).build();
        String path = listen.equals("ws") ? "/mqtt" : "";
        TapRecorder events = new TapRecorder();
        try (Wiretap tap = Wiretap.start(new TapSettings(ListenUrl.parse(listen + "://127.0.0.1:0" + path),
                upstream, null, false, Locale.ENGLISH), events)) {
            Process node = new ProcessBuilder(NODE.toString(), "roundtrip.js", listen + "://127.0.0.1:" + tap.port()
                    + path).directory(JS.toFile()).redirectErrorStream(true).start();
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("mqtt.js finished").isTrue();
            String said = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(said).as(said).contains("ok");
            assertThat(node.exitValue()).isZero();
            TapEvent.Closed closed = events.anyClosed();
            assertThat(closed.verdict()).isNull();
            assertThat(events.all(TapEvent.Packet.class)).extracting(p -> p.packet().type() + " " + p.from())
                    .contains("CONNECT " + Direction.CLIENT_TO_BROKER, "SUBSCRIBE " + Direction.CLIENT_TO_BROKER,
                            "PUBLISH " + Direction.BROKER_TO_CLIENT, "DISCONNECT " + Direction.CLIENT_TO_BROKER);
            assertThat(events.all(TapEvent.Packet.class)).noneMatch(p -> p.packet().malformed());
            if (listen.equals("ws")) {
                assertThat(events.all(TapEvent.HttpExchange.class)).singleElement()
                        .satisfies(h -> assertThat(h.answered()).isEqualTo("mqtt"));
            }
        }
    }
}
