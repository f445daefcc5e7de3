package io.mqscope.tap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The opening handshake of RFC 6455 §4.1 over a plain blocking stream, as {@code mqscope check} and the port probe
 * ({@link PortProbe#upgradeCode}) send it, and the answer's status line and headers. Never on an event loop.
 */
public final class WebSocketHandshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 16 * 1024;

    /** Code 0: no HTTP answer ({@code firstBytes} holds what came instead, {@code error} why it ended). */
    public record Answer(int code, String statusLine, Map<String, String> headers, byte[] firstBytes, IOException error,
            String body) {
        public Answer(int code, String statusLine, Map<String, String> headers, byte[] firstBytes,
                      IOException error) {
            this(code, statusLine, headers, firstBytes, error, "");
        }
    }

    private final String host;
    private final String path;
    private final String subprotocol;
    private final Map<String, String> extraHeaders;
    private final String key;

    public WebSocketHandshake(String host, String path, String subprotocol, Map<String, String> extraHeaders) {
        this.host = host;
        this.path = path;
        this.subprotocol = subprotocol;
        this.extraHeaders = extraHeaders;
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    public Answer exchange(InputStream in, OutputStream out) throws IOException {
        StringBuilder req = new StringBuilder();
        req.append("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ").append(key)
                .append("\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ").append(subprotocol)
                .append("\r\n");
        extraHeaders.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        out.write(req.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        IOException error = null;
        try {
            // byte by byte: what follows the head belongs to the WebSocket stream
            int last4 = 0;
            while (head.size() < MAX_HEAD) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
                last4 = (last4 << 8) | b;
                if (last4 == 0x0D0A0D0A) {
                    break;
                }
                if (head.size() == 1 && b != 'H') {
                    break;
                }
            }
        } catch (IOException e) {
            error = e;
        }
        byte[] bytes = head.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/")) {
            return new Answer(0, "", Map.of(), bytes, error);
        }
        String[] lines = text.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String[] status = lines[0].split(" ", 3);
        int code;
        try {
            code = Integer.parseInt(status.length > 1 ? status[1] : "");
        } catch (NumberFormatException e) {
            return new Answer(0, "", Map.of(), bytes, error);
        }
        return new Answer(code, lines[0], headers, bytes, error, code >= 300 ? body(in, headers) : "");
    }

    /** The start of an error page: nginx names some mistakes only there ("plain HTTP request ... HTTPS port"). */
    private static String body(InputStream in, Map<String, String> headers) {
        int length;
        try {
            length = Integer.parseInt(headers.getOrDefault("content-length", "0").trim());
        } catch (NumberFormatException e) {
            length = 0;
        }
        try {
            byte[] b = in.readNBytes(Math.min(Math.max(length, 0), 4096));
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public boolean acceptMatches(String accept) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1).equals(accept);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    /** The Host header for the profile's broker: its port unless it is the scheme's default (or 80, 443). */
    public static String hostHeader(io.mqscope.profile.Profile p) {
        String h = p.host().contains(":") ? "[" + p.host() + "]" : p.host();
        return p.port() == p.transport().defaultPort() || p.port() == 80 || p.port() == 443 ? h : h + ":" + p.port();
    }
}
