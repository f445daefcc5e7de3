package io.mqscope.check;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Whole MQTT packets over the check's connection after CONNACK: the fixed header and Remaining Length (MQTT 3.1.1
 * §2.2, 5.0 §2.1.4) written and read by hand, inside WebSocket binary frames for ws/wss. Reads wait until a
 * deadline through the socket's timeout, so the check's one thread never waits longer than the stage allows.
 */
final class PacketChannel {
    /** One packet: the type nibble, the flag nibble and the bytes after the Remaining Length. */
    record Packet(int type, int flags, byte[] body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean webSocket;

    PacketChannel(Socket socket, InputStream in, OutputStream out, boolean webSocket) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.webSocket = webSocket;
    }

    void send(byte[] packet) throws IOException {
        if (webSocket) {
            WebSocketStream.writeBinary(out, packet);
        } else {
            out.write(packet);
            out.flush();
        }
    }

    /** The next packet, or a {@link SocketTimeoutException} when none began before {@code deadlineNanos}. */
    Packet read(long deadlineNanos) throws IOException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int b0 = in.read();
        if (b0 < 0) {
            throw new EOFException("the broker closed the connection");
        }
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new EOFException("the broker closed the connection in a packet");
            }
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift < 28);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("the broker closed the connection in a packet");
        }
        return new Packet(b0 >> 4, b0 & 0x0F, body);
    }

    /** A packet: the first byte, the Remaining Length as a variable byte integer, the body. */
    static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream p = new ByteArrayOutputStream(body.length + 5);
        p.write(firstByte);
        int len = body.length;
        do {
            int digit = len % 128;
            len /= 128;
            p.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        p.writeBytes(body);
        return p.toByteArray();
    }
}
