package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishes the broker has not acknowledged yet are bounded: with mosquitto frozen (SIGSTOP) a QoS 1 publish stays
 * pending, and the next one beyond the limit is refused at once instead of queueing without bound.
 */
class PublishBackpressureTest {
    @TempDir
    Path dir;

    @Test
    void publishes_beyond_the_pending_limit_are_refused_until_the_broker_catches_up() throws Exception {
        int port = BrokerRestartTest.freePort();
        try (PersistentMosquitto broker = PersistentMosquitto.start(Files.createDirectories(dir.resolve("m")), port)) {
            Recorder rec = new Recorder();
            HiveSession s = (HiveSession) Sessions.open(SessionFixtures.profile(Transport.TCP, port, MqttVersion.V5),
                    rec);
            try {
                join(s.connect());
                s.publishWindow().limit(1 << 20);
                broker.pause();
                CompletableFuture<Void> first = s.publish(new PublishRequest("bp/a", new byte[700_000], 1, false,
                        null));
                CompletableFuture<Void> second = s.publish(new PublishRequest("bp/b", new byte[700_000], 1, false,
                        null));
                assertThat(first).isNotDone();
                assertThat(second).isCompletedExceptionally();
                assertThatThrownBy(second::join).hasCauseInstanceOf(SessionException.class)
                        .hasMessageContaining("bytes of earlier publishes still wait for the broker (limit 1048576)");
                broker.resume();
                join(first);
                join(s.publish(new PublishRequest("bp/c", new byte[700_000], 1, false, null)));
            } finally {
                join(s.closeAsync());
            }
        }
    }
}
