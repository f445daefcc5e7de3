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
        r.fields.add(new Field("ack_flags", at, 1, "0x" + Utf8.hex2(ack),
                List.of(new Field("session_present", at, 1, sp))));
        if ((ack & 0xfe) != 0 && r.version != 3) {
            r.error("ack_flags", at, 1, "ack_flags 0x" + Utf8.hex2(ack) + ": bits 7-1 are reserved and must be 0",
                    r.spec("3.1.1 §3.2.2.1", "5.0 §3.2.2.1 [MQTT-3.2.2-1]"));
        }
        int rcAt = r.pos;
        int rc = r.u8(r.version == 5 ? "reason_code" : "return_code", r.version == 5 ? "reason_code" : "return_code");
        if (rc < 0) {
            return;
        }
        if (r.version == 5) {
            String name = ReasonCodes.name(rc, PacketType.CONNACK);
            r.field("reason_code", rcAt, 1, rc);
            r.field("reason_name", rcAt, 1, name);
            if (!ReasonCodes.allowed(rc, PacketType.CONNACK)) {
                r.error("reason_code", rcAt, 1, "reason code 0x" + Utf8.hex2(rc) + (name == null ? " is not defined"
                        : " (" + name + ") is not valid in CONNACK"), "5.0 §3.2.2.2");
            }
            if (sp && rc >= 0x80) {
                r.error("ack_flags", at, 1, "session_present 1 with the error reason code 0x" + Utf8.hex2(rc)
                        + "; it must be 0 when the connection is refused", "5.0 §3.2.2.1.1 [MQTT-3.2.2-6]");
            }
            if (r.pos < r.end) {
                Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.CONNACK), "properties");
            } else {
                // Unlike PUBACK or DISCONNECT, CONNACK has no short form: the property length is always there.
                r.error("properties", r.pos, 0, "MQTT 5.0 CONNACK without its property length (remaining_length 2 "
                        + "is the MQTT 3.1.1 layout); a 5.0 CONNACK always carries it, 00 when empty",
                        "5.0 §3.2.2.3.1");
            }
            PacketDecoder.trailing(r, "properties", "the CONNACK properties", "5.0 §3.2.2.3");
            return;
        }
        String name = ReasonCodes.connackReturnCodeName(rc);
        r.field("return_code", rcAt, 1, rc);
        r.field("return_code_name", rcAt, 1, name);
        if (name == null) {
            r.error("return_code", rcAt, 1, "CONNACK return code " + rc + " is reserved (only 0-5 are defined)",
                    "3.1.1 §3.2.2.3 Table 3.1");
        }
        if (sp && rc != 0 && r.version == 4) { // 3.1 has no session present bit: the byte is unused there
            r.error("ack_flags", at, 1, "session_present 1 with the non-zero return code " + rc
                    + "; it must be 0 when the connection is refused", "3.1.1 §3.2.2.2 [MQTT-3.2.2-4]");
        }
        PacketDecoder.fixedLength(r, 2);
    }
}
