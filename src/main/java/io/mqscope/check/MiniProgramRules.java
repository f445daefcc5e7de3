package io.mqscope.check;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The WeChat mini-program rules for a broker (wx.connectSocket; the mini-program admin console's socket legal
 * domain list): wss only, port 443 unless the legal domain names the port, a domain name rather than an address, a
 * chain that a phone trusts whatever {@code --cafile} or {@code --insecure} said, the full chain sent, TLS 1.2 or
 * newer, the {@code mqtt} subprotocol echoed, the path answering 101, no expiry within 30 days and, for an Aliyun IoT
 * signed profile, a keepalive between 30 and 1200 s. Judged from the stages' facts plus one probe per TLS version.
 */
final class MiniProgramRules {
    private final CheckRun run;
    private final Words words;
    private final List<RuleResult> out = new ArrayList<>();

    private MiniProgramRules(CheckRun run) {
        this.run = run;
        this.words = run.words;
    }

    static List<RuleResult> judge(CheckRun run) {
        return new MiniProgramRules(run).judge();
    }

    private List<RuleResult> judge() {
        Profile p = run.profile;
        Transport t = p.transport();
        add("scheme", t == Transport.WSS ? Status.OK : Status.FAIL, run.scheme());
        add("port", p.port() == 443 ? Status.OK : Status.WARN, p.port(), p.host());
        add("domain", isAddress(p.host()) ? Status.FAIL : Status.OK, p.host());
        tlsRules(t);
        webSocketRules(t);
        if (p.signing() != null && "aliyun-iot".equalsIgnoreCase(p.signing().vendor())) {
            int k = p.keepAliveSeconds();
            add("keepalive", k >= 30 && k <= 1200 ? Status.OK : Status.FAIL, k);
        }
        return out;
    }

    private void tlsRules(Transport t) {
        List<String> rules = List.of("public_trust", "full_chain", "tls_version", "expiry");
        if (!t.secure()) {
            rules.forEach(r -> out.add(new RuleResult(r, Status.FAIL, words.text("mp.no_tls", run.scheme()))));
            return;
        }
        Map<String, Object> tls = facts("tls");
        // probed on fresh connections, so a server that fails the handshake (only TLS 1.0 offered) is judged too
        if (run.tlsContext == null) {
            out.add(new RuleResult("tls_version", Status.WARN, words.text("mp.not_checked", "tcp")));
        } else {
            Map<String, String> versions = TlsVersions.probe(run);
            StringBuilder list = new StringBuilder();
            versions.forEach((v, r) -> list.append(list.length() == 0 ? "" : ", ").append(v).append(' ').append(r));
            boolean modern = "offered".equals(versions.get("TLSv1.2")) || "offered".equals(versions.get("TLSv1.3"));
            add("tls_version", modern ? Status.OK : Status.FAIL, list.toString());
        }
        if (!tls.containsKey("trusted_by_system")) {
            for (String r : List.of("public_trust", "full_chain", "expiry")) {
                out.add(new RuleResult(r, Status.WARN, words.text("mp.not_checked", "tls")));
            }
            return;
        }
        boolean bySystem = Boolean.TRUE.equals(tls.get("trusted_by_system"));
        boolean overridden = run.profile.tls().insecure() || CheckRun.blankToNull(run.profile.tls().caFile()) != null;
        add("public_trust", bySystem ? Status.OK : Status.FAIL, overridden ? 1 : 0);
        Object complete = tls.get("chain_complete");
        add("full_chain", Boolean.TRUE.equals(complete) ? Status.OK : Boolean.FALSE.equals(complete) ? Status.FAIL
                : Status.WARN, tls.get("chain_count"));
        long days = tls.get("days_to_expiry") instanceof Number n ? n.longValue() : 0;
        add("expiry", days < 0 ? Status.FAIL : days < 30 ? Status.WARN : Status.OK, days);
    }

    private void webSocketRules(Transport t) {
        if (!t.webSocket()) {
            for (String r : List.of("subprotocol", "path")) {
                out.add(new RuleResult(r, Status.FAIL, words.text("mp.no_websocket", run.scheme())));
            }
            return;
        }
        Map<String, Object> ws = facts("websocket");
        if (!ws.containsKey("status")) {
            for (String r : List.of("subprotocol", "path")) {
                out.add(new RuleResult(r, Status.WARN, words.text("mp.not_checked", "websocket")));
            }
            return;
        }
        Object echoed = ws.getOrDefault("subprotocol_echoed", "(none)");
        add("subprotocol", "mqtt".equalsIgnoreCase(String.valueOf(echoed)) ? Status.OK : Status.FAIL, echoed);
        String status = String.valueOf(ws.get("status"));
        add("path", status.matches("HTTP/1\\.[01] 101.*") ? Status.OK : Status.FAIL, ws.get("path"), status);
    }

    private Map<String, Object> facts(String stage) {
        return run.stages.stream().filter(s -> s.stage().equals(stage)).findFirst().map(StageResult::facts)
                .orElse(Map.of());
    }

    private void add(String rule, Status status, Object... args) {
        out.add(new RuleResult(rule, status, words.text("mp." + rule + "." + status.label(), args)));
    }

    /** An IPv4 or IPv6 literal, or localhost: the legal domain list takes registered domain names only. */
    static boolean isAddress(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.matches("[0-9.]+") || h.contains(":") || h.equals("localhost") || h.endsWith(".localhost");
    }
}
