package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.Stage;
import io.mqscope.tap.UpstreamFailure;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The relay's own details (as RelayFailureTest records them from real failures) and the broker's foreign answers
 * become the check's verdict keys; each case asserts the keys and that the words render in both languages.
 */
class FailureExplainerTest {
    private static final Profile TCP = Profile.builder().host("broker.example").port(1883).build();
    private static final Profile WS = Profile.builder().transport(Transport.WS).host("broker.example").port(8083)
            .wsPath("/wrong").build();

    private static Failure upstream(Stage stage, String detail, Profile p) {
        Failure f = FailureExplainer.explain(new IOException("closed"), new UpstreamFailure("c", Instant.EPOCH, stage,
                detail), null, p);
        assertThat(f.cause(Locale.SIMPLIFIED_CHINESE)).doesNotContain(".cause");
        assertThat(f.fix(Locale.ENGLISH)).doesNotEndWith(".fix");
        return f;
    }

    @Test
    void theRelaysStagesBecomeVerdicts() {
        assertThat(upstream(Stage.TCP, "connection refused by 127.0.0.1:38071 (nothing listening on that port, or a"
                + " firewall rejects it)", TCP).causeKey()).isEqualTo("tcp.refused.cause");
        assertThat(upstream(Stage.DNS, "unknown host 'no-such-broker.invalid': the name does not resolve", TCP)
                .cause(Locale.ENGLISH)).contains("broker.example does not resolve");
        assertThat(upstream(Stage.WEBSOCKET, "WebSocket upgrade refused: HTTP/1.1 404 Not Found (wrong WebSocket"
                + " path '/wrong'?); body: No MQTT here.", WS).cause(Locale.ENGLISH)).contains("path /wrong");
        assertThat(upstream(Stage.WEBSOCKET, "WebSocket upgrade refused: HTTP/1.1 502 Bad Gateway; body: <html>", WS)
                .fix(Locale.ENGLISH)).contains("proxy_set_header Upgrade $http_upgrade");
        assertThat(upstream(Stage.WEBSOCKET, "no progress within 1 s during the WEBSOCKET stage with h:1", WS)
                .cause(Locale.ENGLISH)).contains("No answer to the WebSocket upgrade for path /wrong within 1 s");
        assertThat(upstream(Stage.WEBSOCKET, "WebSocket upgrade refused: HTTP/1.1 502 Bad Gateway; server:"
                + " nginx/1.22.1; body: <html>", WS).cause(Locale.ENGLISH)).contains("(server: nginx/1.22.1)");
        assertThat(upstream(Stage.WEBSOCKET, "WebSocket upgrade refused: HTTP/1.1 400 Bad Request; server: nginx;"
                + " body: <html> | <head><title>400 The plain HTTP request was sent to HTTPS port</title></head>", WS)
                .fix(Locale.ENGLISH)).contains("use wss://");
        assertThat(upstream(Stage.TLS, "hostname mismatch: the certificate of 'CN=wrong.example' (names"
                + " wrong.example) does not match 'localhost'", TCP).fix(Locale.ENGLISH)).contains("broker.example");
        assertThat(upstream(Stage.TLS, "untrusted certificate chain: the server sent 1 certificate(s) without the"
                + " intermediate that signed 'CN=leaf' (issuer 'CN=Int'); the server must send the full chain", TCP)
                .fix(Locale.ENGLISH)).contains("must send the full chain");
        assertThat(upstream(Stage.TLS, "untrusted certificate chain: 'CN=x' is self-signed (nothing vouches for it)"
                + " and is not trusted by the system trust store", TCP).fix(Locale.ENGLISH)).contains("public CA");
        assertThat(upstream(Stage.TLS, "certificate expired: 'CN=localhost' was valid until 2001-01-01T00:00:00Z",
                TCP).fix(Locale.ENGLISH)).contains("Renew");
        assertThat(upstream(Stage.PROXY, "proxy 127.0.0.1:45815 did not open a tunnel to 127.0.0.1:54317: http,"
                + " none, status: 403 Forbidden", TCP.toBuilder().proxy(new Profile.ProxySettings("http", "127.0.0.1",
                45815, null, null)).build()).cause(Locale.ENGLISH)).contains("refused to open a tunnel")
                .contains("403 Forbidden");
    }

    @Test
    void anHttpAnswerOnAnMqttPortBeatsTheDecodeError() {
        Failure f = FailureExplainer.explain(new IOException("Exception while decoding PUBACK: fixed header flags"
                + " must be 0 but were 8"), null, new BrokerAnswer("http", "HTTP/1.1 400 Bad Request"), TCP);
        assertThat(f.stage()).isEqualTo(Stage.MQTT);
        assertThat(f.render(Locale.ENGLISH)).contains("Port 1883 speaks HTTP").contains("fix: This port speaks HTTP:"
                + " use ws://");
        assertThat(FailureExplainer.explain(new IOException("reset"), null, new BrokerAnswer("tls", "alert"), TCP)
                .fix(Locale.ENGLISH)).contains("use mqtts://");
    }

    @Test
    void credentialsAreToldApart() {
        assertThat(FailureExplainer.connack(5, "NOT_AUTHORIZED", TCP).causeKey()).isEqualTo("mqtt.no_username.cause");
        Failure wrong = FailureExplainer.connack(0x86, "BAD_USER_NAME_OR_PASSWORD", TCP.toBuilder().username("ann")
                .password("x").build());
        assertThat(wrong.cause(Locale.ENGLISH)).contains("refused the username ann with the password that was sent");
        assertThat(wrong.fix(Locale.ENGLISH)).doesNotContain("ACL");
    }
}
