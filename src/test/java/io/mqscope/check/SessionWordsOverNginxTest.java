package io.mqscope.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.Failure;
import io.mqscope.session.Session;
import io.mqscope.session.SessionException;
import io.mqscope.session.SessionListener;
import io.mqscope.session.Sessions;
import io.mqscope.session.StateChange;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.TestTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx in front of mosquitto's WebSocket listener, misconfigured: a session (what pub, sub and the desktop app
 * show) words the failure exactly as {@code mqscope check} does for the same URL: stage, cause and fix.
 */
@ExtendWith(Mosquitto.class)
class SessionWordsOverNginxTest {
    @TempDir
    Path dir;

    private static Failure sessionFailure(Profile p) throws Exception {
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
            return failed.get(20, TimeUnit.SECONDS).failure();
        }
    }

    private static void assertSameWords(String url, Profile.TlsSettings tls, String causeKey) throws Exception {
        Profile p = ProfileUrl.parse(url, Profile.builder().name("t").clientId("session-words")
                .reconnect(new Profile.Reconnect(false, 1000, 1000)).build()).value();
        if (tls != null) {
            p = p.toBuilder().tls(tls).build();
        }
        Failure f = sessionFailure(p);
        assertThat(f).isNotNull();
        assertThat(f.causeKey()).isEqualTo(causeKey);
        Verdict v = BrokerCheck.run(p, url, CheckOptions.of(Duration.ofSeconds(5), Locale.ENGLISH)
                .withoutRoundTrips()).verdict();
        assertThat(f.stage().label()).isEqualTo(v.stage());
        assertThat(f.cause(Locale.ENGLISH)).isEqualTo(v.cause());
        assertThat(f.fix(Locale.ENGLISH)).isEqualTo(v.fix());
    }

    @Test
    void aProxyWithoutTheUpgradeHeaders(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, "    location = /mqtt { proxy_pass http://127.0.0.1:" + m.wsPort
                + "/mqtt; }\n")) {
            assertSameWords("ws://127.0.0.1:" + n.port + "/mqtt", null, "ws.proxy_upgrade.cause");
        }
    }

    @Test
    void aProfileWithoutAPathIsCheckedAtTheSessionsPath(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, "    location = /mqtt { proxy_pass http://127.0.0.1:" + m.wsPort
                + "/mqtt; proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; "
                + "proxy_set_header Connection \"upgrade\"; }\n")) {
            String url = "ws://127.0.0.1:" + n.port;
            Profile p = ProfileUrl.parse(url, Profile.builder().name("t").clientId("session-words")
                    .reconnect(new Profile.Reconnect(false, 1000, 1000)).build()).value().toBuilder().wsPath("")
                    .build();
            Failure f = sessionFailure(p);
            assertThat(f.causeKey()).isEqualTo("ws.not_found.cause");
            Verdict v = BrokerCheck.run(p, url, CheckOptions.of(Duration.ofSeconds(5), Locale.ENGLISH)
                    .withoutRoundTrips()).verdict();
            // both ask for "/" (a blank path is no path): the check must not pass on "/mqtt" where the session fails
            assertThat(v).as("the check fails where the session fails").isNotNull();
            assertThat(v.cause()).isEqualTo(f.cause(Locale.ENGLISH)).doesNotContain("/mqtt");
            assertThat(v.fix()).isEqualTo(f.fix(Locale.ENGLISH));
        }
    }

    @Test
    void aWrongPath(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, "    location = /mqtt { proxy_pass http://127.0.0.1:" + m.wsPort
                + "/mqtt; proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; "
                + "proxy_set_header Connection \"upgrade\"; }\n")) {
            assertSameWords("ws://127.0.0.1:" + n.port + "/ws", null, "ws.not_found.cause");
        }
    }

    @Test
    void wsToAnHttpsPort(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, " ssl", "    ssl_certificate " + TestTls.file("server.pem")
                + ";\n    ssl_certificate_key " + TestTls.file("server.key") + ";\n"
                + "    location = /mqtt { proxy_pass http://127.0.0.1:" + m.wsPort + "/mqtt; }\n")) {
            assertSameWords("ws://127.0.0.1:" + n.port + "/mqtt", null, "ws.port_speaks_tls.cause");
        }
    }

    private static String upgradingWith(String extra, int wsPort) {
        return "    location = /mqtt { proxy_pass http://127.0.0.1:" + wsPort + "/mqtt; "
                + "proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; "
                + "proxy_set_header Connection \"upgrade\"; " + extra + " }\n";
    }

    @Test
    void theSubprotocolDroppedOnTheRequest(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, upgradingWith("proxy_set_header Sec-WebSocket-Protocol \"\";", m.wsPort))) {
            assertSameWords("ws://127.0.0.1:" + n.port + "/mqtt", null, "ws.subprotocol_dropped_request.cause");
        }
    }

    @Test
    void theSubprotocolDroppedOnTheResponse(Mosquitto m) throws Exception {
        try (Nginx n = Nginx.start(dir, upgradingWith("proxy_hide_header Sec-WebSocket-Protocol;", m.wsPort))) {
            assertSameWords("ws://127.0.0.1:" + n.port + "/mqtt", null, "ws.subprotocol_dropped_response.cause");
        }
    }
}
