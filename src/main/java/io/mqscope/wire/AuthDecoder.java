package io.mqscope.wire;

/** AUTH: 5.0 §3.15. */
final class AuthDecoder {
    private AuthDecoder() {
    }

    static void decode(PacketReader r) {
        if (r.pos < r.end) {
            PacketDecoder.reasonCode(r);
        } else {
            PacketDecoder.impliedSuccess(r);
        }
        if (r.pos < r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.AUTH), "properties");
        }
        PacketDecoder.trailing(r, "properties", "the AUTH properties", "5.0 §3.15.2");
    }
}
