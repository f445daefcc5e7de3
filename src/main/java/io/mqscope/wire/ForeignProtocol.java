package io.mqscope.wire;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Recognises bytes that are not MQTT at all where an MQTT packet should start: HTTP (a TCP client at a WebSocket
 * port or the reverse), TLS records (TLS to a plain port, or plain MQTT to a TLS port) and WebSocket frames inside a
 * raw TCP stream (a relay or capture that did not unwrap WebSocket).
 */
final class ForeignProtocol {
    private ForeignProtocol() {
    }

    /** A recognised foreign protocol unit at the sniffed position. */
    record Match(String protocol, int length, String what, String message, String diagnosis) {
    }

    /** Returned when more bytes are needed to decide. */
    static final Match NEED_MORE = new Match("", 0, "", "", "");

    private static final String[] HTTP_STARTS = {"GET ", "POST ", "PUT ", "HEAD ", "OPTIONS ", "DELETE ", "PATCH ",
        "CONNECT ", "HTTP/1."};

    /** True when the first byte could start something this class recognises: a cheap filter for the hot path. */
    static boolean candidate(int first) {
        return switch (first) {
            case 'G', 'P', 'H', 'O', 'D', 'C', 0x14, 0x15, 0x16, 0x17, 0x81, 0x82, 0x88, 0x89, 0x8a -> true;
            default -> false;
        };
    }

    /**
     * Looks at the bytes at {@code off}. Returns a match, {@link #NEED_MORE} when the bytes so far could still be a
     * foreign protocol (only when {@code last} is false), or null when they are not recognised.
     */
    static Match sniff(byte[] b, int off, int len, Direction dir, boolean last) {
        if (len == 0) {
            return last ? null : NEED_MORE;
        }
        int c = b[off] & 0xff;
        if (c >= 0x14 && c <= 0x17) {
            return tls(b, off, len, dir, last);
        }
        if (c >= 0x81 && c <= 0x8a) {
            return webSocket(b, off, len, dir, last);
        }
        return http(b, off, len, dir, last);
    }

    private static Match http(byte[] b, int off, int len, Direction dir, boolean last) {
        boolean prefix = false;
        for (String s : HTTP_STARTS) {
            int n = Math.min(len, s.length());
            boolean same = true;
            for (int i = 0; i < n; i++) {
                if (b[off + i] != s.charAt(i)) {
                    same = false;
                    break;
                }
            }
            if (same && n == s.length()) {
                return httpMatch(b, off, len, s.startsWith("HTTP"), dir);
            }
            prefix |= same;
        }
        return prefix && !last ? NEED_MORE : null;
    }

    private static Match httpMatch(byte[] b, int off, int len, boolean response, Direction dir) {
        int end = off + len;
        int headersEnd = end;
        for (int i = off; i + 3 < end; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                headersEnd = i + 4;
                break;
            }
        }
        String text = new String(b, off, headersEnd - off, StandardCharsets.ISO_8859_1);
        int eol = text.indexOf('\r');
        String line = (eol < 0 ? text : text.substring(0, eol));
        if (line.length() > 80) {
            line = line.substring(0, 80) + "...";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean upgrade = lower.contains("upgrade: websocket");
        String msg;
        String diagnosis;
        if (!response) {
            msg = "these bytes are an HTTP request (\"" + line + "\"), not an MQTT packet";
            diagnosis = upgrade
                    ? "A WebSocket client (ws:// or wss:// URL) is talking to a plain MQTT TCP port: it sent the "
                    + "WebSocket upgrade request where the broker expects CONNECT. Use the broker's WebSocket port "
                    + "(often 8083, 8080 or 443, with a path such as /mqtt), or switch the profile to tcp:// on port "
                    + "1883."
                    : "An HTTP client (a browser, health check or HTTP proxy) is talking to the MQTT port. MQTT over "
                    + "TCP starts with a CONNECT packet (first byte 0x10).";
        } else {
            boolean switching = line.contains(" 101");
            msg = "these bytes are an HTTP response (\"" + line + "\"), not an MQTT packet";
            diagnosis = switching
                    ? "This is the WebSocket handshake response (101 Switching Protocols): the MQTT packets that follow"
                    + " are wrapped in WebSocket frames. Decode the WebSocket payloads, not the raw TCP stream."
                    : "The port speaks HTTP: the client sent raw MQTT (tcp://) to a WebSocket or HTTP port, and the "
                    + "server answered with an HTTP error. Use ws:// (or wss://) with the broker's WebSocket path "
                    + "(often /mqtt), or the broker's plain MQTT port (usually 1883).";
        }
        if (dir != null && (dir == Direction.BROKER_TO_CLIENT) != response) {
            diagnosis += " (Unusually, this came from the " + dir.peer() + ".)";
        }
        return new Match("HTTP", headersEnd - off, line, msg, diagnosis);
    }

