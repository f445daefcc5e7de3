package io.mqscope.profile;

import static io.mqscope.profile.SnippetText.js;

import java.util.List;

/**
 * MQTT.js snippets: Node.js and a browser page, and the connect options the WeChat ones share. MQTT 5 properties use
 * MQTT.js's option names ({@code properties.sessionExpiryInterval}, {@code will.properties.willDelayInterval}, ...).
 */
final class MqttJsSnippets {
    /** The MQTT.js release the snippets name (the one the tests run them with). */
    static final String MQTTJS_VERSION = "5.10.4";

    private MqttJsSnippets() {
    }

    /**
     * The connect options, one per line. {@code node}: binary will payloads and correlation data as Buffers (a
     * browser or mini program has no global Buffer; there they are left out with a note).
     */
    static String options(Profile p, String password, String indent, boolean node) {
        StringBuilder b = new StringBuilder();
        b.append(indent).append("clientId: ").append(js(SnippetText.clientId(p))).append(",\n");
        if (p.username() != null) {
            b.append(indent).append("username: ").append(js(p.username())).append(",\n");
        }
        if (password != null) {
            b.append(indent).append("password: ").append(password).append(",\n");
        }
        b.append(indent).append("keepalive: ").append(p.keepAliveSeconds()).append(", // seconds\n");
        b.append(indent).append("clean: ").append(p.cleanStart()).append(",\n");
        b.append(indent).append("protocolVersion: ").append(SnippetText.v5(p) ? 5 : 4).append(",\n");
        b.append(indent).append("connectTimeout: ").append(p.connectTimeoutSeconds() * 1000).append(",\n");
        b.append(indent).append("reconnectPeriod: 0, // no silent reconnects while trying it out\n");
        if (SnippetText.v5(p)) {
            String props = connectProperties(p, indent + "  ");
            if (!props.isEmpty()) {
                b.append(indent).append("properties: {\n").append(props).append(indent).append("},\n");
            }
        }
        if (SnippetText.hasWill(p)) {
            b.append(will(p, indent, node));
        }
        return b.toString();
    }

    private static String connectProperties(Profile p, String indent) {
        StringBuilder b = new StringBuilder();
        line(b, indent, "sessionExpiryInterval", p.sessionExpirySeconds());
        line(b, indent, "receiveMaximum", p.receiveMaximum());
        line(b, indent, "maximumPacketSize", p.maximumPacketSize());
        line(b, indent, "topicAliasMaximum", p.topicAliasMaximum());
        if (p.requestResponseInformation()) {
            b.append(indent).append("requestResponseInformation: true,\n");
        }
        if (!p.requestProblemInformation()) {
            b.append(indent).append("requestProblemInformation: false,\n");
        }
        userProperties(b, indent, p.userProperties());
        return b.toString();
    }

    private static void line(StringBuilder b, String indent, String name, Object value) {
        if (value != null) {
            b.append(indent).append(name).append(": ").append(value instanceof String s ? js(s) : value)
                    .append(",\n");
        }
    }

    private static void userProperties(StringBuilder b, String indent, List<Profile.UserProperty> props) {
        if (props.isEmpty()) {
            return;
        }
        b.append(indent).append("userProperties: {");
        for (int i = 0; i < props.size(); i++) {
            b.append(i == 0 ? " " : ", ").append(js(props.get(i).name())).append(": ")
                    .append(js(props.get(i).value()));
        }
        b.append(" },\n");
    }

    private static String will(Profile p, String indent, boolean node) {
        Profile.Will w = p.will();
        StringBuilder b = new StringBuilder();
        String text = SnippetText.willText(w);
        String payload = text != null ? js(text) : node
                ? "Buffer.from('" + SnippetText.hex(SnippetText.willBytes(w)) + "', 'hex')"
                : "'' /* binary will payload (hex " + SnippetText.hex(SnippetText.willBytes(w))
                        + "): no Buffer here */";
        b.append(indent).append("will: {\n");
        String in = indent + "  ";
        b.append(in).append("topic: ").append(js(w.topic())).append(",\n");
        b.append(in).append("payload: ").append(payload).append(",\n");
        b.append(in).append("qos: ").append(w.qos()).append(",\n");
        b.append(in).append("retain: ").append(w.retain()).append(",\n");
        if (SnippetText.v5(p)) {
            StringBuilder props = new StringBuilder();
            String pin = in + "  ";
            line(props, pin, "willDelayInterval", w.delaySeconds());
            line(props, pin, "messageExpiryInterval", w.messageExpirySeconds());
            line(props, pin, "contentType", w.contentType());
            line(props, pin, "responseTopic", w.responseTopic());
            if (w.correlationData() != null && node) {
                props.append(pin).append("correlationData: Buffer.from(").append(js(w.correlationData()))
                        .append("),\n");
            }
            if (w.payloadIsUtf8() != null) {
                props.append(pin).append("payloadFormatIndicator: ").append(w.payloadIsUtf8()).append(",\n");
            }
            userProperties(props, pin, w.userProperties());
            if (!props.isEmpty()) {
                b.append(in).append("properties: {\n").append(props).append(in).append("},\n");
            }
        }
        b.append(indent).append("},\n");
        return b.toString();
    }

