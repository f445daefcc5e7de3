package io.mqscope.session;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.PortProbe;
import io.mqscope.tap.Stage;
import io.mqscope.tap.WebSocketHandshake;
import java.util.Set;

/**
 * A failure that only says the broker's side reset or closed the connection (or did not answer with TLS) asks the
 * port what it speaks ({@link PortProbe}, the probes {@code mqscope check} runs) and is worded as the check words it:
 * a plain MQTT client at a TLS port reads "this port speaks TLS: use mqtts://", not "Connection reset". Blocking,
 * each probe bounded by a few seconds: it runs on the session's setup executor or on {@link TapFailures}' probe
 * thread, never on an event loop.
 */
final class PortVerdict {
    /** The causes that say only that the connection ended: the port may speak another protocol. */
    private static final Set<String> VAGUE = Set.of("conn.detail.cause", "mqtt.closed.cause",
            "conn.tls_failed.cause", "conn.tls_not_tls.cause", "ws.closed.cause");
    private static final String NOT_ECHOED = "ws.subprotocol_not_echoed.cause";

    private PortVerdict() {
    }

    /** Whether a probe of the port may name what {@code f} leaves open. */
    static boolean vague(Failure f) {
        if (f != null && f.causeKey().equals(NOT_ECHOED)) {
            return "-".equals(f.args().get(1)); // no echo at all: dropped on the request or on the response?
        }
        return f != null && VAGUE.contains(f.causeKey())
                && (f.stage() == Stage.MQTT || f.stage() == Stage.TLS || f.stage() == Stage.WEBSOCKET);
    }

    /** {@code f} in the check's words for what the port speaks, or {@code f} itself when the probes tell nothing. */
    static Failure probed(Failure f, Profile p) {
        int timeoutMillis = 1000 * Math.max(1, Math.min(3, p.connectTimeoutSeconds()));
        return probed(f, p, PortProbe.of(p, timeoutMillis));
    }

    static Failure probed(Failure f, Profile p, PortProbe probe) {
        if (!vague(f)) {
            return f;
        }
        Transport t = p.transport() == null ? Transport.TCP : p.transport();
        int port = p.port();
        switch (f.stage()) {
            case MQTT -> {
                if (t == Transport.TCP) {
                    PortProbe.Speaks s = probe.sniff(PortProbe.Speaks.MQTT);
                    if (s == PortProbe.Speaks.TLS) {
                        return Failure.of(Stage.MQTT, "mqtt.port_speaks_tls", port);
                    }
                    if (s == PortProbe.Speaks.HTTP) {
                        return Failure.of(Stage.MQTT, "mqtt.port_speaks_http", port);
                    }
                } else if (t == Transport.TLS && probe.httpOverTls(PortProbe.anyCertificate())) {
                    return Failure.of(Stage.MQTT, "mqtt.port_speaks_https", port);
                }
                if (f.causeKey().equals("conn.detail.cause")) {
                    // the port speaks MQTT (or nothing the probes know): the broker hung up before its CONNACK
                    return Failure.of(Stage.MQTT, "mqtt.closed", f.args().toArray());
                }
            }
            case TLS -> {
                PortProbe.Speaks s = probe.sniff(PortProbe.Speaks.TLS);
                if (s == PortProbe.Speaks.MQTT) {
                    return Failure.of(Stage.TLS, "tls.port_speaks_mqtt", port);
                }
                if (s == PortProbe.Speaks.HTTP) {
                    return Failure.of(Stage.TLS, "tls.port_speaks_http", port);
                }
            }
            case WEBSOCKET -> {
                if (f.causeKey().equals(NOT_ECHOED)) {
                    return droppedWhere(f, p, probe, t);
                }
                if (t.secure()) {
                    if (probe.mqttOverTls(PortProbe.anyCertificate())) {
                        return Failure.of(Stage.WEBSOCKET, "ws.port_speaks_mqtts", port);
                    }
                } else {
                    PortProbe.Speaks s = probe.sniff(PortProbe.Speaks.HTTP);
                    if (s == PortProbe.Speaks.TLS) {
                        return Failure.of(Stage.WEBSOCKET, "ws.port_speaks_tls", port);
                    }
                    if (s == PortProbe.Speaks.MQTT) {
                        return Failure.of(Stage.WEBSOCKET, "ws.port_speaks_mqtt", port);
                    }
                }
            }
            default -> {
                return f;
            }
        }
        return f;
    }

    /**
     * A 101 without the subprotocol: a second upgrade asking for one no broker knows tells where it was dropped, as
     * the check tells it (WebSocketStage): a broker that sees it refuses it, one that never sees it says 101.
     */
    private static Failure droppedWhere(Failure f, Profile p, PortProbe probe, Transport t) {
        String path = p.wsPath() == null || p.wsPath().isBlank() ? "/" : p.wsPath();
        String unknown = "mqscope-probe-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        int code = probe.upgradeCode(t.secure() ? PortProbe.anyCertificate() : null,
                WebSocketHandshake.hostHeader(p), path.startsWith("/") ? path : "/" + path, unknown, p.wsHeaders());
        Object sub = f.args().get(0);
        if (code == 101) {
            return Failure.of(Stage.WEBSOCKET, "ws.subprotocol_dropped_request", sub);
        }
        return code >= 0 ? Failure.of(Stage.WEBSOCKET, "ws.subprotocol_dropped_response", sub) : f;
    }
}
