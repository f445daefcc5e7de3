package io.mqscope.session;

import static io.mqscope.session.SessionFixtures.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Public methods return at once even when the session's set-up blocks: here the TLS CA file is a named pipe, whose
 * opening blocks until someone writes to it (as a file on a hung network share would).
 */
class NonBlockingTest {
    @TempDir
    Path dir;

    @Test
    void connect_and_disconnect_return_while_the_set_up_is_blocked() throws Exception {
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
            CompletableFuture<Void> disconnected = assertTimeoutPreemptively(Duration.ofSeconds(10), s::disconnect);
            join(disconnected);
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
}