    private static Match tls(byte[] b, int off, int len, Direction dir, boolean last) {
        if (len < 3) {
            if (len == 2 && b[off + 1] != 3) {
                return null;
            }
            return last ? null : NEED_MORE;
        }
        if (b[off + 1] != 3 || (b[off + 2] & 0xff) > 4) {
            return null;
        }
        int type = b[off] & 0xff;
        String version = switch (b[off + 2]) {
            case 0 -> "SSL 3.0";
            case 1 -> "TLS 1.0";
            case 2 -> "TLS 1.1";
            default -> "TLS 1.2";
        };
        int recLen = len >= 5 ? (b[off + 3] & 0xff) << 8 | b[off + 4] & 0xff : -1;
        int length = recLen >= 0 && 5 + recLen <= len ? 5 + recLen : len;
        String what;
        if (type == 0x16) {
            int hs = len >= 6 ? b[off + 5] & 0xff : -1;
            what = hs == 1 ? "a TLS ClientHello" : hs == 2 ? "a TLS ServerHello" : "a TLS handshake record";
        } else if (type == 0x15) {
            what = "a TLS alert";
        } else if (type == 0x17) {
            what = "TLS application data";
        } else {
            what = "a TLS ChangeCipherSpec record";
        }
        String msg = "these bytes are " + what + " (record header " + HexDump.hex(b, off, Math.min(5, len))
                + ", " + version + " record layer), not an MQTT packet";
        boolean fromServer = dir == Direction.BROKER_TO_CLIENT || what.contains("ServerHello");
        String diagnosis = fromServer
                ? "The broker port speaks TLS: the client sent plain MQTT to a TLS port (usually 8883), so the "
                + "server answered with TLS. Enable TLS in the profile (mqtts:// or ssl://) or use the plain port "
                + "(usually 1883)."
                : "The client speaks TLS (mqtts://, ssl:// or wss://) but the port expects plain MQTT: enable TLS "
                + "only for the broker's TLS port (usually 8883), or switch the profile to tcp:// for port 1883.";
        return new Match("TLS", length, what, msg, diagnosis);
    }

    private static Match webSocket(byte[] b, int off, int len, Direction dir, boolean last) {
        WebSocketFrame.Parse p = WebSocketFrame.parse(b, off, len);
        if (p instanceof WebSocketFrame.NeedMore) {
            return last ? null : NEED_MORE;
        }
        if (!(p instanceof WebSocketFrame.Complete complete)) {
            return null;
        }
        WebSocketFrame f = complete.frame();
        if (dir != null && f.masked() != (dir == Direction.CLIENT_TO_BROKER)) {
            // RFC 6455 §5.1: a client masks every frame, a server never does. Bytes with the other masking are
            // not WebSocket from this side (82 00 from a client is an empty SUBSCRIBE, not an empty message).
            return null;
        }
        byte[] pl = f.payload();
        String carries;
        if (f.opcode() == WebSocketFrame.BINARY || f.opcode() == WebSocketFrame.CONTINUATION) {
            if (pl.length == 0) {
                // An empty binary message carries no MQTT; the two bytes read better as an MQTT packet with
                // remaining_length 0 (SUBSCRIBE 82 00), whose own findings say what is wrong.
                return null;
            } else {
                int first = pl[0] & 0xff;
                if (!plausibleMqttStart(first)) {
                    return null;
                }
                DecodedPacket inner = PacketDecoder.decode(pl, 4, dir);
                carries = "a binary message whose payload starts with an MQTT " + inner.type().name() + " ("
                        + pl.length + " bytes)";
            }
        } else if (f.opcode() == WebSocketFrame.TEXT) {
            carries = "a text message (MQTT over WebSocket must use binary messages)";
        } else if (f.opcode() == WebSocketFrame.CLOSE) {
            int code = pl.length >= 2 ? (pl[0] & 0xff) << 8 | pl[1] & 0xff : -1;
            if (code >= 0 && (code < 1000 || code > 4999)) {
                return null;
            }
            carries = "a close frame" + (code < 0 ? "" : " (status " + code + ")");
        } else {
            carries = "a " + f.opcodeName() + " frame";
        }
        String what = "a WebSocket frame (" + (f.masked() ? "masked, " : "") + f.opcodeName() + ", "
                + pl.length + " bytes payload)";
        String msg = "these bytes are " + what + ", not an MQTT packet: " + carries;
        String diagnosis = "WebSocket frames appear in a raw TCP MQTT stream: the peer speaks MQTT over WebSocket "
                + "(ws:// or wss://) while these bytes were read as plain MQTT. Unwrap the WebSocket messages "
                + "and decode their payloads, or make both sides use the same transport.";
        return new Match("WebSocket", f.length(), what, msg, diagnosis);
    }

    /** A first byte that a well-formed MQTT packet can have (type 1-15 with its required flags). */
    static boolean plausibleMqttStart(int first) {
        int type = first >> 4;
        int flags = first & 0xf;
        return switch (type) {
            case 0 -> false;
            case 3 -> (flags & 6) != 6;
            case 6, 8, 10 -> flags == 2;
            default -> flags == 0;
        };
    }
}
