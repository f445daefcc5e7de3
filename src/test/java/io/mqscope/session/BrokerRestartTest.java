package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.join;
import static io.mqscope.session.SessionFixtures.sub;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mosquitto (with persistence) is stopped and restarted under live sessions: they reconnect with backoff, a clean
 * session resubscribes by itself, a persistent session receives the QoS 1 messages published while it was away, and a
 * signed session signs again at every attempt.
 */
class BrokerRestartTest {
    final List<AutoCloseable> closeables = new ArrayList<>();
    Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    PersistentMosquitto start(int port) throws Exception {
        PersistentMosquitto b = PersistentMosquitto.start(dir, port);
        closeables.add(b);
        return b;
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        }
    }

    Session open(Profile p, Recorder r) {
        Session s = Sessions.open(p, r);
        closeables.add(s);
        return s;
    }

    @Test
    void sessions_reconnect_resubscribe_and_receive_what_was_published_during_the_outage() throws Exception {
        dir = Files.createTempDirectory("mqscope-restart-");
        int port = freePort();
        PersistentMosquitto first = start(port);

        Profile persistentProfile = SessionFixtures.profile(Transport.TCP, port, MqttVersion.V5).toBuilder()
                .clientId("restart-persistent").randomClientIdSuffix(false).cleanStart(false)
                .sessionExpirySeconds(600L).reconnect(new Profile.Reconnect(true, 2500, 4000)).build();
        Recorder persistent = new Recorder();
        Session persistentSession = open(persistentProfile, persistent);
        join(persistentSession.connect());
        join(persistentSession.subscribe(sub("restart/queued/#", 1)));

        Profile cleanProfile = SessionFixtures.profile(Transport.TCP, port, MqttVersion.V3_1_1).toBuilder()
                .reconnect(new Profile.Reconnect(true, 200, 1000)).build();
        Recorder clean = new Recorder();
        Session cleanSession = open(cleanProfile, clean);
        join(cleanSession.connect());
        join(cleanSession.subscribe(sub("restart/live/#", 1)));

        // a signed profile (Aliyun's clientId and password carry the timestamp) signs again at every attempt
        Profile signedProfile = SessionFixtures.profile(Transport.TCP, port, MqttVersion.V5).toBuilder()
                .signing(new Profile.Signing("aliyun-iot", java.util.Map.of("productKey", "pk1", "deviceName", "dev1",
                        "deviceSecret", "secret", "instanceEndpoint", "127.0.0.1", "port", String.valueOf(port),
                        "secureMode", "3", "timestamp", "now")))
                .reconnect(new Profile.Reconnect(true, 200, 1000)).build();
        Recorder signed = new Recorder();
        Session signedSession = open(signedProfile, signed);
        join(signedSession.connect());
        join(signedSession.subscribe(sub("restart/signed/#", 1)));

        first.close();
        StateChange lost = persistent.awaitState(c -> c.state() == ConnectionState.RECONNECTING);
        assertThat(lost.reason()).contains("reconnecting in");
        StateChange refused = clean.awaitState(c -> c.state() == ConnectionState.RECONNECTING
                && c.stage() == Stage.TCP);
        assertThat(refused.reason()).containsIgnoringCase("refused");
        // a failed attempt of the signed session's new client schedules the next one
        StateChange signedRefused = signed.awaitState(c -> c.state() == ConnectionState.RECONNECTING
                && c.stage() == Stage.TCP);
        assertThat(signedRefused.reason()).containsIgnoringCase("refused").contains("(attempt ");

        start(port);
        // another client publishes QoS 1 messages for the persistent session while it is (most likely) still away
        Session publisher = open(SessionFixtures.profile(Transport.TCP, port, MqttVersion.V5), new Recorder());
        join(publisher.connect());
        for (int i = 0; i < 5; i++) {
            join(publisher.publish(new PublishRequest("restart/queued/" + i, new byte[] {(byte) i, (byte) 0xff},
                    1, false, null)));
        }
        List<MessageEvent> queued = persistent.awaitReceived(5);
        assertThat(queued).extracting(MessageEvent::topic).containsExactlyInAnyOrder("restart/queued/0",
                "restart/queued/1", "restart/queued/2", "restart/queued/3", "restart/queued/4");
        assertThat(queued.get(0).payload()[1]).isEqualTo((byte) 0xff);
        persistent.awaitState(c -> c.state() == ConnectionState.CONNECTED && c.reason().startsWith("reconnected"));

        // the clean session has a new broker session: it must have resubscribed by itself
        clean.awaitState(c -> c.state() == ConnectionState.CONNECTED && c.reason().startsWith("reconnected"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            join(publisher.publish(new PublishRequest("restart/live/x", new byte[] {7}, 1, false, null)));
            return !clean.received().isEmpty();
        });
        assertThat(clean.received().get(0).topic()).isEqualTo("restart/live/x");
        assertThat(((HiveSession) cleanSession).rememberedSubscriptions()).hasSize(1);

        // the signed session came back with a new signature and its subscription
        signed.awaitState(c -> c.state() == ConnectionState.CONNECTED && c.reason().startsWith("reconnected"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            join(publisher.publish(new PublishRequest("restart/signed/x", new byte[] {9}, 1, false, null)));
            return !signed.received().isEmpty();
        });
        List<String> connects = SignedReconnectTest.connects(signed).stream().map(SignedReconnectTest::latin1)
                .toList();
        assertThat(connects).hasSizeGreaterThanOrEqualTo(2);
        java.util.regex.Pattern ts = java.util.regex.Pattern.compile("timestamp=(\\d+)");
        java.util.regex.Matcher m1 = ts.matcher(connects.get(0));
        java.util.regex.Matcher m2 = ts.matcher(connects.get(connects.size() - 1));
        assertThat(m1.find()).isTrue();
        assertThat(m2.find()).isTrue();
        assertThat(Long.parseLong(m2.group(1))).isGreaterThan(Long.parseLong(m1.group(1)));
        // delivered once, not once per registered callback
        join(publisher.publish(new PublishRequest("restart/live/once", new byte[] {8}, 1, false, null)));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> clean.received()
                .stream().anyMatch(m -> m.topic().equals("restart/live/once")));
        // and stays delivered once: a second callback would add a copy within moments
        org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(500))
                .atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> assertThat(clean.received())
                        .filteredOn(m -> m.topic().equals("restart/live/once")).hasSize(1));
    }
}
