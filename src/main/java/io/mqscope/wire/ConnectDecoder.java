package io.mqscope.wire;

import java.util.List;

/** CONNECT: 3.1.1 §3.1, 5.0 §3.1 (and MQTT 3.1, protocol name MQIsdp). */
final class ConnectDecoder {
    private ConnectDecoder() {
    }

    static void decode(PacketReader r) {
        int at = r.pos;
        String name = r.string(FieldName.PROTOCOL_NAME, "protocol_name");
        int levelAt = r.pos;
        int level = r.u8("protocol_level", "protocol_level");
        if (level >= 0) {
            r.field(FieldName.PROTOCOL_LEVEL, levelAt, 1, level);
        }
        if (level >= 0x83 && level <= 0x85) {
            // Mosquitto bridges set bit 7 of the level (try_private, on by default) to tell a mosquitto broker
            // that the peer is a bridge: non-standard, but the rest is an ordinary CONNECT of level & 0x7f.
            r.report(Rule.CONNECT_BRIDGE_LEVEL, "protocol_level", levelAt, 1, Utf8.hex2(level), level & 0x7f);
            level &= 0x7f;
        }
        if (name != null) {
            if (!name.equals("MQTT") && !name.equals("MQIsdp")) {
                r.report(Rule.CONNECT_PROTOCOL_NAME, "protocol_name", at, Math.max(2, levelAt - at), levelAt - at - 2,
                        printable(name));
            } else if (level >= 0) {
                boolean ok = name.equals("MQTT") ? level == 4 || level == 5 : level == 3;
                if (!ok) {
                    r.report(name.equals("MQTT") ? Rule.CONNECT_PROTOCOL_LEVEL : Rule.CONNECT_PROTOCOL_LEVEL_31,
                            "protocol_level", levelAt, 1, level, name);
                }
            }
        }
        if (level == 3 || level == 4 || level == 5) {
            r.version = level;
        }
        int flagsAt = r.pos;
        int f = r.u8("connect_flags", "connect_flags");
        if (f < 0) {
            return;
        }
        boolean v5 = r.version == 5;
        boolean will = (f & 4) != 0;
        int willQos = f >> 3 & 3;
        boolean willRetain = (f & 0x20) != 0;
        boolean user = (f & 0x80) != 0;
        boolean pass = (f & 0x40) != 0;
        boolean clean = (f & 2) != 0;
        r.fields.add(new Field(FieldName.CONNECT_FLAGS, flagsAt, 1, "0x" + Utf8.hex2(f), List.of(
                new Field(FieldName.USERNAME_FLAG, flagsAt, 1, user),
                new Field(FieldName.PASSWORD_FLAG, flagsAt, 1, pass),
                new Field(FieldName.WILL_RETAIN, flagsAt, 1, willRetain),
                new Field(FieldName.WILL_QOS, flagsAt, 1, willQos),
                new Field(FieldName.WILL_FLAG, flagsAt, 1, will),
                new Field(v5 ? FieldName.CLEAN_START : FieldName.CLEAN_SESSION, flagsAt, 1, clean),
                new Field(FieldName.RESERVED, flagsAt, 1, f & 1))));
        if ((f & 1) != 0) {
            r.report(Rule.CONNECT_RESERVED_FLAG, "connect_flags", flagsAt, 1, Utf8.hex2(f));
        }
        if (willQos == 3) {
            r.report(Rule.CONNECT_WILL_QOS3, "connect_flags", flagsAt, 1, Utf8.hex2(f));
        } else if (!will && willQos != 0) {
            r.report(Rule.CONNECT_WILL_QOS_WITHOUT_WILL, "connect_flags", flagsAt, 1, Utf8.hex2(f), willQos);
        }
        if (!will && willRetain) {
            r.report(Rule.CONNECT_WILL_RETAIN_WITHOUT_WILL, "connect_flags", flagsAt, 1, Utf8.hex2(f));
        }
        if (pass && !user && !v5) {
            r.report(Rule.CONNECT_PASSWORD_WITHOUT_USERNAME, "connect_flags", flagsAt, 1, Utf8.hex2(f));
        }
        int kaAt = r.pos;
        int ka = r.u16("keepalive", "keepalive");
        if (ka < 0) {
            return;
        }
        r.field(FieldName.KEEPALIVE, kaAt, 2, ka);
        if (v5) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.CONNECT));
        }
        // Payload (3.1.1 §3.1.3): Client Identifier, Will Topic, Will Message, User Name, Password
        int idAt = r.pos;
        String clientId = r.string(FieldName.CLIENT_ID, "client_id");
        if (clientId != null) {
            if (clientId.isEmpty() && r.version == 3) {
                r.report(Rule.CONNECT_CLIENT_ID_EMPTY_31, "client_id", idAt, 2);
            } else if (clientId.isEmpty() && !clean && r.version == 4) {
                r.report(Rule.CONNECT_CLIENT_ID_EMPTY_PERSISTENT, "client_id", idAt, 2);
            } else if (r.version == 3 && clientId.codePointCount(0, clientId.length()) > 23) {
                r.report(Rule.CONNECT_CLIENT_ID_TOO_LONG_31, "client_id", idAt, r.pos - idAt,
                        clientId.codePointCount(0, clientId.length()));
            }
        }
        if (will && r.pos <= r.end) {
            int payloadFormat = -1;
            if (v5) {
                payloadFormat = Mqtt5Properties.read(r, Mqtt5Properties.WILL).payloadFormat;
            }
            int wtAt = r.pos;
            String wt = r.string(FieldName.WILL_TOPIC, "will_topic");
            TopicRules.checkName(r, wt, wtAt, "will_topic");
            if (wt != null && wt.isEmpty()) {
                r.report(Rule.CONNECT_WILL_TOPIC_EMPTY, "will_topic", wtAt, 2);
            }
            int wpAt = r.pos + 2;
            String wp = r.binary(FieldName.WILL_PAYLOAD, "will_payload");
            if (payloadFormat == 1 && wp != null) {
                Utf8.checkPayload(r, wpAt, r.pos, "will_payload", Rule.WILL_PAYLOAD_NOT_UTF8);
            }
        }
        if (user) {
            r.string(FieldName.USERNAME, "username");
        }
        if (pass) {
            r.binary(FieldName.PASSWORD, "password");
        }
        PacketDecoder.trailing(r, "payload", Rule.CONNECT_TRAILING_BYTES);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append("\\x").append(Utf8.hex2(c));
            } else {
                sb.append(c);
            }
        }
        return s.length() > 40 ? sb + "..." : sb.toString();
    }
}
