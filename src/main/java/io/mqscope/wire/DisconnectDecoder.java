package io.mqscope.wire;

/** DISCONNECT: 3.1.1 §3.14, 5.0 §3.14. */
final class DisconnectDecoder {
    private DisconnectDecoder() {
    }

    static void decode(PacketReader r) {
        if (r.version != 5) {
            PacketDecoder.fixedLength(r, 0);
            return;
        }
        if (r.pos < r.end) {
            PacketDecoder.reasonCode(r);
        } else {
            PacketDecoder.impliedSuccess(r);
        }
        if (r.pos < r.end) {
            int at = r.pos;
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.DISCONNECT));
            if (r.direction == Direction.BROKER_TO_CLIENT
                    && Field.find(r.fields, FieldName.SESSION_EXPIRY_INTERVAL) != null) {
                r.report(Rule.DISCONNECT_SESSION_EXPIRY_FROM_BROKER, "properties", at, r.pos - at);
            }
        }
        PacketDecoder.trailing(r, "properties", Rule.PROPERTIES_TRAILING_BYTES);
    }
}
