package io.mqscope.check;

import io.mqscope.profile.Profile;
import io.mqscope.tap.PortProbe;
import io.mqscope.tap.WebSocketHandshake;
import java.io.IOException;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The websocket stage of {@code mqscope check}: the HTTP Upgrade over the connection so far, and the cause when a
 * proxy or a port answers something else; on success the stream carries WebSocket payloads for the mqtt stage.
 */
final class WebSocketStage {
    private final CheckRun run;
    private final Profile profile;

    WebSocketStage(CheckRun run) {
        this.run = run;
        this.profile = run.profile;
    }

    /** Adds the websocket row (a skip for plain MQTT); false when the mqtt stage cannot run. */
    boolean run() {
        long t0 = System.nanoTime();
        if (!profile.transport().webSocket()) {
            run.stages.add(new StageResult("websocket", Status.SKIP, 0,
                    run.words.text("skip.websocket", run.scheme()), Map.of()));
            return true;
        }
        String path = path();
        String sub = profile.wsSubprotocol() != null && !profile.wsSubprotocol().isBlank() ? profile.wsSubprotocol()
                : profile.mqttVersion().level() == 3 ? "mqttv3.1" : "mqtt";
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("path", path);
        facts.put("subprotocols_asked", List.of(sub));
        WebSocketHandshake hs = new WebSocketHandshake(hostHeader(), path, sub, profile.wsHeaders());
        WebSocketHandshake.Answer answer;
        try {
            answer = hs.exchange(run.in, run.out);
        } catch (IOException e) {
            answer = new WebSocketHandshake.Answer(0, "", Map.of(), new byte[0], e);
        }
        if (answer.code() == 0) {
            return webSocketUnanswered(t0, facts, answer);
        }
        facts.put("status", answer.statusLine());
        facts.put("headers", answer.headers());
        int code = answer.code();
        if (code == 101) {
            String echoed = answer.headers().get("sec-websocket-protocol");
            facts.put("subprotocol_echoed", echoed == null ? "(none)" : echoed);
            if (!hs.acceptMatches(answer.headers().get("sec-websocket-accept"))) {
                return run.fail("websocket", t0, answer.statusLine(), facts, "ws.bad_accept");
            }
            if (echoed == null) {
                return notEchoed(t0, facts, answer.statusLine(), sub);
            }
            if (!echoed.equalsIgnoreCase(sub)) {
                return run.fail("websocket", t0, answer.statusLine(), facts, "ws.subprotocol_not_echoed", sub,
                        echoed);
            }
            run.in = WebSocketStream.payloads(run.in);
            return run.ok("websocket", t0, answer.statusLine() + ", " + echoed, facts);
        }
        String server = answer.headers().getOrDefault("server", "");
        if (!answer.body().isEmpty()) {
            String text = answer.body().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
            facts.put("body", text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
        if (answer.body().contains("plain HTTP request was sent to HTTPS port")) {
            return run.fail("websocket", t0, answer.statusLine(), facts, "ws.port_speaks_tls", profile.port());
        }
        if (code == 404) {
            return run.fail("websocket", t0, answer.statusLine(), facts, "ws.not_found", path);
        }
        if (code == 502 || code == 400 || code == 426 || (code == 200 && !server.isEmpty())) {
            return run.fail("websocket", t0, answer.statusLine(), facts, "ws.proxy_upgrade", answer.statusLine(),
                    server.isEmpty() ? "?" : server);
        }
        return run.fail("websocket", t0, answer.statusLine(), facts, "ws.refused", answer.statusLine());
    }

    /**
     * A 101 without the subprotocol: dropped on the request (the broker never saw it) or on the response (a proxy
     * removed the broker's echo). A second upgrade asking for a subprotocol no broker knows tells them apart: a
     * broker that sees it refuses it (mosquitto closes, nginx then answers 502), one that never sees it says 101.
     */
    private boolean notEchoed(long t0, Map<String, Object> facts, String status, String sub) {
        String unknown = "mqscope-probe-" + RoundTrips.nonce();
        int code = probe(unknown);
        facts.put("unknown_subprotocol_probe", code == 0 ? "refused (closed)" : code);
        if (code == 101) {
            facts.put("subprotocol_dropped", "request");
            return run.fail("websocket", t0, status, facts, "ws.subprotocol_dropped_request", sub);
        }
        if (code >= 0) {
            facts.put("subprotocol_dropped", "response");
            return run.fail("websocket", t0, status, facts, "ws.subprotocol_dropped_response", sub);
        }
        return run.fail("websocket", t0, status, facts, "ws.subprotocol_not_echoed", sub, "-");
    }

    /** The status code of an upgrade asking for {@code subprotocol} on a fresh connection; 0 closed, -1 no probe. */
    private int probe(String subprotocol) {
        return run.probe().upgradeCode(profile.transport().secure() ? run.tlsContext : null, hostHeader(), path(),
                subprotocol, profile.wsHeaders());
    }

    /** The path the session would ask for (tap.UpstreamSetup): none means "/", not a guessed "/mqtt". */
    private String path() {
        String p = profile.wsPath();
        if (p == null || p.isBlank()) {
            return "/";
        }
        return p.startsWith("/") ? p : "/" + p;
    }

    private boolean webSocketUnanswered(long t0, Map<String, Object> facts, WebSocketHandshake.Answer answer) {
        byte[] first = answer.firstBytes();
        String msg = answer.error() == null ? "closed without an answer"
                : String.valueOf(answer.error().getMessage());
        facts.put("error", msg);
        if (first.length == 0 && answer.error() instanceof java.net.SocketTimeoutException) {
            // HiveMQ, for one, neither answers nor closes an upgrade for a path it does not serve; probing the
            // port would only wait as long again
            return run.fail("websocket", t0, msg, facts, "ws.timeout", path(), run.timeoutMillis / 1000.0);
        }
        if (first.length > 0 && (first[0] & 0xFF) == 0x15) {
            return run.fail("websocket", t0, msg, facts, "ws.port_speaks_tls", profile.port());
        }
        if (first.length > 0 && (first[0] & 0xF0) == 0x20) {
            return run.fail("websocket", t0, msg, facts, "ws.port_speaks_mqtt", profile.port());
        }
        if (profile.transport().secure()) {
            if (new TlsStage(run).mqttAnswersOverTls()) {
                facts.put("port_speaks", "mqtt over tls");
                return run.fail("websocket", t0, msg, facts, "ws.port_speaks_mqtts", profile.port());
            }
            return run.fail("websocket", t0, msg, facts, "ws.closed", profile.port(), msg);
        }
        PortProbe.Speaks speaks = run.probe().sniff(PortProbe.Speaks.HTTP);
        facts.put("port_speaks", speaks.name().toLowerCase(Locale.ROOT));
        return switch (speaks) {
            case TLS -> run.fail("websocket", t0, msg, facts, "ws.port_speaks_tls", profile.port());
            case MQTT -> run.fail("websocket", t0, msg, facts, "ws.port_speaks_mqtt", profile.port());
            default -> run.fail("websocket", t0, msg, facts, "ws.closed", profile.port(), msg);
        };
    }

    private String hostHeader() {
        return WebSocketHandshake.hostHeader(profile);
    }}
