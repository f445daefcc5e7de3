package io.mqscope.check;

import io.mqscope.profile.Profile;
import java.io.IOException;
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
        String path = profile.wsPath() == null || profile.wsPath().isBlank() ? "/mqtt" : profile.wsPath();
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
            if (echoed == null || !echoed.equalsIgnoreCase(sub)) {
                return run.fail("websocket", t0, answer.statusLine(), facts, "ws.subprotocol_not_echoed", sub,
                        echoed == null ? "-" : echoed);
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

    private boolean webSocketUnanswered(long t0, Map<String, Object> facts, WebSocketHandshake.Answer answer) {
        byte[] first = answer.firstBytes();
        String msg = answer.error() == null ? "closed without an answer"
                : String.valueOf(answer.error().getMessage());
        facts.put("error", msg);
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
        PortSniffer.Speaks speaks = new PortSniffer(run).sniff(PortSniffer.Speaks.HTTP);
        facts.put("port_speaks", speaks.name().toLowerCase(Locale.ROOT));
        return switch (speaks) {
            case TLS -> run.fail("websocket", t0, msg, facts, "ws.port_speaks_tls", profile.port());
            case MQTT -> run.fail("websocket", t0, msg, facts, "ws.port_speaks_mqtt", profile.port());
            default -> run.fail("websocket", t0, msg, facts, "ws.closed", profile.port(), msg);
        };
    }

    private String hostHeader() {
        String h = profile.host().contains(":") ? "[" + profile.host() + "]" : profile.host();
        return profile.port() == profile.transport().defaultPort() || profile.port() == 80 || profile.port() == 443
                ? h : h + ":" + profile.port();
    }}
