package io.mqscope.wire;

/** SUBACK: 3.1.1 §3.9, 5.0 §3.9. */
final class SubAckDecoder {
    private SubAckDecoder() {
    }

    static void decode(PacketReader r) {
        PacketDecoder.packetId(r);
        boolean v5 = r.version == 5;
        if (v5 && r.pos <= r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.SUBACK));
        }
        PacketDecoder.codes(r, v5 ? FieldName.REASON_CODES : FieldName.RETURN_CODES);
    }
}
