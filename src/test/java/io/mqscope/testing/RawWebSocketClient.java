package io.mqscope.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket client written out by hand (RFC 6455) so a test decides every byte: the upgrade request, one masked
 * frame per message exactly as a mini program sends it, close frames with a code and a reason.
 */
public final class RawWebSocketClient implements AutoCloseable {
    /** A frame as received: opcode, FIN and unmasked payload. */
    public record Frame(int opcode, boolean fin, byte[] payload) {
        public int closeCode() {
            return payload.length < 2 ? -1 : (payload[0] & 0xff) << 8 | payload[1] & 0xff;
        }

        public String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    public final Socket socket;
    public final int status;
    public final Map<String, String> headers;
    private final DataInputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();

    private RawWebSocketClient(Socket socket, int status, Map<String, String> headers, DataInputStream in) throws
            IOException {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.in = in;
        this.out = socket.getOutputStream();
    }

    /** Sends the upgrade request for {@code path} offering {@code subprotocol} (null: none) and reads the answer. */
    public static RawWebSocketClient open(int port, String path, String subprotocol) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(15_000);
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n") + "\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        DataInputStream in = new DataInputStream(s.getInputStream());
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        return new RawWebSocketClient(s, Integer.parseInt(statusLine.split(" ")[1]), headers, in);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the HTTP answer");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** The body after a refusal (Content-Length bytes). */
    public String body() throws IOException {
        byte[] b = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public void sendBinary(byte[] payload) throws IOException {
        send(0x2, payload);
    }

    public void sendClose(int code, String reason) throws IOException {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        send(0x8, p);
    }

    /** One final, masked frame (§5.3: a client masks every frame). */
    public void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length);
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /** The next frame, or null when the connection ended. */
    public Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] p = new byte[(int) len];
        in.readFully(p);
        return new Frame(b0 & 0x0f, (b0 & 0x80) != 0, p);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
