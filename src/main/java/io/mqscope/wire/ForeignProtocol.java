package io.mqscope.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Recognises bytes that are not MQTT at all where an MQTT packet should start: HTTP (a TCP client at a WebSocket
 * port or the reverse), TLS records (TLS to a plain port, or plain MQTT to a TLS port) and WebSocket frames inside a
 * raw TCP stream (a relay or capture that did not unwrap WebSocket).
 */
final class ForeignProtocol {
    private ForeignProtocol() {
    }

    /**
     * A recognised foreign protocol unit at the sniffed position.
     *
     * @param what      what the bytes are, in English, for the {@code not_mqtt} field's value
     * @param rule      the finding's rule, with {@code args} its argument values
     * @param diagnosis what probably went wrong
     */
    record Match(String protocol, int length, String what, Rule rule, List<Object> args, Diagnosis diagnosis) {
        Match {
            args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
        }
    }

    /** Returned when more bytes are needed to decide. */
    static final Match NEED_MORE = new Match("", 0, "", Rule.UNREGISTERED, List.of(""), null);

    /** Longest HTTP head taken as one unit when its blank line does not come. */
    private static final int MAX_HTTP_HEAD = 8192;

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
                return httpMatch(b, off, len, s.startsWith("HTTP"), dir, last);
            }
            prefix |= same;
        }
        return prefix && !last ? NEED_MORE : null;
    }

    private static Match httpMatch(byte[] b, int off, int len, boolean response, Direction dir, boolean last) {
        int end = off + len;
        int headersEnd = -1;
        for (int i = off; i + 3 < end && i - off < MAX_HTTP_HEAD; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                headersEnd = i + 4;
                break;
            }
        }
        if (headersEnd < 0) {
            // The head is the message up to its blank line; a split stream must not cut it elsewhere.
            if (len < MAX_HTTP_HEAD && !last) {
                return NEED_MORE;
            }
            headersEnd = off + Math.min(len, MAX_HTTP_HEAD);
        }
        String text = new String(b, off, headersEnd - off, StandardCharsets.ISO_8859_1);
        int eol = text.indexOf('\r');
        String line = (eol < 0 ? text : text.substring(0, eol));
        if (line.length() > 80) {
            line = line.substring(0, 80) + "...";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean upgrade = lower.contains("upgrade: websocket");
        Rule rule;
        Diagnosis diagnosis;
        if (!response) {
            rule = Rule.NOT_MQTT_HTTP_REQUEST;
            diagnosis = Diagnosis.of(upgrade ? Rule.DIAGNOSIS_WEBSOCKET_CLIENT_ON_TCP_PORT
                    : Rule.DIAGNOSIS_HTTP_CLIENT_ON_MQTT_PORT);
        } else {
            boolean switching = line.contains(" 101");
            rule = Rule.NOT_MQTT_HTTP_RESPONSE;
            diagnosis = Diagnosis.of(switching ? Rule.DIAGNOSIS_WEBSOCKET_HANDSHAKE_IN_STREAM
                    : Rule.DIAGNOSIS_MQTT_CLIENT_ON_HTTP_PORT);
        }
        if (dir != null && (dir == Direction.BROKER_TO_CLIENT) != response) {
            diagnosis = Diagnosis.of(dir == Direction.CLIENT_TO_BROKER ? Rule.DIAGNOSIS_UNUSUAL_FROM_CLIENT
                    : Rule.DIAGNOSIS_UNUSUAL_FROM_BROKER, diagnosis);
        }
        return new Match("HTTP", headersEnd - off, line, rule, List.of(line), diagnosis);
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
        if (!last && (recLen < 0 || 5 + recLen > len)) {
            return NEED_MORE; // the record is one unit: a split stream must not cut it elsewhere
        }
        int length = recLen >= 0 && 5 + recLen <= len ? 5 + recLen : len;
        Phrase what;
        boolean serverHello = false;
        if (type == 0x16) {
            int hs = length >= 6 ? b[off + 5] & 0xff : -1; // inside the record only
            serverHello = hs == 2;
            what = hs == 1 ? Phrase.TLS_CLIENT_HELLO : hs == 2 ? Phrase.TLS_SERVER_HELLO : Phrase.TLS_HANDSHAKE;
        } else if (type == 0x15) {
            what = Phrase.TLS_ALERT;
        } else if (type == 0x17) {
            what = Phrase.TLS_APPLICATION_DATA;
        } else {
            what = Phrase.TLS_CHANGE_CIPHER_SPEC;
        }
        boolean fromServer = dir == Direction.BROKER_TO_CLIENT || serverHello;
        Diagnosis diagnosis = Diagnosis.of(fromServer ? Rule.DIAGNOSIS_PLAIN_MQTT_ON_TLS_PORT
                : Rule.DIAGNOSIS_TLS_ON_PLAIN_PORT);
        return new Match("TLS", length, what.with().toString(), Rule.NOT_MQTT_TLS,
                List.of(what.with(), HexDump.hex(b, off, Math.min(5, len)), version), diagnosis);
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
        Wording carries;
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
                carries = Phrase.WEBSOCKET_MQTT_PAYLOAD.with(inner.type().name(), pl.length);
            }
        } else if (f.opcode() == WebSocketFrame.TEXT) {
            carries = Phrase.WEBSOCKET_TEXT.with();
        } else if (f.opcode() == WebSocketFrame.CLOSE) {
            int code = pl.length >= 2 ? (pl[0] & 0xff) << 8 | pl[1] & 0xff : -1;
            if (code >= 0 && (code < 1000 || code > 4999)) {
                return null;
            }
            carries = code < 0 ? Phrase.WEBSOCKET_CLOSE.with() : Phrase.WEBSOCKET_CLOSE_STATUS.with(code);
        } else {
            carries = Phrase.WEBSOCKET_CONTROL.with(f.opcodeName());
        }
        String what = "a WebSocket frame (" + (f.masked() ? "masked, " : "") + f.opcodeName() + ", "
                + pl.length + " bytes payload)";
        return new Match("WebSocket", f.length(), what, f.masked() ? Rule.NOT_MQTT_WEBSOCKET_MASKED
                : Rule.NOT_MQTT_WEBSOCKET, List.of(f.opcodeName(), pl.length, carries),
                Diagnosis.of(Rule.DIAGNOSIS_WEBSOCKET_IN_TCP_STREAM));
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