    static String node(Profile p, String topic, boolean includeSecrets) {
        StringBuilder b = new StringBuilder();
        b.append("// Generated by MQScope for profile ").append(p.name()).append(".\n");
        b.append("// Run: npm install mqtt@").append(MQTTJS_VERSION).append(" && node snippet.js");
        if (SnippetText.hasPassword(p) && !includeSecrets) {
            b.append(" (with the password in MQTT_PASSWORD)");
        }
        b.append('\n');
        b.append("const mqtt = require('mqtt')\n");
        Profile.TlsSettings tls = p.tls();
        boolean secure = p.transport().secure();
        boolean files = secure && (tls.caFile() != null || tls.clientCertFile() != null);
        if (files) {
            b.append("const fs = require('fs')\n");
        }
        b.append("const topic = ").append(js(topic)).append("\n");
        b.append("const client = mqtt.connect(").append(js(SnippetText.url(p, SnippetText.scheme(p), false)))
                .append(", {\n");
        String pw = !SnippetText.hasPassword(p) ? null : includeSecrets ? js(p.password())
                : "process.env.MQTT_PASSWORD";
        b.append(options(p, pw, "  ", true));
        if (secure) {
            if (tls.caFile() != null) {
                b.append("  ca: fs.readFileSync(").append(js(tls.caFile())).append("),\n");
            }
            if (tls.clientCertFile() != null) {
                b.append("  cert: fs.readFileSync(").append(js(tls.clientCertFile())).append("),\n");
                b.append("  key: fs.readFileSync(").append(js(tls.clientKeyFile() == null ? tls.clientCertFile()
                        : tls.clientKeyFile())).append("),\n");
            }
            if (tls.keyPassword() != null) {
                b.append("  passphrase: ").append(includeSecrets ? js(tls.keyPassword())
                        : "process.env.MQTT_KEY_PASSWORD").append(",\n");
            }
            if (tls.sniHost() != null) {
                b.append("  servername: ").append(js(tls.sniHost())).append(",\n");
            }
            if (!tls.alpn().isEmpty()) {
                b.append("  ALPNProtocols: [").append(String.join(", ", tls.alpn().stream().map(SnippetText::js)
                        .toList())).append("],\n");
            }
            b.append("  rejectUnauthorized: ").append(!tls.insecure())
                    .append(tls.insecure() ? ", // the profile skips certificate checks: never in production\n"
                            : ",\n");
        }
        if (p.transport().webSocket() && !p.wsHeaders().isEmpty()) {
            b.append("  wsOptions: { headers: {");
            p.wsHeaders().forEach((k, v) -> b.append(' ').append(js(k)).append(": ").append(js(v)).append(','));
            b.append(" } },\n");
        }
        b.append("})\n");
        b.append(session("client", "topic", "  ", "process.exit(1)"));
        return b.toString();
    }

    /** Subscribe, publish, print what comes back, end: the same in every MQTT.js snippet. */
    static String session(String client, String topic, String in, String onError) {
        return client + ".on('connect', () => {\n"
                + in + "console.log('connected')\n"
                + in + client + ".subscribe(" + topic + ", { qos: 1 }, (err) => {\n"
                + in + in + "if (err) { console.error(err.message); " + onError + " }\n"
                + in + in + client + ".publish(" + topic + ", " + js(SnippetText.PUBLISHED) + ", { qos: 1 }, (e) => {\n"
                + in + in + in + "if (e) { console.error(e.message); " + onError + " }\n"
                + in + in + in + "console.log('published')\n"
                + in + in + "})\n"
                + in + "})\n"
                + "})\n"
                + client + ".on('message', (t, payload) => {\n"
                + in + "console.log('received ' + t + ' ' + payload.toString())\n"
                + in + client + ".end()\n"
                + "})\n"
                + client + ".on('error', (e) => { console.error(e.message); " + onError + " })\n";
    }

    static String browser(Profile p, String topic, boolean includeSecrets) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html>\n<!-- Generated by MQScope for profile ").append(p.name().replace("--", "- -"))
                .append(". Open it in a browser; the log is in the page and the console. -->\n");
        b.append("<meta charset=\"utf-8\">\n<pre id=\"log\"></pre>\n");
        b.append("<script src=\"https://unpkg.com/mqtt@").append(MQTTJS_VERSION)
                .append("/dist/mqtt.min.js\"></script>\n");
        b.append("<script>\n");
        String url;
        if (p.transport().webSocket()) {
            url = SnippetText.url(p, SnippetText.scheme(p), false);
        } else {
            // a page can open WebSockets only: the broker's WebSocket listener is needed
            boolean tls = p.transport().secure();
            url = (tls ? "wss" : "ws") + "://" + SnippetText.host(p) + ":" + (tls ? 8084 : 8083) + "/mqtt";
            b.append("// Browsers speak MQTT over WebSocket only: this profile uses ").append(SnippetText.scheme(p))
                    .append("://, so the URL below assumes\n// the broker's WebSocket listener (port ")
                    .append(tls ? 8084 : 8083).append(" and /mqtt are EMQX's defaults; change them to yours).\n");
        }
        if (p.transport().secure() && (p.tls().caFile() != null || p.tls().insecure()
                || p.tls().clientCertFile() != null)) {
            b.append("// A page cannot load certificate files or skip checks: the broker's certificate must chain to a")
                    .append("\n// CA the browser trusts, and a client certificate comes from the browser's own")
                    .append(" store.\n");
        }
        b.append("function log(line) {\n  console.log(line)\n")
                .append("  document.getElementById('log').textContent += line + '\\n'\n}\n");
        b.append("const topic = ").append(js(topic)).append('\n');
        b.append("const client = mqtt.connect(").append(js(url)).append(", {\n");
        String pw = !SnippetText.hasPassword(p) ? null : includeSecrets ? js(p.password())
                : "prompt('MQTT password')";
        b.append(options(p, pw, "  ", false));
        b.append("})\n");
        b.append(session("client", "topic", "  ", "").replace("console.log(", "log(")
                .replace("console.error(", "log("));
        b.append("</script>\n");
        return b.toString();
    }
}
