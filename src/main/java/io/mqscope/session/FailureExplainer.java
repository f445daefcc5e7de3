package io.mqscope.session;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.CertificateChain;
import io.mqscope.tap.Stage;
import io.mqscope.tap.UpstreamFailure;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a failed connection as message keys, the same verdicts {@code mqscope check} gives (stage, cause,
 * fix): from the broker's CONNACK, from what the relay decoded on the broker's side, and from the relay's upstream
 * stage and detail. Pure; {@link ErrorTranslator} calls it once per failure.
 */
final class FailureExplainer {
    private static final Pattern STATUS = Pattern.compile("(HTTP/\\d\\.\\d \\d{3}[^;(]*)");
    private static final Pattern SERVER = Pattern.compile("; server: ([^;]*)");
    private static final Pattern NO_PROGRESS = Pattern.compile("^no progress within (\\d+) s");

    private FailureExplainer() {
    }

    static Failure explain(Throwable t, UpstreamFailure upstream, BrokerAnswer answer, Profile p) {
        if (t instanceof Mqtt5ConnAckException e) {
            var code = e.getMqttMessage().getReasonCode();
            return connack(code.getCode(), code.name(), p);
        }
        if (t instanceof Mqtt3ConnAckException e) {
            var code = e.getMqttMessage().getReturnCode();
            return connack(code.getCode(), code.name(), p);
        }
        Transport transport = p.transport() == null ? Transport.TCP : p.transport();
        if (answer != null && !transport.webSocket()) {
            if (answer.protocol().equals("http")) {
                return Failure.of(Stage.MQTT, transport.secure() ? "mqtt.port_speaks_https" : "mqtt.port_speaks_http",
                        p.port());
            }
            return Failure.of(Stage.MQTT, "mqtt.port_speaks_tls", p.port());
        }
        if (upstream != null) {
            return upstream(upstream.stage(), upstream.detail() == null ? "" : upstream.detail(), upstream.chain(), p);
        }
        if (t instanceof Mqtt5DisconnectException e) {
            var d = e.getMqttMessage();
            return Failure.of(Stage.MQTT, "conn.disconnect", d.getReasonCode().name(),
                    d.getReasonString().map(Object::toString).orElse("-"));
        }
        String msg = t == null ? "connection lost" : t.getMessage() == null ? t.toString() : t.getMessage();
        if (t instanceof TimeoutException || msg.contains("Timeout while waiting for CONNACK")) {
            return Failure.of(Stage.MQTT, "mqtt.timeout", Math.max(1, p.connectTimeoutSeconds()));
        }
        return generic(Stage.MQTT, msg);
    }

    /** CONNACK return codes 4/5 (3.1.1 §3.2.2.3) and reason codes 0x86/0x87 (5.0 §3.2.2.2): who was sent matters. */
    static Failure connack(int code, String meaning, Profile p) {
        return connack(code, meaning, p.username(), p.password() != null && !p.password().isEmpty());
    }

    /** As {@link #connack(int, String, Profile)}, with who was sent as a tapped CONNECT says it. */
    static Failure connack(int code, String meaning, String username, boolean passwordSent) {
        String user = username == null || username.isBlank() ? null : username;
        int password = passwordSent ? 1 : 0;
        boolean badCredentials = code == 4 || code == 0x86;
        boolean notAuthorized = code == 5 || code == 0x87;
        if ((badCredentials || notAuthorized) && user == null) {
            return Failure.of(Stage.MQTT, "mqtt.no_username", code, meaning);
        }
        if (badCredentials) {
            return Failure.of(Stage.MQTT, "mqtt.bad_credentials", code, meaning, user, password);
        }
        if (notAuthorized) {
            return Failure.of(Stage.MQTT, "mqtt.not_authorized", code, meaning, user, password);
        }
        return Failure.of(Stage.MQTT, "mqtt.refused", code, meaning);
    }

    static Failure upstream(Stage stage, String d, Profile p) {
        return upstream(stage, d, List.of(), p);
    }

    /** As {@link #upstream(Stage, String, Profile)}, with the certificates the broker presented when refused. */
    static Failure upstream(Stage stage, String d, List<X509Certificate> chain, Profile p) {
        String lower = d.toLowerCase(Locale.ROOT);
        Profile.ProxySettings proxy = p.proxy();
        return switch (stage) {
            case DNS -> d.contains("(the proxy)") && proxy != null
                    ? Failure.of(stage, "dns.unknown_proxy_host", proxy.host())
                    : lower.contains("unknown host") ? Failure.of(stage, "dns.unknown_host", p.host())
                    : generic(stage, d);
            case TCP -> lower.contains("refused") ? Failure.of(stage, "tcp.refused", p.host(), p.port())
                    : lower.contains("timed out") ? Failure.of(stage, "tcp.timeout", p.host(), p.port(),
                    Math.max(1, p.connectTimeoutSeconds()))
                    : Failure.of(stage, "tcp.failed", p.host(), p.port(), d);
            case PROXY -> proxy == null ? generic(stage, d)
                    : lower.contains("connection refused by proxy") ? Failure.of(stage, "tcp.proxy_refused",
                    proxy.host(), proxy.port())
                    : lower.contains("timed out") ? Failure.of(stage, "tcp.proxy_timeout", proxy.host(),
                    proxy.port(), Math.max(1, p.connectTimeoutSeconds()))
                    : d.contains("status: ") ? Failure.of(stage, "proxy.http_refused", proxy.host() + ":"
                    + proxy.port(), p.host() + ":" + p.port(), d.substring(d.indexOf("status: ") + 8))
                    : Failure.of(stage, "proxy.closed", proxy.host() + ":" + proxy.port(), p.host() + ":" + p.port(),
                    d);
            case TLS -> tls(d, lower, chain, p);
            case WEBSOCKET -> webSocket(d, lower, p);
            default -> generic(stage, d);
        };
    }

