package io.mqscope.wire;

/** PUBACK, PUBREC, PUBREL and PUBCOMP, which share one layout: 3.1.1 §3.4-3.7, 5.0 §3.4-3.7. */
final class PubAckDecoder {
    private PubAckDecoder() {
    }

    static void decode(PacketReader r) {
        PacketDecoder.packetId(r);
        if (r.version != 5) {
            PacketDecoder.fixedLength(r, 2);
            return;
        }
        if (r.pos < r.end) {
            PacketDecoder.reasonCode(r);
        } else {
            PacketDecoder.impliedSuccess(r);
        }
        if (r.pos < r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(r.type));
        }
        PacketDecoder.trailing(r, "properties", Rule.PROPERTIES_TRAILING_BYTES);
    }
}
