package io.mqscope.profile;

import java.util.Locale;
import java.util.Map;

/**
 * "Copy as code": a ready-to-run connection, subscribe and publish for a profile, for the clients our users write
 * by hand after MQScope has shown them a working connection. Secrets are placeholders unless asked for. Targets not
 * listed in {@link Target} are not generated yet.
 */
public final class Snippet {
    /** What the snippet is for. */
    public enum Target {
        NODE("node"), WECHAT_MQTTJS("wechat-mqttjs"), MOSQUITTO("mosquitto"), MQSCOPE("mqscope");

        private final String id;

        Target(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Target byId(String id) {
            for (Target t : values()) {
                if (t.id.equalsIgnoreCase(id)) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * MQTT.js's WeChat transport ({@code lib/connect/wx.js}, {@code src/lib/connect/wx.ts}) sends
     * {@code chunk.buffer}, the whole ArrayBuffer behind a chunk, since v3.0.0 (MQTT.js #913). mqtt-packet 6.6.0
     * (mqtt-packet #90, 2020-09-08) and later write the Remaining Length into a 4-byte buffer and pass a subarray of
     * it, so such a client sends the length padded to 4 bytes ({@code 1a 00 00 00}), which brokers refuse. Every
     * MQTT.js from 3.0.0 installed with mqtt-packet 6.6.0 or later is affected (their ^6 / ^8 / ^9 ranges resolve
     * to it), and no MQTT.js release up to 5.14.1 changed that line; PR #1506, which did, was closed unmerged.
     */
    public static final String MQTTJS_WX_ADVICE = "MQTT.js's wx transport sends chunk.buffer (the whole ArrayBuffer "
            + "behind each chunk) since v3.0.0 (#913); with mqtt-packet >= 6.6.0 (#90) the Remaining Length is a "
            + "subarray of a 4-byte buffer, so it goes out padded (1a 00 00 00) and the broker closes the connection. "
            + "No MQTT.js release up to 5.14.1 changes this (PR #1506 was closed unmerged): pin mqtt-packet 6.5.x "
            + "under MQTT.js 4.x, or patch wx.js to send chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + "
            + "chunk.byteLength).";

    private Snippet() {
    }

    /** The snippet; {@code topic} is used to subscribe and publish (a default when null). */
    public static String generate(Profile p, Target target, String topic, boolean includeSecrets) {
        String t = topic == null || topic.isBlank() ? "mqscope/snippet" : topic;
        return switch (target) {
            case NODE -> node(p, t, includeSecrets);
            case WECHAT_MQTTJS -> wechat(p, t, includeSecrets);
            case MOSQUITTO -> mosquitto(p, t, includeSecrets);
            case MQSCOPE -> mqscope(p, t, includeSecrets);
        };
    }

    static String js(String s) {
        if (s == null) {
            return "undefined";
        }
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\'' -> b.append("\\'");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('\'').toString();
    }

    static String sh(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String password(Profile p, boolean includeSecrets, String placeholder) {
        if (p.password() == null) {
            return null;
        }
        return includeSecrets ? js(p.password()) : placeholder;
    }

    private static String url(Profile p, String scheme, boolean omitDefaultPort) {
        String host = p.host() == null ? "localhost" : p.host();
        boolean dflt = p.port() == (p.transport().secure() ? 443 : 80) && p.transport().webSocket();
        String port = omitDefaultPort && dflt ? "" : ":" + p.port();
        String path = p.transport().webSocket() ? (p.wsPath() == null || p.wsPath().isEmpty() ? "/" : p.wsPath()) : "";
        return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + port
                + (path.isEmpty() || path.startsWith("/") ? path : "/" + path);
    }

    private static String scheme(Profile p) {
        return switch (p.transport()) {
            case TCP -> "mqtt";
            case TLS -> "mqtts";
            case WS -> "ws";
            case WSS -> "wss";
        };
    }

    private static String options(Profile p, boolean includeSecrets, String pwPlaceholder, String indent) {
        StringBuilder b = new StringBuilder();
        b.append(indent).append("clientId: ").append(js(p.clientId() == null || p.clientId().isEmpty()
                ? "mqscope-snippet-" + Long.toHexString(System.nanoTime() & 0xffffff) : p.clientId())).append(",\n");
        if (p.username() != null) {
            b.append(indent).append("username: ").append(js(p.username())).append(",\n");
        }
        String pw = password(p, includeSecrets, pwPlaceholder);
        if (pw != null) {
            b.append(indent).append("password: ").append(pw).append(",\n");
        }
        b.append(indent).append("keepalive: ").append(p.keepAliveSeconds()).append(",\n");
        b.append(indent).append("clean: ").append(p.cleanStart()).append(",\n");
        b.append(indent).append("protocolVersion: ").append(p.mqttVersion() == MqttVersion.V5 ? 5 : 4).append(",\n");
        b.append(indent).append("reconnectPeriod: 0,\n");
        if (p.will() != null && p.will().topic() != null) {
            b.append(indent).append("will: { topic: ").append(js(p.will().topic())).append(", payload: ")
                    .append(js(p.will().payload() == null ? "" : p.will().payload())).append(", qos: ")
                    .append(p.will().qos()).append(", retain: ").append(p.will().retain()).append(" },\n");
        }
        return b.toString();
    }

    private static String node(Profile p, String topic, boolean includeSecrets) {
        StringBuilder b = new StringBuilder();
        b.append("// Generated by MQScope for profile ").append(p.name()).append(". Run: npm install mqtt@5 && node ")
                .append("snippet.js\n");
        b.append("const mqtt = require('mqtt')\n");
        Profile.TlsSettings tls = p.tls();
        boolean files = p.transport().secure() && (tls.caFile() != null || tls.clientCertFile() != null);
        if (files) {
            b.append("const fs = require('fs')\n");
        }
        b.append("const topic = ").append(js(topic)).append("\n");
        b.append("const client = mqtt.connect(").append(js(url(p, scheme(p), false))).append(", {\n");
        b.append(options(p, includeSecrets, "process.env.MQTT_PASSWORD", "  "));
        if (p.transport().secure()) {
            if (tls.caFile() != null) {
                b.append("  ca: fs.readFileSync(").append(js(tls.caFile())).append("),\n");
            }
            if (tls.clientCertFile() != null) {
                b.append("  cert: fs.readFileSync(").append(js(tls.clientCertFile())).append("),\n");
                b.append("  key: fs.readFileSync(").append(js(tls.clientKeyFile())).append("),\n");
            }
            b.append("  rejectUnauthorized: ").append(!tls.insecure()).append(",\n");
        }
        b.append("})\n");
        b.append("client.on('connect', () => {\n");
        b.append("  console.log('connected')\n");
        b.append("  client.subscribe(topic, { qos: 1 }, (err) => {\n");
        b.append("    if (err) { console.error(err.message); process.exit(1) }\n");
        b.append("    client.publish(topic, 'hello from MQScope', { qos: 1 }, (e) => {\n");
        b.append("      if (e) { console.error(e.message); process.exit(1) }\n");
        b.append("      console.log('published')\n");
        b.append("    })\n");
        b.append("  })\n");
        b.append("})\n");
        b.append("client.on('message', (t, payload) => {\n");
        b.append("  console.log('received ' + t + ' ' + payload.toString())\n");
        b.append("  client.end()\n");
        b.append("})\n");
        b.append("client.on('error', (e) => { console.error(e.message); process.exit(1) })\n");
        return b.toString();
    }

    private static String wechat(Profile p, String topic, boolean includeSecrets) {
        StringBuilder b = new StringBuilder();
        b.append("// Generated by MQScope for profile ").append(p.name())
                .append(": WeChat mini program, MQTT.js\n");
        b.append("// wxs:// (not wss://): MQTT.js picks its wx.connectSocket transport by the wx/wxs scheme; with\n");
        b.append("// wss:// it would use the browser WebSocket, which mini programs do not have. The domain must be\n");
        b.append("// in the mini program's socket legal domains, on 443 without a port in the URL (phones and\n");
        b.append("// carrier networks let 443 through; other ports are often blocked or not allowed).\n");
        b.append("// ").append(MQTTJS_WX_ADVICE.replace(". ", ".\n// ")).append('\n');
        b.append("import mqtt from './mqtt.min.js' // the dist build of MQTT.js (see the advice above)\n");
        Map<String, String> sign = p.signing() != null && "aliyun-iot".equals(p.signing().vendor())
                ? p.signing().params() : null;
        if (sign != null) {
            b.append("import CryptoJS from './crypto-js.js'\n\n");
            b.append("// Aliyun IoT: signed again at every connect, fresh timestamp (a baked password expires)\n");
            b.append("function aliyunCredentials() {\n");
            b.append("  const productKey = ").append(js(sign.get("productKey"))).append('\n');
            b.append("  const deviceName = ").append(js(sign.get("deviceName"))).append('\n');
            b.append("  const deviceSecret = ").append(includeSecrets ? js(sign.get("deviceSecret"))
                    : "'<device secret>'").append('\n');
            b.append("  const clientId = ").append(js(sign.getOrDefault("clientId",
                    sign.get("productKey") + "." + sign.get("deviceName")))).append('\n');
            b.append("  const timestamp = String(Date.now())\n");
            b.append("  // parameters sorted by name, each name followed by its value, no separators\n");
            b.append("  const content = 'clientId' + clientId + 'deviceName' + deviceName + 'productKey' + productKey"
                    + " + 'timestamp' + timestamp\n");
            String method = sign.getOrDefault("signMethod", "hmacsha256").toLowerCase(Locale.ROOT);
            String fn = switch (method) {
                case "hmacsha1" -> "HmacSHA1";
                case "hmacmd5" -> "HmacMD5";
                default -> "HmacSHA256";
            };
            b.append("  return {\n");
            b.append("    clientId: clientId + '|securemode=2,signmethod=").append(method)
                    .append(",timestamp=' + timestamp + '|',\n");
            b.append("    username: deviceName + '&' + productKey,\n");
            b.append("    password: CryptoJS.").append(fn).append("(content, deviceSecret).toString(),\n");
            b.append("  }\n");
            b.append("}\n\n");
        }
        b.append("const topic = ").append(js(topic)).append('\n');
        b.append("const client = mqtt.connect(").append(js(url(p, "wxs", true))).append(", {\n");
        if (sign != null) {
            b.append("  ...aliyunCredentials(),\n");
            b.append("  keepalive: ").append(p.keepAliveSeconds()).append(",\n");
            b.append("  protocolVersion: 4,\n");
        } else {
            b.append(options(p, includeSecrets, "'<password>'", "  "));
        }
        b.append("})\n");
        b.append("client.on('connect', () => {\n");
        b.append("  client.subscribe(topic, { qos: 1 })\n");
        b.append("  client.publish(topic, 'hello from MQScope', { qos: 1 })\n");
        b.append("})\n");
        b.append("client.on('message', (t, payload) => console.log(t, payload.toString()))\n");
        b.append("client.on('error', (e) => console.error(e))\n");
        return b.toString();
    }

    private static String mosquitto(Profile p, String topic, boolean includeSecrets) {
        StringBuilder common = new StringBuilder();
        String note = "";
        if (p.transport().webSocket()) {
            // mosquitto_pub and mosquitto_sub speak MQTT over TCP and TLS only
            note = "# this profile uses WebSocket, which mosquitto's clients do not speak: the lines below need the\n"
                    + "# broker's TCP or TLS listener (port " + (p.transport().secure() ? 8883 : 1883) + " assumed)\n";
            common.append(" -h ").append(sh(p.host() == null ? "localhost" : p.host())).append(" -p ")
                    .append(p.transport().secure() ? 8883 : 1883);
        } else {
            common.append(" -h ").append(sh(p.host() == null ? "localhost" : p.host())).append(" -p ").append(p.port());
        }
        common.append(" -V ").append(p.mqttVersion() == MqttVersion.V5 ? "mqttv5" : "mqttv311");
        common.append(" -k ").append(p.keepAliveSeconds());
        if (p.clientId() != null && !p.clientId().isEmpty()) {
            common.append(" -i ").append(sh(p.clientId()));
        }
        if (p.username() != null) {
            common.append(" -u ").append(sh(p.username()));
        }
        if (p.password() != null) {
            common.append(" -P ").append(includeSecrets ? sh(p.password()) : "\"$MQTT_PASSWORD\"");
        }
        if (p.transport().secure()) {
            Profile.TlsSettings tls = p.tls();
            common.append(tls.caFile() != null ? " --cafile " + sh(tls.caFile()) : " --capath /etc/ssl/certs");
            if (tls.clientCertFile() != null) {
                common.append(" --cert ").append(sh(tls.clientCertFile())).append(" --key ")
                        .append(sh(tls.clientKeyFile()));
            }
            if (tls.insecure()) {
                common.append(" --insecure");
            }
        }
        return "# Generated by MQScope for profile " + p.name() + "\n" + note
                + "mosquitto_sub" + common + " -t " + sh(topic) + " -q 1 -v &\n"
                + "mosquitto_pub" + common.toString().replace(" -i ", " -i pub-") + " -t " + sh(topic)
                + " -q 1 -m 'hello from MQScope'\n";
    }

    private static String mqscope(Profile p, String topic, boolean includeSecrets) {
        String url = ProfileUrl.format(p.toBuilder().username(null).password(null).build());
        StringBuilder opts = new StringBuilder(" --url ").append(sh(url));
        opts.append(" -V ").append(p.mqttVersion() == MqttVersion.V5 ? "5" : "3.1.1").append(" -k ")
                .append(p.keepAliveSeconds());
        if (p.username() != null) {
            opts.append(" -u ").append(sh(p.username()));
        }
        if (p.password() != null) {
            opts.append(" -P ").append(includeSecrets ? sh(p.password()) : "\"$MQTT_PASSWORD\"");
        }
        if (p.tls().caFile() != null && p.transport().secure()) {
            opts.append(" --cafile ").append(sh(p.tls().caFile()));
        }
        return "# Generated by MQScope for profile " + p.name() + "\n"
                + "mqscope sub" + opts + " -t " + sh(topic) + " -v &\n"
                + "mqscope pub" + opts + " -t " + sh(topic) + " -q 1 -m 'hello from MQScope'\n";
    }
}
