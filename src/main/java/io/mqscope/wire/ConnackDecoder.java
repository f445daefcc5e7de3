package io.mqscope.wire;

import java.util.List;

/** CONNACK: 3.1.1 §3.2, 5.0 §3.2. */
final class ConnackDecoder {
    private ConnackDecoder() {
    }

    static void decode(PacketReader r) {
        int at = r.pos;
        int ack = r.u8("ack_flags", "ack_flags");
        if (ack < 0) {
            return;
        }
        boolean sp = (ack & 1) != 0;
        r.fields.add(new Field(FieldName.ACK_FLAGS, at, 1, "0x" + Utf8.hex2(ack),
                List.of(new Field(FieldName.SESSION_PRESENT, at, 1, sp))));
        if ((ack & 0xfe) != 0 && r.version != 3) {
            r.report(Rule.CONNACK_RESERVED_FLAGS, "ack_flags", at, 1, Utf8.hex2(ack));
        }
        int rcAt = r.pos;
        int rc = r.u8(r.version == 5 ? "reason_code" : "return_code", r.version == 5 ? "reason_code" : "return_code");
        if (rc < 0) {
            return;
        }
        if (r.version == 5) {
            String name = ReasonCodes.name(rc, PacketType.CONNACK);
            r.field(FieldName.REASON_CODE, rcAt, 1, rc);
            r.field(FieldName.REASON_NAME, rcAt, 1, name);
            if (!ReasonCodes.allowed(rc, PacketType.CONNACK)) {
                if (name == null) {
                    r.report(Rule.CONNACK_REASON_CODE_UNDEFINED, "reason_code", rcAt, 1, Utf8.hex2(rc));
                } else {
                    r.report(Rule.CONNACK_REASON_CODE_NOT_ALLOWED, "reason_code", rcAt, 1, Utf8.hex2(rc), name);
                }
            }
            if (sp && rc >= 0x80) {
                r.report(Rule.CONNACK_SESSION_PRESENT_ON_ERROR, "ack_flags", at, 1, Utf8.hex2(rc));
            }
            if (r.pos < r.end) {
                Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.CONNACK));
            } else {
                // Unlike PUBACK or DISCONNECT, CONNACK has no short form: the property length is always there.
                r.report(Rule.CONNACK_MISSING_PROPERTIES, "properties", r.pos, 0);
            }
            PacketDecoder.trailing(r, "properties", Rule.CONNACK_TRAILING_BYTES);
            return;
        }
        String name = ReasonCodes.connackReturnCodeName(rc);
        r.field(FieldName.RETURN_CODE, rcAt, 1, rc);
        r.field(FieldName.RETURN_CODE_NAME, rcAt, 1, name);
        if (name == null) {
            r.report(Rule.CONNACK_RETURN_CODE_RESERVED, "return_code", rcAt, 1, rc);
        }
        if (sp && rc != 0 && r.version == 4) { // 3.1 has no session present bit: the byte is unused there
            r.report(Rule.CONNACK_SESSION_PRESENT_ON_REFUSAL, "ack_flags", at, 1, rc);
        }
        PacketDecoder.fixedLength(r, 2);
    }
}
