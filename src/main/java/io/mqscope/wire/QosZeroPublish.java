package io.mqscope.wire;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The stream decoder's fast path for the packet a flood is made of: a QoS 0 PUBLISH of MQTT 3.1 or 3.1.1 whose
 * bytes can break none of the decoder's rules. It is framed and checked from the bytes without building the field
 * list, which is decoded in full ({@link PacketDecoder}) the first time anyone reads it; most packets of a flood are
 * never looked at.
 *
 * <p>Exactly as strict as the full decoder: a packet qualifies only when the full decoder is known to find nothing
 * in it, so its findings are the empty list either way. Anything else (QoS 1 or 2, DUP set, a padded or short
 * Remaining Length, an empty topic or one with wildcards, control characters or any non-ASCII byte, MQTT 5 with its
 * properties) goes through the full decoder. PacketDecoderFastPathTest runs both paths over every corpus frame and
 * over generated edge cases and compares packets field by field.
 */
final class QosZeroPublish {
    private QosZeroPublish() {
    }

    /**
     * The packet for {@code raw} (one whole frame whose Remaining Length, {@code rl} in {@code rlLen} bytes, matches
     * its length) when it qualifies; null when the full decoder must look at it.
     *
     * @param version the stream's protocol version (0 while unknown: PUBLISH is then decoded as 3.1.1)
     */
    static DecodedPacket frame(byte[] raw, int rl, int rlLen, int version, Direction direction, int index,
                               long offset) {
        // 3.1.1 §3.3.1: type 3, DUP 0 and QoS 0 (DUP with QoS 0 is [MQTT-3.3.1-2]); RETAIN either way
        if ((raw[0] & 0xfe) != 0x30 || version == 5 || rlLen != minimalLength(rl)) {
            return null;
        }
        int topicAt = 1 + rlLen;
        if (rl < 3) {
            return null; // no room for a non-empty topic: the full decoder reports what is wrong
        }
        int topicLength = (raw[topicAt] & 0xff) << 8 | raw[topicAt + 1] & 0xff;
        if (topicLength == 0 || topicLength > rl - 2) {
            return null;
        }
        // 3.1.1 §1.5.3 and §4.7: printable ASCII has no UTF-8, control-character or non-character findings;
        // '+' and '#' are wildcards [MQTT-3.3.2-2]
        for (int i = topicAt + 2, end = topicAt + 2 + topicLength; i < end; i++) {
            int c = raw[i];
            if (c < 0x20 || c > 0x7e || c == '+' || c == '#') {
                return null;
            }
        }
        int decodeAs = version == 3 ? 3 : 4;
        return new DecodedPacket(index, offset, raw, PacketType.PUBLISH, raw[0] & 0x0f, rl, decodeAs,
                new OnDemand(raw, decodeAs, direction), List.of(), null, null);
    }

    /**
     * {@link Summary#of}'s line for a fast-path packet, from its bytes (its fields are never decoded for it): the topic
     * is printable ASCII and the payload what follows it (QoS 0 has no packet id); null for any other packet.
     */
    static String summary(DecodedPacket p) {
        if (!(p.fields() instanceof OnDemand)) {
            return null;
        }
        byte[] raw = p.raw();
        int topicAt = 1 + minimalLength(p.remainingLength());
        int topicLength = (raw[topicAt] & 0xff) << 8 | raw[topicAt + 1] & 0xff;
        int payload = p.remainingLength() - 2 - topicLength;
        return new StringBuilder(40 + topicLength).append("PUBLISH: topic \"")
                .append(new String(raw, topicAt + 2, topicLength, java.nio.charset.StandardCharsets.US_ASCII))
                .append("\", QoS 0, ").append(payload).append("-byte payload").toString();
    }

    /** The number of bytes of the shortest Variable Byte Integer for {@code value} (1.5.5 / 5.0 §1.5.5). */
    private static int minimalLength(int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    /** The field list of a fast-path packet: the full decoder's, made the first time a field is read. */
    private static final class OnDemand extends AbstractList<Field> implements RandomAccess {
        private final byte[] raw;
        private final int version;
        private final Direction direction;
        /** The decoded fields, once read; a race decodes twice and both get equal lists. */
        private volatile List<Field> fields;

        OnDemand(byte[] raw, int version, Direction direction) {
            this.raw = raw;
            this.version = version;
            this.direction = direction;
        }

        private List<Field> fields() {
            List<Field> f = fields;
            if (f == null) {
                f = PacketDecoder.decode(raw, version, direction).fields();
                fields = f;
            }
            return f;
        }

        @Override
        public Field get(int index) {
            return fields().get(index);
        }

        @Override
        public int size() {
            return fields().size();
        }
    }
}
