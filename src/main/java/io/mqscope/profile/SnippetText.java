package io.mqscope.profile;

import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.ParseResult;
import io.mqscope.payload.TextCharset;
import java.nio.charset.StandardCharsets;

/**
 * What every generated snippet needs from a profile, written once: string literals of each target language (so that
 * a quote in a topic or password cannot break the code), the broker URL, the client id and the will's bytes.
 */
final class SnippetText {
    static final String PUBLISHED = "hello from MQScope";

    private SnippetText() {
    }

    /** A JavaScript string literal. */
    static String js(String s) {
        return s == null ? "undefined" : quoted(s, '\'');
    }

    /** A Java (or Python) string literal in double quotes. */
    static String java(String s) {
        return s == null ? "null" : quoted(s, '"');
    }

    /** A Python string literal. */
    static String py(String s) {
        return s == null ? "None" : quoted(s, '"');
    }

    private static String quoted(String s, char quote) {
        StringBuilder b = new StringBuilder().append(quote);
        for (char c : s.toCharArray()) {
            if (c == quote || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(quote).toString();
    }

    /** A POSIX shell word. */
    static String sh(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static String host(Profile p) {
        return p.host() == null || p.host().isBlank() ? "localhost" : p.host();
    }

    /** The WebSocket path with its leading slash ("/mqtt"; "/" when the profile has none). */
    static String wsPath(Profile p) {
        String path = p.wsPath() == null || p.wsPath().isEmpty() ? "/" : p.wsPath();
        return path.startsWith("/") ? path : "/" + path;
    }

    /**
     * The broker URL in {@code scheme}; with {@code omitDefaultPort} a WebSocket URL on its scheme's default port
     * (80, 443) leaves the port out, as a mini program's socket legal domain is written.
     */
    static String url(Profile p, String scheme, boolean omitDefaultPort) {
        String host = host(p);
        boolean dflt = p.transport().webSocket() && p.port() == (p.transport().secure() ? 443 : 80);
        String port = omitDefaultPort && dflt ? "" : ":" + p.port();
        return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + port
                + (p.transport().webSocket() ? wsPath(p) : "");
    }

    static String scheme(Profile p) {
        return switch (p.transport()) {
            case TCP -> "mqtt";
            case TLS -> "mqtts";
            case WS -> "ws";
            case WSS -> "wss";
        };
    }

    /** The profile's client id, or a fixed one when it has none (an empty id is refused by many brokers). */
    static String clientId(Profile p) {
        return p.clientId() == null || p.clientId().isEmpty() ? "mqscope-snippet" : p.clientId();
    }

    static boolean v5(Profile p) {
        return p.mqttVersion() == MqttVersion.V5;
    }

    static boolean hasWill(Profile p) {
        return p.will() != null && p.will().topic() != null && !p.will().topic().isEmpty();
    }

    /** The will's payload as bytes, written as the profile says (text, json, hex, base64); empty when it has none. */
    static byte[] willBytes(Profile.Will w) {
        if (w.payload() == null) {
            return new byte[0];
        }
        PayloadFormat f = w.payloadFormat() == null ? PayloadFormat.TEXT : PayloadFormat.byId(w.payloadFormat());
        ParseResult<byte[]> r = PayloadCodec.parse(w.payload(), f == null ? PayloadFormat.TEXT : f,
                TextCharset.UTF_8);
        return r.ok() ? r.value() : w.payload().getBytes(StandardCharsets.UTF_8);
    }

    /** The will's payload as text when it is text (UTF-8 without control characters), else null. */
    static String willText(Profile.Will w) {
        byte[] b = willBytes(w);
        return PayloadCodec.isText(b, TextCharset.UTF_8) ? new String(b, StandardCharsets.UTF_8) : null;
    }

    static String hex(byte[] b) {
        return PayloadCodec.hex(b, 0, b.length).replace(" ", "");
    }

    /** Says how the secret is filled in: given, or read from the environment variable MQTT_PASSWORD. */
    static boolean hasPassword(Profile p) {
        return p.password() != null;
    }
}
