package io.mqscope.wire;

/** UNSUBACK: 3.1.1 §3.11, 5.0 §3.11. */
final class UnsubAckDecoder {
    private UnsubAckDecoder() {
    }

    static void decode(PacketReader r) {
        PacketDecoder.packetId(r);
        if (r.version != 5) {
            PacketDecoder.fixedLength(r, 2);
            return;
        }
        if (r.pos <= r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.UNSUBACK));
        }
        PacketDecoder.codes(r, FieldName.REASON_CODES);
    }
}
