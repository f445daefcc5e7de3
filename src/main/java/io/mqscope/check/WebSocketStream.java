package io.mqscope.check;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;

/** RFC 6455 framing for the check's one CONNECT and CONNACK: masked binary frames out, server frames in. */
final class WebSocketStream {
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebSocketStream() {
    }

    /** One masked binary frame (RFC 6455 §5.2, §5.3: a client masks every frame). */
    static void writeBinary(OutputStream out, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        out.write(0x82);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        }
        out.write(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(masked);
        out.flush();
    }

    /** The payloads of the server's data frames as one stream; a close frame ends it. */
    static InputStream payloads(InputStream in) {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int pos;
            private boolean closed;

            @Override
            public int read() throws IOException {
                while (pos >= current.length) {
                    if (closed || !nextFrame()) {
                        return -1;
                    }
                }
                return current[pos++] & 0xFF;
            }

            private boolean nextFrame() throws IOException {
                int b0 = in.read();
                if (b0 < 0) {
                    return false;
                }
                int b1 = must(in.read());
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = (must(in.read()) << 8) | must(in.read());
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | must(in.read());
                    }
                }
                byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
                byte[] data = in.readNBytes((int) Math.min(len, 1 << 20));
                if (mask != null) {
                    for (int i = 0; i < data.length; i++) {
                        data[i] ^= mask[i & 3];
                    }
                }
                int opcode = b0 & 0x0F;
                if (opcode == 0x8) {
                    closed = true;
                    return false;
                }
                current = opcode <= 0x2 ? data : new byte[0];
                pos = 0;
                return true;
            }

            private int must(int b) throws EOFException {
                if (b < 0) {
                    throw new EOFException("WebSocket frame cut short");
                }
                return b;
            }
        };
    }
}
