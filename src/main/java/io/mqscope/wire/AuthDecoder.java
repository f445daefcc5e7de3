package io.mqscope.wire;

/** AUTH: 5.0 §3.15. */
final class AuthDecoder {
    private AuthDecoder() {
    }

    static void decode(PacketReader r) {
        int rc = 0;
        if (r.pos < r.end) {
            rc = r.b[r.pos] & 0xff;
            PacketDecoder.reasonCode(r);
        } else {
            PacketDecoder.impliedSuccess(r);
        }
        int propsAt = r.pos;
        boolean method = false;
        if (r.pos < r.end) {
            method = Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.AUTH)).authenticationMethod;
        }
        // 5.0 §3.15.2.2.2: omitting the Authentication Method is a Protocol Error. Checked for Continue and
        // Re-authenticate, which are pointless without it; a Success AUTH without it is accepted (short form).
        if (!method && (rc == 0x18 || rc == 0x19)) {
            r.report(Rule.AUTH_MISSING_METHOD, "properties", propsAt, r.pos - propsAt, Utf8.hex2(rc));
        }
        PacketDecoder.trailing(r, "properties", Rule.PROPERTIES_TRAILING_BYTES);
    }
}