    private static Failure tls(String d, String lower, List<X509Certificate> chain, Profile p) {
        Stage s = Stage.TLS;
        if (lower.contains("did not answer with tls")) {
            return new Failure(s, "conn.tls_not_tls.cause", "tls.closed.fix", java.util.List.of(p.port(), d));
        }
        Failure judged = judged(lower, chain, p);
        if (judged != null) {
            return judged;
        }
        if (lower.contains("without the intermediate")) {
            return Failure.of(s, "conn.tls_chain_incomplete", d);
        }
        if (lower.contains("left out the intermediate")) {
            return new Failure(s, "conn.tls_detail.cause", "conn.tls_ca_or_chain.fix", java.util.List.of(d));
        }
        if (lower.contains("self-signed")) {
            return new Failure(s, "conn.tls_detail.cause", "tls.self_signed.fix", java.util.List.of(d));
        }
        if (lower.startsWith("certificate expired")) {
            return new Failure(s, "conn.tls_detail.cause", "tls.expired.fix", java.util.List.of(d));
        }
        if (lower.startsWith("certificate not yet valid")) {
            return new Failure(s, "conn.tls_detail.cause", "tls.not_yet_valid.fix", java.util.List.of(d));
        }
        if (lower.startsWith("hostname mismatch")) {
            return new Failure(s, "conn.tls_wrong_host.cause", "tls.wrong_host.fix", java.util.List.of(p.host(), d));
        }
        if (lower.startsWith("untrusted certificate chain")) {
            return new Failure(s, "conn.tls_detail.cause", "tls.untrusted_ca.fix", java.util.List.of(d));
        }
        if (lower.contains("protocol version")) {
            return Failure.of(s, "tls.old_protocol");
        }
        if (lower.contains("client certificate")) {
            return Failure.of(s, "tls.client_cert_required");
        }
        return new Failure(s, "conn.tls_failed.cause", "tls.closed.fix", java.util.List.of(p.port(), d));
    }

    /**
     * A refused certificate judged as {@code mqscope check} judges it (the same {@link CertificateChain}): "signed by
     * ..., a CA that is not trusted here", self-signed, the intermediate missing, expired, the wrong host; null when
     * the relay refused no certificate or the judgement finds nothing.
     */
    private static Failure judged(String lower, List<X509Certificate> chain, Profile p) {
        boolean certificate = lower.startsWith("certificate expired") || lower.startsWith("certificate not yet valid")
                || lower.startsWith("hostname mismatch") || lower.startsWith("untrusted certificate chain");
        if (!certificate || chain.isEmpty()) {
            return null;
        }
        String caFile = p.tls() == null ? null : p.tls().caFile();
        CertificateChain.Outcome o = CertificateChain.judge(chain.toArray(new X509Certificate[0]), p.host(), caFile,
                Instant.now());
        return o.problem() == null ? null : Failure.of(Stage.TLS, o.problem(), o.args());
    }

    private static Failure webSocket(String d, String lower, Profile p) {
        Stage s = Stage.WEBSOCKET;
        String path = p.wsPath() == null || p.wsPath().isBlank() ? "/" : p.wsPath();
        Matcher m = STATUS.matcher(d);
        String status = m.find() ? m.group(1).trim() : null;
        Matcher server = SERVER.matcher(d);
        String by = server.find() ? server.group(1).trim() : null;
        // the same order of questions as the check's websocket stage (WebSocketStage)
        if (lower.contains("plain http request was sent to https port")) {
            return Failure.of(s, "ws.port_speaks_tls", p.port());
        }
        if (status != null && status.contains(" 404")) {
            return Failure.of(s, "ws.not_found", path);
        }
        if (status != null && (status.contains(" 502") || status.contains(" 400") || status.contains(" 426")
                || status.contains(" 200") && by != null)) {
            return Failure.of(s, "ws.proxy_upgrade", status, by == null ? "?" : by);
        }
        if (status != null) {
            return Failure.of(s, "ws.refused", status);
        }
        String sub = p.wsSubprotocol() == null || p.wsSubprotocol().isBlank() ? "mqtt" : p.wsSubprotocol();
        if (lower.contains("did not echo")) {
            return Failure.of(s, "ws.subprotocol_not_echoed", sub, "-");
        }
        if (lower.contains("instead of the requested")) {
            return Failure.of(s, "ws.subprotocol_not_echoed", sub, d);
        }
        Matcher stalled = NO_PROGRESS.matcher(d);
        if (stalled.find()) {
            // HiveMQ, for one, neither answers nor closes an upgrade for a path it does not serve
            return Failure.of(s, "ws.timeout", path, Integer.parseInt(stalled.group(1)));
        }
        if (lower.startsWith("no progress") || lower.contains("did not answer the websocket upgrade")) {
            return new Failure(s, "conn.ws_unanswered.cause", "ws.not_found.fix", java.util.List.of(path));
        }
        return Failure.of(s, "ws.closed", p.port(), d);
    }

    /** What the relay or the client said, and the one fix that always helps: the stage-by-stage report. */
    static Failure generic(Stage stage, String detail) {
        return Failure.of(stage, "conn.detail", detail);
    }
}
