package io.mqscope.capture;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What a TCP connection carries, told from the first bytes of its client stream (and port hints where the bytes do
 * not say): MQTT (a CONNECT), MQTT over WebSocket (an HTTP upgrade with an mqtt subprotocol), TLS (a ClientHello,
 * listed when it looks like MQTT's), or something else.
 */
final class Recognizer {
    private static final Set<Integer> TLS_MQTT_PORTS = Set.of(8883, 8084, 1883, 8083);

    enum Kind { TCP, WS, TLS, OTHER }

    /** @param sni the TLS server name, when a ClientHello named one */
    record Verdict(Kind kind, String why, String sni) {
        Verdict(Kind kind, String why) {
            this(kind, why, null);
        }
    }

    private Recognizer() {
    }

    /** Which of two streams a client opened with (CONNECT, HTTP request, ClientHello); -1 when neither. */
    static int clientSide(byte[][] heads) {
        for (int i = 0; i < 2; i++) {
            if (looksLikeConnect(heads[i]) || startsWith(heads[i], "GET ") || TlsClientHello.starts(heads[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The verdict, or null when more client bytes are needed and {@code canWait}.
     *
     * @param hint       a port of the connection is an MQTT port (the usual ones, or the user's)
     * @param serverPort the broker's port
     * @param userPorts  ports the user named as MQTT
     */
    static Verdict recognize(byte[] h, byte[] server, boolean hint, int serverPort, Set<Integer> userPorts,
                             boolean canWait) {
        if (h.length == 0) {
            if (canWait) {
                return null;
            }
            return hint && !TlsClientHello.record(server)
                    ? new Verdict(Kind.TCP, "the port (the client sent nothing)")
                    : new Verdict(Kind.OTHER, "no client bytes");
        }
        if ((h[0] & 0xff) == 0x10 && (looksLikeConnect(h) || hint)) {
            return new Verdict(Kind.TCP, "a CONNECT opening the client stream");
        }
        if (startsWith(h, "GET ")) {
            int end = indexOf(h, "\r\n\r\n");
            if (end < 0 && canWait) {
                return null;
            }
            String header = new String(h, 0, end < 0 ? h.length : end, StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT);
            boolean upgrade = header.contains("upgrade: websocket");
            String proto = headerValue(header, "sec-websocket-protocol");
            if (upgrade && proto != null && proto.contains("mqtt")) {
                return new Verdict(Kind.WS, "an HTTP upgrade to WebSocket with subprotocol " + proto);
            }
            if (upgrade && (hint || header.contains("mqtt"))) {
                return new Verdict(Kind.WS, "an HTTP upgrade to WebSocket without an mqtt subprotocol, on an MQTT "
                        + "port or path");
            }
            return new Verdict(Kind.OTHER, "HTTP that is not a WebSocket upgrade to MQTT");
        }
        if (TlsClientHello.starts(h)) {
            if (h.length < TlsClientHello.firstRecordLength(h) && canWait) {
                return null;
            }
            TlsClientHello hello = TlsClientHello.parse(h);
            String sni = hello.sni();
            boolean mqtt = TLS_MQTT_PORTS.contains(serverPort) || userPorts.contains(serverPort)
                    || hello.alpn() != null && hello.alpn().contains("mqtt")
                    || sni != null && (sni.contains("mqtt") || sni.contains("iot"));
            String why = "a TLS ClientHello" + (sni == null ? "" : " for " + sni)
                    + (hello.alpn() == null ? "" : " (ALPN " + hello.alpn() + ")");
            return new Verdict(mqtt ? Kind.TLS : Kind.OTHER, why, sni);
        }
        if (TlsClientHello.record(h)) {
            return new Verdict(hint ? Kind.TLS : Kind.OTHER, "TLS records (the capture began after the handshake)");
        }
        if (hint) {
            return new Verdict(Kind.TCP, "the port; the client stream does not start with CONNECT");
        }
        return new Verdict(Kind.OTHER, "no CONNECT, WebSocket upgrade or TLS at the start");
    }

    static boolean looksLikeConnect(byte[] h) {
        if (h.length < 1 || (h[0] & 0xff) != 0x10) {
            return false;
        }
        String text = new String(h, 0, Math.min(h.length, 16), StandardCharsets.ISO_8859_1);
        return h.length < 9 || text.contains("MQTT") || text.contains("MQIsdp");
    }

    private static boolean startsWith(byte[] h, String prefix) {
        return h.length >= prefix.length() && new String(h, 0, prefix.length(), StandardCharsets.ISO_8859_1)
                .equals(prefix);
    }

    private static String headerValue(String header, String name) {
        for (String line : header.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    static int indexOf(byte[] h, String s) {
        byte[] n = s.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= h.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (h[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
