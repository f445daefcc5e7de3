package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.join;
import static io.mqscope.session.SessionFixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.PacketEvent;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.TestTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 item 1: while a session is connected to mosquitto's mutual-TLS listener (the client certificate is the
 * user's identity), another local client that connects to the session's relay port gets nothing through: no
 * CONNACK, the connection closed, the attempt reported, and none of its packets among the session's.
 */
@ExtendWith(Mosquitto.class)
class RelayIntruderTest {
    static Mosquitto mosquitto;

    @BeforeAll
    static void broker(Mosquitto shared) {
        mosquitto = shared;
    }

    @Test
    void other_processes_on_the_relay_port_are_refused_and_reported() throws Exception {
        Profile p = SessionFixtures.profile(Transport.TLS, mosquitto.mtlsPort, MqttVersion.V3_1_1).toBuilder()
                .host("localhost").clientId("owner")
                .tls(new Profile.TlsSettings(TestTls.path("ca.pem").toString(), TestTls.path("client.pem").toString(),
                        TestTls.path("client.key").toString(), null, null, null, true, false))
                .build();
        Recorder rec = new Recorder();
        try (Session s = Sessions.open(p, rec)) {
            join(s.connect());
            join(s.subscribe(sub("relaysec/#", 0)));
            int relayPort = ((HiveSession) s).relay().port();
            assertThat(relayPort).isPositive();

            // the issue's reproduction, from another process: mosquitto_sub on '#' and mosquitto_pub into the
            // owner's subscription, both pointed at the relay's port
            String subOut = intruder("/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(relayPort),
                    "-t", "#", "-i", "intruder-sub", "-d", "-W", "5");
            String pubOut = intruder("/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(relayPort),
                    "-t", "relaysec/intruder", "-m", "x", "-q", "1", "-i", "intruder-pub", "-d");
            assertThat(subOut).contains("sending CONNECT").doesNotContain("received CONNACK");
            assertThat(pubOut).contains("sending CONNECT").doesNotContain("received CONNACK");
            await().atMost(Duration.ofSeconds(5)).until(() -> rec.relayRefusals.size() >= 2);
            assertThat(rec.relayRefusals).allMatch(r -> r.matches(
                    "another local process \\(port \\d+\\) tried to use this session's relay; refused"));

            // shown where the app shows a connected session's warnings
            assertThat(rec.states).anyMatch(c -> c.state() == ConnectionState.CONNECTED && c.reason() != null
                    && c.reason().startsWith("another local process (port "));

            // the session goes on, and only its own packets are in its log
            join(s.publish(new PublishRequest("relaysec/own", "mine".getBytes(StandardCharsets.UTF_8), 0, false,
                    MessageProperties.NONE)));
            assertThat(rec.awaitReceived(1)).extracting(MessageEvent::topic).containsExactly("relaysec/own");
            assertThat(s.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(rec.packets()).extracting(PacketEvent::connectionId).containsOnly(
                    rec.packets().get(0).connectionId());
            assertThat(rec.packets()).noneMatch(e -> new String(e.packet().raw(), StandardCharsets.ISO_8859_1)
                    .contains("intruder"));
        }
    }

    /** Runs an MQTT client of another process; its output (with -d: each packet sent and received). */
    private static String intruder(String... command) throws IOException, InterruptedException {
        assertThat(Path.of(command[0])).as("mosquitto-clients installed").isExecutable();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ended = p.waitFor(20, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the intruder ended: " + out).isTrue();
        assertThat(p.exitValue()).as("the intruder's exit code: " + out).isNotZero();
        return out;
    }
}
