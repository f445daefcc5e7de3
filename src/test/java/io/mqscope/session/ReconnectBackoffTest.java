package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 11 over real sockets: against a peer that accepts, answers CONNACK and drops, the backoff grows; after
 * a broker restart the session is back within about a second of the broker listening again.
 */
class ReconnectBackoffTest {
    private static final Pattern RECONNECTING = Pattern.compile("reconnecting in ([0-9.]+) s \\(attempt (\\d+)\\)");

    @Test
    void a_broker_that_accepts_and_drops_gets_a_growing_backoff() throws Exception {
        try (AcceptThenDrop peer = new AcceptThenDrop()) {
            Profile p = SessionFixtures.profile(Transport.TCP, peer.port(), MqttVersion.V3_1_1).toBuilder()
                    .reconnect(new Profile.Reconnect(true, 100, 10_000)).build();
            Recorder rec = new Recorder();
            try (Session s = Sessions.open(p, rec)) {
                join(s.connect());
                await().atMost(Duration.ofSeconds(20)).until(() -> reconnects(rec).size() >= 5);
                List<double[]> r = reconnects(rec).subList(0, 5);
                // numbered on, not 1 after every CONNACK
                assertThat(r).extracting(a -> (int) a[1]).containsExactly(1, 2, 3, 4, 5);
                // 0.1 s doubled four times is 1.6 s; the jitter (+-20 %) cannot hide a factor of 16
                assertThat(r.get(4)[0]).isGreaterThanOrEqualTo(r.get(0)[0] * 8);
            }
        }
    }

    @Test
    void after_a_broker_restart_the_session_is_back_within_about_a_second() throws Exception {
        Path dir = Files.createTempDirectory("mqscope-backoff-");
        int port = BrokerRestartTest.freePort();
        PersistentMosquitto broker = PersistentMosquitto.start(dir, port);
        try {
            Profile p = SessionFixtures.profile(Transport.TCP, port, MqttVersion.V3_1_1).toBuilder()
                    .reconnect(Profile.Reconnect.DEFAULT).build();
            Recorder rec = new Recorder();
            try (Session s = Sessions.open(p, rec)) {
                join(s.connect());
                broker.close();
                // four refused attempts: with a doubling backoff from 1 s the next would wait 16 s
                await().atMost(Duration.ofSeconds(30)).until(() -> rec.states.stream().filter(c -> c.stage()
                        == Stage.TCP && c.reason().startsWith("connection refused")).count() >= 4);
                broker = PersistentMosquitto.start(dir, port);
                long back = System.nanoTime();
                rec.awaitState(c -> c.state() == ConnectionState.CONNECTED && c.reason().startsWith("reconnected"));
                long tookMillis = (System.nanoTime() - back) / 1_000_000;
                assertThat(tookMillis).as("reconnected after the broker listened again").isLessThan(3000);
            }
        } finally {
            broker.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Each RECONNECTING state's delay in seconds and attempt number, in order. */
    private static List<double[]> reconnects(Recorder rec) {
        return rec.states.stream().filter(c -> c.state() == ConnectionState.RECONNECTING).map(c -> {
            Matcher m = RECONNECTING.matcher(c.reason());
            return m.find() ? new double[] {Double.parseDouble(m.group(1)), Integer.parseInt(m.group(2))} : null;
        }).filter(a -> a != null).toList();
    }

    /** A test peer: reads each CONNECT, answers CONNACK (accepted, 3.1.1 §3.2) and closes the connection. */
    private static final class AcceptThenDrop implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        AcceptThenDrop() throws IOException {
            Thread t = new Thread(this::serve, "accept-then-drop");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    if (in.read() < 0) {
                        continue;
                    }
                    int length = 0;
                    for (int shift = 0, b = 0x80; (b & 0x80) != 0; shift += 7) {
                        b = in.read();
                        length |= (b & 0x7F) << shift;
                    }
                    in.readNBytes(length);
                    s.getOutputStream().write(new byte[] {0x20, 0x02, 0x00, 0x00});
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
