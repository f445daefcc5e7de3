package io.mqscope.check;

import static io.mqscope.check.CheckRun.blankToNull;

import io.mqscope.profile.Profile;
import io.mqscope.tap.PortProbe;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The mqtt stage of {@code mqscope check}: one CONNECT, its CONNACK read by hand, and a cause for each refusal or for
 * a port that answers in another protocol.
 */
final class MqttStage {
    private final CheckRun run;
    private final Profile profile;

    MqttStage(CheckRun run) {
        this.run = run;
        this.profile = run.profile;
    }

    /**
     * Adds the mqtt row, or marks the tls row failed when a TLS 1.3 server refuses the certificate late. On success
     * {@link CheckRun#connack} holds the CONNACK's properties and the connection stays open for the round trips.
     */
    void run() {
        long t0 = System.nanoTime();
        int level = profile.mqttVersion().level();
        String clientId = profile.clientId() == null || profile.clientId().isBlank() ? "mqscope-check"
                : profile.clientId();
        if (profile.randomClientIdSuffix()) {
            clientId = clientId + "-" + Long.toHexString(new SecureRandom().nextLong() & 0xFFFFFFFL);
        }
        String user = blankToNull(profile.username());
        String password = profile.password() == null || profile.password().isEmpty() ? null : profile.password();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("version", profile.mqttVersion().label());
        facts.put("client_id", clientId);
        facts.put("username_sent", user == null ? "(none)" : user);
        facts.put("password_sent", password != null);
        byte[] connect = Connacks.connect(level, clientId, user, password,
                Math.max(10, profile.keepAliveSeconds()));
        byte[] body;
        int first;
        try {
            if (profile.transport().webSocket()) {
                WebSocketStream.writeBinary(run.out, connect);
            } else {
                run.out.write(connect);
                run.out.flush();
            }
            first = run.in.read();
            if (first < 0) {
                throw new EOFException("closed without an answer");
            }
            if (first != 0x20) {
                mqttUnexpected(t0, facts, first);
                return;
            }
            int[] pos = {0};
            byte[] len = new byte[4];
            int i = 0;
            int b;
            do {
                b = run.in.read();
                if (b < 0) {
                    throw new EOFException("CONNACK cut short");
                }
                len[i++] = (byte) b;
            } while ((b & 0x80) != 0 && i < 4);
            body = run.in.readNBytes(Connacks.varInt(len, pos));
        } catch (IOException e) {
            mqttClosed(t0, facts, e);
            return;
        }
        Connacks.Connack ack;
        try {
            ack = Connacks.parse(body, level);
        } catch (RuntimeException e) {
            run.fail("mqtt", t0, "malformed CONNACK", facts, "mqtt.malformed", e.getMessage());
            return;
        }
        int code = ack.code();
        String meaning = Connacks.meaning(code, level);
        facts.put("connack_code", code);
        facts.put("connack_meaning", meaning);
        facts.put("session_present", ack.sessionPresent());
        if (level == 5) {
            facts.put("properties", ack.properties());
        }
        String detail = "CONNACK " + code + " " + meaning;
        if (code == 0) {
            run.connack = ack.properties();
            run.ok("mqtt", t0, detail, facts);
            return;
        }
        boolean badCredentials = code == 4 || code == 0x86;
        boolean notAuthorized = code == 5 || code == 0x87;
        if ((badCredentials || notAuthorized) && user == null) {
            run.fail("mqtt", t0, detail, facts, "mqtt.no_username", code, meaning);
        } else if (badCredentials) {
            run.fail("mqtt", t0, detail, facts, "mqtt.bad_credentials", code, meaning, user,
                    password == null ? 0 : 1);
        } else if (notAuthorized) {
            run.fail("mqtt", t0, detail, facts, "mqtt.not_authorized", code, meaning, user,
                    password == null ? 0 : 1);
        } else {
            run.fail("mqtt", t0, detail, facts, "mqtt.refused", code, meaning);
        }
    }

    private void mqttUnexpected(long t0, Map<String, Object> facts, int first) {
        facts.put("first_byte", String.format("0x%02x", first));
        if (first == 'H') {
            run.fail("mqtt", t0, "HTTP answer", facts, profile.transport().secure() ? "mqtt.port_speaks_https"
                    : "mqtt.port_speaks_http", profile.port());
        } else if (first == 0x15 || first == 0x16) {
            run.fail("mqtt", t0, "TLS answer", facts, "mqtt.port_speaks_tls", profile.port());
        } else {
            run.fail("mqtt", t0, "not a CONNACK", facts, "mqtt.not_connack", String.format("0x%02x", first));
        }
    }

    private void mqttClosed(long t0, Map<String, Object> facts, IOException e) {
        String msg = String.valueOf(e.getMessage());
        facts.put("error", msg);
        if (msg.contains("certificate_required") || msg.contains("bad_certificate")
                || run.certificateRequest.requested()) {
            // TLS 1.3: the client finishes its handshake before the server refuses it, so it surfaces here; the
            // tls row is the one that failed
            for (int i = 0; i < run.stages.size(); i++) {
                StageResult tls = run.stages.get(i);
                if (tls.stage().equals("tls")) {
                    Map<String, Object> merged = new LinkedHashMap<>(tls.facts());
                    merged.put("error", msg);
                    run.stages.set(i, new StageResult("tls", Status.FAIL, tls.ms(), tls.detail() + "; " + msg,
                            merged));
                }
            }
            run.verdict = run.words.verdict("tls", "tls.client_cert_required");
            return;
        }
        if (e instanceof SocketTimeoutException) {
            run.fail("mqtt", t0, msg, facts, "mqtt.timeout", run.timeoutMillis / 1000.0);
            return;
        }
        if (!profile.transport().secure() && !profile.transport().webSocket()) {
            PortProbe.Speaks speaks = run.probe().sniff(PortProbe.Speaks.MQTT);
            facts.put("port_speaks", speaks.name().toLowerCase(Locale.ROOT));
            if (speaks == PortProbe.Speaks.TLS) {
                run.fail("mqtt", t0, msg, facts, "mqtt.port_speaks_tls", profile.port());
                return;
            }
            if (speaks == PortProbe.Speaks.HTTP) {
                run.fail("mqtt", t0, msg, facts, "mqtt.port_speaks_http", profile.port());
                return;
            }
        }
        if (profile.transport().secure() && new TlsStage(run).httpAnswersOverTls()) {
            facts.put("port_speaks", "http over tls");
            run.fail("mqtt", t0, msg, facts, "mqtt.port_speaks_https", profile.port());
            return;
        }
        run.fail("mqtt", t0, msg, facts, "mqtt.closed", msg);
    }}
