package io.mqscope.doctor;

import io.mqscope.doctor.Observation.Closer;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A conversation built packet by packet for rule-level tests: hand-encoded MQTT bytes (3.1.1 level 4, 5.0 level
 * 5) decoded by the real decoder, numbered per connection and side as the tap numbers them, on a clock the test
 * moves. Every insight the doctor gives is collected.
 */
final class Talk {
    final Doctor doctor;
    final List<Insight> insights = new ArrayList<>();
    private final Map<String, int[]> indexes = new HashMap<>();
    private final Map<String, Integer> versions = new HashMap<>();
    private long nanos = 1_000_000_000L;

    Talk() {
        this(DoctorSettings.DEFAULT.withAckTimeout(Duration.ofSeconds(2)));
    }

    Talk(DoctorSettings settings) {
        doctor = new Doctor(settings);
    }

    Talk open(String conn) {
        return open(conn, null);
    }

    Talk open(String conn, String host) {
        insights.addAll(doctor.see(new Observation.Opened(conn, nanos, host, "127.0.0.1")));
        return this;
    }

    Talk client(String conn, byte[] raw) {
        return packet(conn, Direction.CLIENT_TO_BROKER, raw);
    }

    Talk broker(String conn, byte[] raw) {
        return packet(conn, Direction.BROKER_TO_CLIENT, raw);
    }

    private Talk packet(String conn, Direction from, byte[] raw) {
        int version = (raw[0] & 0xf0) == 0x10 ? raw[8] : versions.getOrDefault(conn, 4);
        if ((raw[0] & 0xf0) == 0x10) {
            versions.put(conn, version);
        }
        int[] next = indexes.computeIfAbsent(conn, k -> new int[2]);
        DecodedPacket d = PacketDecoder.decode(raw, version, from);
        DecodedPacket p = new DecodedPacket(next[from.ordinal()]++, 0, d.raw(), d.type(), d.flags(),
                d.remainingLength(), d.protocolVersion(), d.fields(), d.findings(), null, null);
        insights.addAll(doctor.see(new Observation.Packet(conn, nanos, from, p)));
        nanos += 1_000_000L; // a millisecond between packets
        return this;
    }

    Talk close(String conn, Closer by) {
        insights.addAll(doctor.see(new Observation.Closed(conn, nanos, by)));
        return this;
    }

    Talk wait(int millis) {
        nanos += millis * 1_000_000L;
        insights.addAll(doctor.tick(nanos));
        return this;
    }

    List<String> rules() {
        return insights.stream().map(i -> i.rule().id()).toList();
    }

    // ---- packets ----

    static byte[] connect(int level, String clientId) {
        return connect(level, clientId, true, 60, null, null, null, -1);
    }

    /** CONNECT; {@code expiry} &lt; 0 leaves the 5.0 Session Expiry Interval out. */
    static byte[] connect(int level, String clientId, boolean clean, int keepAlive, String user, String password,
                          String willTopic, long expiry) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, "MQTT");
        b.write(level);
        int flags = (clean ? 0x02 : 0) | (user != null ? 0x80 : 0) | (password != null ? 0x40 : 0)
                | (willTopic != null ? 0x04 : 0);
        b.write(flags);
        b.write(keepAlive >> 8);
        b.write(keepAlive & 0xff);
        if (level == 5) {
            if (expiry >= 0) {
                b.write(5);
                b.write(0x11);
                int32(b, expiry);
            } else {
                b.write(0);
            }
        }
        string(b, clientId);
        if (willTopic != null) {
            if (level == 5) {
                b.write(0);
            }
            string(b, willTopic);
            string(b, "gone");
        }
        if (user != null) {
            string(b, user);
        }
        if (password != null) {
            string(b, password);
        }
        return packet(0x10, b.toByteArray());
    }

    /** A 5.0 CONNACK accepting with a Server Keep Alive (property 0x13). */
    static byte[] connackServerKeepAlive(int seconds) {
        return packet(0x20, new byte[] {0, 0, 3, 0x13, (byte) (seconds >> 8), (byte) seconds});
    }

    static byte[] connack(int level, boolean sessionPresent, int code) {
        return connack(level, sessionPresent, code, -1);
    }

    static byte[] connack(int level, boolean sessionPresent, int code, long maximumPacketSize) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(sessionPresent ? 1 : 0);
        b.write(code);
        if (level == 5) {
            if (maximumPacketSize > 0) {
                b.write(5);
                b.write(0x27);
                int32(b, maximumPacketSize);
            } else {
                b.write(0);
            }
        }
        return packet(0x20, b.toByteArray());
    }

    static byte[] publish(int level, String topic, int qos, int id, boolean dup, int payloadLength) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        string(b, topic);
        if (qos > 0) {
            b.write(id >> 8);
            b.write(id & 0xff);
        }
        if (level == 5) {
            b.write(0);
        }
        b.writeBytes(new byte[payloadLength]);
        return packet(0x30 | qos << 1 | (dup ? 8 : 0), b.toByteArray());
    }

    /** PUBACK (0x40), PUBREC (0x50), PUBREL (0x62), PUBCOMP (0x70): {@code reason} &lt; 0 for the short form. */
    static byte[] ack(int firstByte, int id, int reason) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(id >> 8);
        b.write(id & 0xff);
        if (reason >= 0) {
            b.write(reason);
        }
        return packet(firstByte, b.toByteArray());
    }

    static byte[] subscribe(int level, int id, String filter, int qos) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(id >> 8);
        b.write(id & 0xff);
        if (level == 5) {
            b.write(0);
        }
        string(b, filter);
        b.write(qos);
        return packet(0x82, b.toByteArray());
    }

    static byte[] suback(int level, int id, int... codes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(id >> 8);
        b.write(id & 0xff);
        if (level == 5) {
            b.write(0);
        }
        for (int c : codes) {
            b.write(c);
        }
        return packet(0x90, b.toByteArray());
    }

    static byte[] pingreq() {
        return new byte[] {(byte) 0xc0, 0};
    }

    static byte[] pingresp() {
        return new byte[] {(byte) 0xd0, 0};
    }

    static byte[] disconnect() {
        return new byte[] {(byte) 0xe0, 0};
    }

    static byte[] disconnect5(int reason) {
        return new byte[] {(byte) 0xe0, 2, (byte) reason, 0};
    }

    private static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int n = body.length;
        do {
            int digit = n % 128;
            n /= 128;
            out.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.write(bytes.length >> 8);
        b.write(bytes.length & 0xff);
        b.writeBytes(bytes);
    }

    private static void int32(ByteArrayOutputStream b, long v) {
        b.write((int) (v >> 24) & 0xff);
        b.write((int) (v >> 16) & 0xff);
        b.write((int) (v >> 8) & 0xff);
        b.write((int) v & 0xff);
    }
}
