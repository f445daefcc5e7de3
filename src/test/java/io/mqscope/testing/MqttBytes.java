package io.mqscope.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Hand-built MQTT packets for tests that talk to brokers over raw sockets. */
public final class MqttBytes {
    private MqttBytes() {
    }

    /** CONNECT with clean session, keep alive 60, no will, no credentials. {@code level}: 4 = 3.1.1, 5 = 5.0. */
    public static byte[] connect(int level, String clientId) {
        return connect(level, clientId, null, null);
    }

    public static byte[] connect(int level, String clientId, String username, String password) {
        ByteArrayOutputStream vh = new ByteArrayOutputStream();
        writeString(vh, "MQTT");
        vh.write(level);
        int flags = 0x02;
        if (username != null) {
            flags |= 0x80;
        }
        if (password != null) {
            flags |= 0x40;
        }
        vh.write(flags);
        vh.write(0);
        vh.write(60);
        if (level == 5) {
            vh.write(0); // property length
        }
        writeString(vh, clientId);
        if (username != null) {
            writeString(vh, username);
        }
        if (password != null) {
            writeString(vh, password);
        }
        return packet(0x10, vh.toByteArray());
    }

    /** PUBLISH QoS 0. */
    public static byte[] publish(int level, String topic, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeString(b, topic);
        if (level == 5) {
            b.write(0);
        }
        b.writeBytes(payload);
        return packet(0x30, b.toByteArray());
    }

    /** SUBSCRIBE with packet id 1 and the given QoS. */
    public static byte[] subscribe(int level, String filter, int qos) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        b.write(1);
        if (level == 5) {
            b.write(0);
        }
        writeString(b, filter);
        b.write(qos);
        return packet(0x82, b.toByteArray());
    }

    public static byte[] pingreq() {
        return new byte[] {(byte) 0xC0, 0};
    }

    public static byte[] disconnect() {
        return new byte[] {(byte) 0xE0, 0};
    }

    public static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int len = body.length;
        do {
            int digit = len % 128;
            len /= 128;
            out.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /**
     * A 3.1.1 CONNECT with the reserved connect flag set: a server must close the connection ([MQTT-3.1.2-3]);
     * mosquitto does so at once, which makes it a broker that hangs up on cue.
     */
    public static byte[] reservedFlagConnect(String clientId) {
        byte[] connect = connect(4, clientId);
        connect[9] |= 0x01; // fixed header (2), protocol name (6), level (1), then the connect flags
        return connect;
    }

    /** Writes, taking the failure a closed connection gives as the answer: false once the peer has closed it. */
    public static boolean send(java.io.OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** Reads one whole packet (fixed header included) from a stream. */
    public static byte[] readPacket(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int first = d.readUnsignedByte();
        out.write(first);
        int len = 0;
        int mul = 1;
        int b;
        do {
            b = d.readUnsignedByte();
            out.write(b);
            len += (b & 0x7F) * mul;
            mul *= 128;
        } while ((b & 0x80) != 0);
        byte[] body = new byte[len];
        d.readFully(body);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xFF);
        out.writeBytes(b);
    }
}
