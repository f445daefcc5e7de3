package io.mqscope.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The client's side of MQTT flows the round trips need, over one {@link PacketChannel}: SUBSCRIBE/SUBACK, outgoing
 * PUBLISH at QoS 0, 1 (PUBACK) and 2 (PUBREC, PUBREL, PUBCOMP: 3.1.1 §4.3, 5.0 §4.3), and incoming PUBLISH answered
 * as the spec asks of a receiver. Every packet read is dispatched here, so an ack that arrives while waiting for a
 * message (or the other way round) is never lost.
 */
final class RoundTrips {
    /** A message the broker delivered: when it arrived, its topic, QoS, retain flag and payload. */
    record Delivered(long nanos, String topic, int qos, boolean retain, byte[] payload) {
    }

    /** An ack: the reason code (0 for 3.1.1 and for a 5.0 ack without one) and, for SUBACK, every code. */
    record Ack(long nanos, int reason, List<Integer> codes) {
    }

    private static final int SUBACK = 9;
    private static final int PUBACK = 4;
    private static final int PUBREC = 5;
    private static final int PUBREL = 6;
    private static final int PUBCOMP = 7;
    private static final int UNSUBACK = 11;

    private final PacketChannel channel;
    private final int level;
    private final Map<String, Ack> acks = new HashMap<>();
    final List<Delivered> delivered = new ArrayList<>();
    private int nextId = 1;
    /** The reason code of a DISCONNECT the broker sent (MQTT 5 only), or -1. */
    int serverDisconnect = -1;

    RoundTrips(PacketChannel channel, int level) {
        this.channel = channel;
        this.level = level;
    }

    /** A random hex label for a unique topic. */
    static String nonce() {
        return Long.toHexString(new SecureRandom().nextLong() & 0xFFFFFFFFFFFFL);
    }

    int subscribe(String filter, int qos) throws IOException {
        int id = nextId++;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        id(b, id);
        properties(b);
        utf8(b, filter);
        b.write(qos);
        channel.send(PacketChannel.packet(0x82, b.toByteArray()));
        return id;
    }

    int unsubscribe(String filter) throws IOException {
        int id = nextId++;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        id(b, id);
        properties(b);
        utf8(b, filter);
        channel.send(PacketChannel.packet(0xA2, b.toByteArray()));
        return id;
    }

    /** Sends a PUBLISH and returns its packet identifier (0 at QoS 0). */
    int publish(String topic, int qos, boolean retain, byte[] payload) throws IOException {
        int id = qos == 0 ? 0 : nextId++;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        utf8(b, topic);
        if (qos > 0) {
            id(b, id);
        }
        properties(b);
        b.writeBytes(payload);
        channel.send(PacketChannel.packet(0x30 | qos << 1 | (retain ? 1 : 0), b.toByteArray()));
        return id;
    }

    Ack ack(int type, int id) {
        return acks.get(type + ":" + id);
    }

    Ack subAck(int id) {
        return ack(SUBACK, id);
    }

    Ack unsubAck(int id) {
        return ack(UNSUBACK, id);
    }

    /** The ack that ends an outgoing flow: PUBACK at QoS 1, PUBCOMP at QoS 2 (or a PUBREC that refused it). */
    Ack published(int qos, int id) {
        if (qos == 1) {
            return ack(PUBACK, id);
        }
        Ack rec = ack(PUBREC, id);
        return rec != null && rec.reason() >= 0x80 ? rec : ack(PUBCOMP, id);
    }

    /** Reads and answers packets until {@code done} holds; false when the deadline passed first. */
    boolean until(BooleanSupplier done, long deadlineNanos) throws IOException {
        while (!done.getAsBoolean()) {
            PacketChannel.Packet p;
            try {
                p = channel.read(deadlineNanos);
            } catch (SocketTimeoutException e) {
                return false;
            }
            dispatch(p);
        }
        return true;
    }

    /** The first delivery on {@code topic} carrying {@code payload}, or null. */
    Delivered find(String topic, byte[] payload) {
        for (Delivered d : delivered) {
            if (d.topic().equals(topic) && Arrays.equals(d.payload(), payload)) {
                return d;
            }
        }
        return null;
    }

    private void dispatch(PacketChannel.Packet p) throws IOException {
        long now = System.nanoTime();
        byte[] b = p.body();
        switch (p.type()) {
            case 3 -> received(p, now);
            case SUBACK, UNSUBACK -> {
                int pos = 2;
                if (level == 5 && b.length > 2) {
                    int[] at = {2};
                    int propLength = Connacks.varInt(b, at);
                    pos = at[0] + propLength;
                }
                List<Integer> codes = new ArrayList<>();
                for (int i = pos; i < b.length; i++) {
                    codes.add(b[i] & 0xFF);
                }
                int worst = codes.stream().filter(c -> c >= 0x80).findFirst().orElse(0);
                acks.put(p.type() + ":" + u16(b, 0), new Ack(now, worst, codes));
            }
            case PUBACK, PUBREC, PUBCOMP -> {
                int id = u16(b, 0);
                int reason = b.length > 2 ? b[2] & 0xFF : 0;
                acks.put(p.type() + ":" + id, new Ack(now, reason, List.of(reason)));
                if (p.type() == PUBREC && reason < 0x80) {
                    channel.send(PacketChannel.packet(0x62, Arrays.copyOf(b, 2)));
                }
            }
            case PUBREL -> channel.send(PacketChannel.packet(0x70, Arrays.copyOf(b, 2)));
            case 14 -> serverDisconnect = b.length > 0 ? b[0] & 0xFF : 0;
            default -> {
                // PINGRESP or anything else is not part of a round trip
            }
        }
    }

    private void received(PacketChannel.Packet p, long now) throws IOException {
        byte[] b = p.body();
        int qos = (p.flags() >> 1) & 3;
        int topicLength = u16(b, 0);
        String topic = new String(b, 2, topicLength, StandardCharsets.UTF_8);
        int pos = 2 + topicLength;
        int id = 0;
        if (qos > 0) {
            id = u16(b, pos);
            pos += 2;
        }
        if (level == 5) {
            int[] at = {pos};
            int propLength = Connacks.varInt(b, at);
            pos = at[0] + propLength;
        }
        delivered.add(new Delivered(now, topic, qos, (p.flags() & 1) != 0, Arrays.copyOfRange(b, pos, b.length)));
        if (qos == 1) {
            channel.send(PacketChannel.packet(0x40, new byte[] {(byte) (id >> 8), (byte) id}));
        } else if (qos == 2) {
            channel.send(PacketChannel.packet(0x50, new byte[] {(byte) (id >> 8), (byte) id}));
        }
    }

    /** An MQTT 5 packet's empty property list (5.0 §2.2.2); nothing in 3.1.1. */
    private void properties(ByteArrayOutputStream b) {
        if (level == 5) {
            b.write(0);
        }
    }

    private static void id(ByteArrayOutputStream b, int id) {
        b.write(id >> 8);
        b.write(id);
    }

    private static void utf8(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static int u16(byte[] b, int pos) {
        return ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
    }
}
