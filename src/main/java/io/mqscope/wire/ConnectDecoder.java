package io.mqscope.wire;

import java.util.List;

/** CONNECT: 3.1.1 §3.1, 5.0 §3.1 (and MQTT 3.1, protocol name MQIsdp). */
final class ConnectDecoder {
    private ConnectDecoder() {
    }

    static void decode(PacketReader r) {
        int at = r.pos;
        String name = r.string("protocol_name", "protocol_name");
        int levelAt = r.pos;
        int level = r.u8("protocol_level", "protocol_level");
        if (level >= 0) {
            r.field("protocol_level", levelAt, 1, level);
        }
        if (level >= 0x83 && level <= 0x85) {
            // Mosquitto bridges set bit 7 of the level (try_private, on by default) to tell a mosquitto broker
            // that the peer is a bridge: non-standard, but the rest is an ordinary CONNECT of level & 0x7f.
            r.warning("protocol_level", levelAt, 1, "protocol level 0x" + Utf8.hex2(level) + " is level "
                    + (level & 0x7f) + " with bit 7 set: a mosquitto bridge (bridge try_private true); brokers other "
                    + "than mosquitto answer 0x01 unacceptable protocol version (set try_private false)",
                    r.spec("3.1.1 §3.1.2.2 [MQTT-3.1.2-2]", "5.0 §3.1.2.2 [MQTT-3.1.2-2]"));
            level &= 0x7f;
        }
        if (name != null) {
            if (!name.equals("MQTT") && !name.equals("MQIsdp")) {
                r.error("protocol_name", at, Math.max(2, levelAt - at), "protocol name length " + (levelAt - at - 2)
                        + " (\"" + printable(name) + "\") instead of 00 04 \"MQTT\" (or 00 06 \"MQIsdp\" for 3.1)",
                        r.spec("3.1.1 §3.1.2.1 [MQTT-3.1.2-1]", "5.0 §3.1.2.1 [MQTT-3.1.2-1]"));
            } else if (level >= 0) {
                boolean ok = name.equals("MQTT") ? level == 4 || level == 5 : level == 3;
                if (!ok) {
                    r.error("protocol_level", levelAt, 1, "protocol level " + level + " with protocol name \"" + name
                            + "\": expected " + (name.equals("MQTT") ? "4 (3.1.1) or 5 (5.0)" : "3 (MQTT 3.1)")
                            + "; a broker answers 0x01 unacceptable protocol version",
                            r.spec("3.1.1 §3.1.2.2 [MQTT-3.1.2-2]", "5.0 §3.1.2.2 [MQTT-3.1.2-2]"));
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
        r.fields.add(new Field("connect_flags", flagsAt, 1, "0x" + Utf8.hex2(f), List.of(
                new Field("username_flag", flagsAt, 1, user),
                new Field("password_flag", flagsAt, 1, pass),
                new Field("will_retain", flagsAt, 1, willRetain),
                new Field("will_qos", flagsAt, 1, willQos),
                new Field("will_flag", flagsAt, 1, will),
                new Field(v5 ? "clean_start" : "clean_session", flagsAt, 1, clean),
                new Field("reserved", flagsAt, 1, f & 1))));
        if ((f & 1) != 0) {
            r.error("connect_flags", flagsAt, 1, "connect_flags 0x" + Utf8.hex2(f) + ": the reserved bit 0 is set; it "
                    + "must be 0", r.spec("3.1.1 §3.1.2.3 [MQTT-3.1.2-3]", "5.0 §3.1.2.3 [MQTT-3.1.2-3]"));
        }
        if (willQos == 3) {
            r.error("connect_flags", flagsAt, 1, "connect_flags 0x" + Utf8.hex2(f) + ": Will QoS 3 (both bits set)",
                    r.spec("3.1.1 §3.1.2.6 [MQTT-3.1.2-14]", "5.0 §3.1.2.6 [MQTT-3.1.2-12]"));
        } else if (!will && willQos != 0) {
            r.error("connect_flags", flagsAt, 1, "connect_flags 0x" + Utf8.hex2(f) + ": Will QoS " + willQos
                    + " without the Will Flag; it must be 0",
                    r.spec("3.1.1 §3.1.2.6 [MQTT-3.1.2-13]", "5.0 §3.1.2.6 [MQTT-3.1.2-11]"));
        }
        if (!will && willRetain) {
            r.error("connect_flags", flagsAt, 1, "connect_flags 0x" + Utf8.hex2(f) + ": Will Retain without the "
                    + "Will Flag; it must be 0", r.spec("3.1.1 §3.1.2.7 [MQTT-3.1.2-15]",
                    "5.0 §3.1.2.7 [MQTT-3.1.2-13]"));
        }
        if (pass && !user && !v5) {
            r.error("connect_flags", flagsAt, 1, "connect_flags 0x" + Utf8.hex2(f) + ": Password Flag without the "
                    + "User Name Flag (allowed only from MQTT 5.0 on)", "3.1.1 §3.1.2.9 [MQTT-3.1.2-22]");
        }
        int kaAt = r.pos;
        int ka = r.u16("keepalive", "keepalive");
        if (ka < 0) {
            return;
        }
        r.field("keepalive", kaAt, 2, ka);
        if (v5) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.CONNECT), "properties");
        }
        // Payload (3.1.1 §3.1.3): Client Identifier, Will Topic, Will Message, User Name, Password
        int idAt = r.pos;
        String clientId = r.string("client_id", "client_id");
        if (clientId != null) {
            if (clientId.isEmpty() && r.version == 3) {
                r.error("client_id", idAt, 2, "empty client_id: MQTT 3.1 requires 1 to 23 characters",
                        "3.1 §3.1 (Client Identifier)");
            } else if (clientId.isEmpty() && !clean && r.version == 4) {
                r.error("client_id", idAt, 2, "empty client_id with clean_session 0: a zero-byte client id requires "
                        + "clean_session 1", "3.1.1 §3.1.3.1 [MQTT-3.1.3-8]");
            } else if (r.version == 3 && clientId.codePointCount(0, clientId.length()) > 23) {
                r.error("client_id", idAt, r.pos - idAt, "client_id of " + clientId.codePointCount(0,
                        clientId.length()) + " characters: MQTT 3.1 allows 1 to 23 (a 3.1 broker answers CONNACK 2, "
                        + "identifier rejected); use MQTT 3.1.1 for longer ids", "3.1 §3.1 (Client Identifier)");
            }
        }
        if (will && r.pos <= r.end) {
            int payloadFormat = -1;
            if (v5) {
                payloadFormat = Mqtt5Properties.read(r, Mqtt5Properties.WILL, "will_properties").payloadFormat;
            }
            int wtAt = r.pos;
            String wt = r.string("will_topic", "will_topic");
            TopicRules.checkName(r, wt, wtAt, "will_topic");
            if (wt != null && wt.isEmpty()) {
                r.error("will_topic", wtAt, 2, "empty will_topic: a topic name must be at least one character long",
                        r.spec("3.1.1 §4.7.3 [MQTT-4.7.3-1]", "5.0 §4.7.3 [MQTT-4.7.3-1]"));
            }
            int wpAt = r.pos + 2;
            String wp = r.binary("will_payload", "will_payload");
            if (payloadFormat == 1 && wp != null) {
                Utf8.checkPayload(r, wpAt, r.pos, "will_payload", "5.0 §3.1.3.2.3 [MQTT-3.1.3-9]");
            }
        }
        if (user) {
            r.string("username", "username");
        }
        if (pass) {
            r.binary("password", "password");
        }
        PacketDecoder.trailing(r, "payload", "the last CONNECT field (the flags announce no further field)",
                r.spec("3.1.1 §3.1.3", "5.0 §3.1.3"));
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
