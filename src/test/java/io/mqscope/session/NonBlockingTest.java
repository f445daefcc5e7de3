package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Public methods return at once even when the session's set-up blocks, and a disconnect during the set-up ends the
 * attempt without a FAILED after DISCONNECTED.
 */
class NonBlockingTest {
    @TempDir
    Path dir;

    /** A clock that holds the session's set-up thread (signing asks it for the time) until the test opens it. */
    static final class GateClock extends SessionFixtures.TestClock {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);
        volatile Thread held;

        @Override
        public Instant instant() {
            if (Thread.currentThread() == held && open.getCount() > 0) {
                entered.countDown();
                try {
                    open.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Instant.now();
        }
    }

    @Test
    void connect_and_disconnect_return_while_the_set_up_is_held() throws Exception {
        GateClock clock = new GateClock();
        ExecutorService setUp = Executors.newSingleThreadExecutor();
        clock.held = setUp.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
        Recorder rec = new Recorder();
        Session s = new HiveSession(SessionFixtures.profile(Transport.TCP, 1, MqttVersion.V5), rec, clock,
                new Random(1), setUp);
        try {
            CompletableFuture<Void> connecting = assertTimeoutPreemptively(Duration.ofSeconds(10), s::connect);
            assertThat(clock.entered.await(10, TimeUnit.SECONDS)).as("the set-up reached the clock").isTrue();
            assertThat(connecting).isNotDone();
            assertThat(s.state()).isEqualTo(ConnectionState.CONNECTING);
            join(assertTimeoutPreemptively(Duration.ofSeconds(10), s::disconnect));
            assertThat(s.state()).isEqualTo(ConnectionState.DISCONNECTED);

            clock.open.countDown();
            assertThatThrownBy(() -> join(connecting)).hasRootCauseInstanceOf(SessionException.class)
                    .rootCause().hasMessageContaining("disconnected before the connection was made");
            assertThat(s.state()).isEqualTo(ConnectionState.DISCONNECTED);
            assertThat(rec.states).extracting(StateChange::state)
                    .containsExactly(ConnectionState.CONNECTING, ConnectionState.DISCONNECTED);
        } finally {
            clock.open.countDown();
            join(s.closeAsync());
            setUp.shutdown();
        }
    }

    /** Where mkfifo exists: the TLS CA file is a named pipe, whose opening blocks as a hung network share would. */
    @Test
    void connect_and_disconnect_return_while_a_tls_file_blocks() throws Exception {
        assumeTrue(onPath("mkfifo"), "mkfifo is not installed");
        Path fifo = dir.resolve("ca.pem");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        Profile p = SessionFixtures.profile(Transport.TLS, 1, MqttVersion.V5).toBuilder()
                .tls(new Profile.TlsSettings(fifo.toString(), null, null, null, null, null, true, false)).build();
        Recorder rec = new Recorder();
        Session s = Sessions.open(p, rec);
        try {
            // a guard against a hang, not a speed measurement: before the fix connect() never returned here
            CompletableFuture<Void> connecting = assertTimeoutPreemptively(Duration.ofSeconds(10), s::connect);
            assertThat(connecting).isNotDone();
            assertThat(s.state()).isEqualTo(ConnectionState.CONNECTING);
            join(assertTimeoutPreemptively(Duration.ofSeconds(10), s::disconnect));
            assertThat(s.state()).isEqualTo(ConnectionState.DISCONNECTED);

            // unblock the set-up: it sees the disconnect and ends the attempt without a FAILED after DISCONNECTED
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write("not a certificate".getBytes(StandardCharsets.US_ASCII));
            }
            assertThatThrownBy(() -> join(connecting)).hasRootCauseInstanceOf(SessionException.class)
                    .rootCause().hasMessageContaining("disconnected before the connection was made");
            assertThat(s.state()).isEqualTo(ConnectionState.DISCONNECTED);
        } finally {
            join(s.closeAsync());
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
