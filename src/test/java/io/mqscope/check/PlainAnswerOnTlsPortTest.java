package io.mqscope.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.Session;
import io.mqscope.session.SessionException;
import io.mqscope.session.SessionListener;
import io.mqscope.session.Sessions;
import io.mqscope.session.StateChange;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to nginx's plain HTTP port: the session's failure shows nginx's answer as text ("HTTP/1.1 400 Bad Request ...
 * nginx"), not as the hex dump Netty puts in its exception, and the verdict says the port speaks HTTP (use ws://).
 */
class PlainAnswerOnTlsPortTest {
    @TempDir
    Path dir;

    @Test
    void aPlainHttpAnswerIsShownAsText() throws Exception {
        try (Nginx n = Nginx.start(dir, "    location / { return 200 'hello'; }\n")) {
            Profile p = ProfileUrl.parse("mqtts://127.0.0.1:" + n.port, Profile.builder().name("t").clientId("c")
                    .reconnect(new Profile.Reconnect(false, 1000, 1000)).build()).value();
            CompletableFuture<StateChange> failed = new CompletableFuture<>();
            try (Session s = Sessions.open(p, new SessionListener() {
                @Override
                public void onState(StateChange c) {
                    if (c.state() == ConnectionState.FAILED) {
                        failed.complete(c);
                    }
                }
            })) {
                assertThatThrownBy(() -> s.connect().join()).hasCauseInstanceOf(SessionException.class);
                StateChange c = failed.get(20, TimeUnit.SECONDS);
                assertThat(c.reason()).contains("it answered \"HTTP/1.1 400 Bad Request ... nginx")
                        .doesNotContainPattern("[0-9a-f]{40}");
                // the port is probed as the check probes it: it speaks plain HTTP
                assertThat(c.failure().causeKey()).isEqualTo("tls.port_speaks_http.cause");
                assertThat(c.failure().fix(Locale.ENGLISH)).contains("This port speaks HTTP: use ws://");
            }
        }
    }
}
