package io.mqscope.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one MQTT control packet (fixed header included) into fields and findings. Lenient: it never throws,
 * keeps going after a problem and blames the byte span at fault. Stateless and thread-safe.
 *
 * <p>The bytes given may be longer or shorter than the Remaining Length declares (a truncated packet, or a packet
 * with extra bytes): that is reported as the first finding on {@code remaining_length} and the body is decoded
 * from the bytes the declaration covers.
 */
public final class PacketDecoder {
    private PacketDecoder() {
    }

    private static final String[] FLAG_BITS = new String[16];

    static {
        for (int i = 0; i < 16; i++) {
            FLAG_BITS[i] = "" + (i >> 3 & 1) + (i >> 2 & 1) + (i >> 1 & 1) + (i & 1);
        }
    }

    /** Header flag bits as written in the spec, e.g. {@code 0010}. */
    static String flagBits(int flags) {
        return FLAG_BITS[flags & 0xf];
    }

    /**
     * Decodes {@code raw} as one packet.
     *
     * @param version   3, 4 or 5; anything else decodes as 4 (a CONNECT always uses its own protocol level)
     * @param direction who wrote the bytes, or null when unknown (no direction rules are checked)
     */
    public static DecodedPacket decode(byte[] raw, int version, Direction direction) {
        return decode(raw, version, direction, 0, 0);
    }

    static DecodedPacket decode(byte[] raw, int version, Direction direction, int index, long offset) {
        PacketReader r = new PacketReader(raw, version == 3 || version == 5 ? version : 4, direction);
        int rl = -1;
        try {
            rl = decodeInto(r);
        } catch (RuntimeException e) {
            // A bug of ours must not hide the bytes from the user.
            r.error("payload", r.pos, 0, "internal decoder error: " + e, "");
        }
        int flags = raw.length == 0 ? 0 : raw[0] & 0x0f;
        PacketType type = r.type == null ? PacketType.RESERVED0 : r.type;
        return new DecodedPacket(index, offset, raw, type, flags, rl, r.version, List.copyOf(r.fields), r.findings(),
                null, null);
    }

    /** Decodes into the reader; returns the declared Remaining Length or -1. */
    private static int decodeInto(PacketReader r) {
        byte[] b = r.b;
        if (b.length == 0) {
            r.type = PacketType.RESERVED0;
            r.error("packet_type", 0, 0, "no bytes", "");
            return -1;
        }
        int nibble = (b[0] & 0xff) >> 4;
        r.flags = b[0] & 0x0f;
        r.type = PacketType.of(nibble, r.version);
        if (nibble == 1 && b.length > 2) {
            // CONNECT carries its own protocol level; decode with it so that even the header rules use it.
            int level = peekConnectLevel(b);
            if (level == 3 || level == 4 || level == 5) {
                r.version = level;
            }
        }
        r.field("packet_type", 0, 1, r.type.name());
        if (r.type == PacketType.PUBLISH) {
            r.fields.add(new Field("header_flags", 0, 1, FLAG_BITS[r.flags], List.of(
                    new Field("dup", 0, 1, (r.flags & 8) != 0),
                    new Field("qos", 0, 1, r.flags >> 1 & 3),
                    new Field("retain", 0, 1, (r.flags & 1) != 0))));
        } else {
            r.field("header_flags", 0, 1, FLAG_BITS[r.flags]);
        }
        // Remaining Length (3.1.1 §2.2.3, 5.0 §2.1.4)
        int rl = 0;
        int shift = 0;
        int i = 1;
        while (true) {
            if (i >= b.length) {
                r.error("remaining_length", 1, i - 1, i == 1 ? "packet ends before the remaining_length byte"
                        : "remaining_length is cut short: its last byte still has the continuation bit",
                        r.spec("3.1.1 §2.2.3", "5.0 §2.1.4"));
                r.pos = r.end = b.length;
                return -1;
            }
            int c = b[i] & 0xff;
            if (i == 4 && (c & 0x80) != 0) {
                r.error("remaining_length", 1, 4, "remaining_length is a varint longer than 4 bytes (fourth byte 0x"
                        + Utf8.hex2(c) + " still has the continuation bit); the maximum is 4 bytes (268,435,455)",
                        r.spec("3.1.1 §2.2.3", "5.0 §1.5.5"));
                r.pos = r.end = b.length;
                return -1;
            }
            rl |= (c & 0x7f) << shift;
            shift += 7;
            i++;
            if ((c & 0x80) == 0) {
                break;
            }
        }
        int rlLen = i - 1;
        r.field("remaining_length", 1, rlLen, rl);
        int declaredEnd = i + rl;
        r.pos = i;
        if (b.length < declaredEnd) {
            int missing = declaredEnd - b.length;
            r.error("remaining_length", 1, rlLen, "remaining_length declares " + rl + " but only " + (b.length - i)
                    + " bytes present (" + missing + " missing): the packet is truncated",
                    r.spec("3.1.1 §2.2.3", "5.0 §2.1.4"));
            r.end = b.length;
        } else if (b.length > declaredEnd) {
            int extra = b.length - declaredEnd;
            r.error("remaining_length", 1, rlLen, "remaining_length declares " + rl + " but " + (b.length - i)
                    + " bytes present (" + extra + (extra == 1 ? " extra byte)" : " extra bytes)"),
                    r.spec("3.1.1 §2.2.3", "5.0 §2.1.4"));
            r.end = declaredEnd;
        } else {
            r.end = declaredEnd;
        }
        if (rlLen > 1 && (b[rlLen] & 0xff) == 0) {
            r.nonMinimal("remaining_length", "remaining_length", 1, rlLen, rl);
        }
        checkHeaderFlags(r);
        checkDirection(r);
        switch (r.type) {
            case CONNECT -> connect(r);
            case CONNACK -> connack(r);
            case PUBLISH -> publish(r);
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> pubAck(r);
            case SUBSCRIBE -> subscribe(r);
            case SUBACK -> suback(r);
            case UNSUBSCRIBE -> unsubscribe(r);
            case UNSUBACK -> unsuback(r);
            case PINGREQ, PINGRESP -> empty(r);
            case DISCONNECT -> disconnect(r);
            case AUTH -> auth(r);
            default -> reserved(r, nibble);
        }
        return rl;
    }

    private static int peekConnectLevel(byte[] b) {
        int i = 1;
        while (i < b.length && i < 5 && (b[i] & 0x80) != 0) {
            i++;
        }
        int body = i + 1;
        if (body + 2 > b.length) {
            return 0;
        }
        int nameLen = (b[body] & 0xff) << 8 | b[body + 1] & 0xff;
        int level = body + 2 + nameLen;
        return nameLen <= 6 && level < b.length ? b[level] & 0xff : 0;
    }

    private static void checkHeaderFlags(PacketReader r) {
        PacketType t = r.type;
        int f = r.flags;
        if (t == PacketType.PUBLISH) {
            int qos = f >> 1 & 3;
            if (qos == 3) {
                r.error("qos", 0, 1, "QoS 3 in PUBLISH (both QoS bits set); QoS must be 0, 1 or 2",
                        r.spec("3.1.1 §3.3.1.2 [MQTT-3.3.1-4]", "5.0 §3.3.1.2 [MQTT-3.3.1-4]"));
            }
            if ((f & 8) != 0 && qos == 0) {
                r.error("dup", 0, 1, "DUP flag set on a QoS 0 PUBLISH; DUP must be 0 for QoS 0",
                        r.spec("3.1.1 §3.3.1.1 [MQTT-3.3.1-2]", "5.0 §3.3.1.1 [MQTT-3.3.1-2]"));
            }
            return;
        }
        if (t == PacketType.RESERVED0 || t == PacketType.RESERVED15) {
            return;
        }
        int want = t == PacketType.PUBREL || t == PacketType.SUBSCRIBE || t == PacketType.UNSUBSCRIBE ? 2 : 0;
        if (f != want) {
            String rule = switch (t) {
                case PUBREL -> "§3.6.1 [MQTT-3.6.1-1]";
                case SUBSCRIBE -> "§3.8.1 [MQTT-3.8.1-1]";
                case UNSUBSCRIBE -> "§3.10.1 [MQTT-3.10.1-1]";
                default -> null;
            };
            r.error("header_flags", 0, 1, "reserved flags " + FLAG_BITS[f] + " for " + t.name() + " must be "
                    + FLAG_BITS[want], rule != null ? r.spec("3.1.1 " + rule, "5.0 " + rule)
                    : r.spec("3.1.1 §2.2.2 [MQTT-2.2.2-1] [MQTT-2.2.2-2]", "5.0 §2.1.3"));
        }
    }

    private static void checkDirection(PacketReader r) {
        if (r.direction == null) {
            return;
        }
        PacketType t = r.type;
        boolean client = r.direction == Direction.CLIENT_TO_BROKER;
        boolean ok = switch (t) {
            case CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ -> client;
            case CONNACK, SUBACK, UNSUBACK, PINGRESP -> !client;
            case DISCONNECT -> client || r.version == 5;
            default -> true;
        };
        if (!ok) {
            String from = client ? "client" : "broker";
            String sender = t == PacketType.DISCONNECT ? "only the client (the broker may send it from MQTT 5.0 on)"
                    : client ? "only the broker" : "only the client";
            r.error("packet_type", 0, 1, t.name() + " is sent by " + sender + ", but these bytes come from the "
                    + from + " (or the capture's direction is swapped)",
                    r.spec("3.1.1 §2.2.1 Table 2.1", "5.0 §2.1.2 Table 2-1"));
        }
    }

    private static void reserved(PacketReader r, int nibble) {
        r.error("packet_type", 0, 1, "packet type " + nibble + " is reserved and forbidden"
                + (nibble == 15 ? " in MQTT 3.1 and 3.1.1 (it is AUTH only in MQTT 5.0)" : ""),
                r.spec("3.1.1 §2.2.1 Table 2.1", "5.0 §2.1.2 Table 2-1"));
        rest(r, "payload");
    }

    private static void rest(PacketReader r, String name) {
        if (r.pos < r.end) {
            r.field(name, r.pos, r.end - r.pos, HexDump.hex(r.b, r.pos, r.end - r.pos));
            r.pos = r.end;
        }
    }

    /** Bytes left where the packet should have ended. */
    private static void trailing(PacketReader r, String blame, String after, String spec) {
        if (r.pos < r.end) {
            int n = r.end - r.pos;
            r.error(blame, r.pos, n, n + (n == 1 ? " byte" : " bytes") + " left after " + after, spec);
            r.field("trailing_bytes", r.pos, n, HexDump.hex(r.b, r.pos, n));
            r.pos = r.end;
        }
    }

    private static void fixedLength(PacketReader r, int want) {
        int rl = r.end - headerLength(r.b);
        if (r.pos < r.end) {
            r.error("remaining_length", 1, headerLength(r.b) - 1, r.type.name() + " has remaining_length " + want
                    + (r.version == 5 ? "" : " in MQTT " + versionName(r.version)) + ", not " + rl,
                    r.spec("3.1.1 §3." + section(r.type) + ".1", "5.0 §3." + section(r.type) + ".1"));
            r.field("trailing_bytes", r.pos, r.end - r.pos, HexDump.hex(r.b, r.pos, r.end - r.pos));
            r.pos = r.end;
        }
    }

    static int headerLength(byte[] b) {
        int i = 1;
        while (i < b.length && i < 5 && (b[i] & 0x80) != 0) {
            i++;
        }
        return Math.min(i + 1, b.length);
    }

    static String versionName(int v) {
        return v == 3 ? "3.1" : v == 5 ? "5.0" : "3.1.1";
    }

    private static int section(PacketType t) {
        return t.ordinal();
    }

    private static void packetId(PacketReader r) {
        int at = r.pos;
        int id = r.u16("packet_id", "packet_id");
        if (id < 0) {
            return;
        }
        r.field("packet_id", at, 2, id);
        if (id == 0) {
            r.error("packet_id", at, 2, "packet_id 0 in " + r.type.name() + "; packet identifiers must be non-zero",
                    r.spec("3.1.1 §2.3.1 [MQTT-2.3.1-1]", "5.0 §2.2.1 [MQTT-2.2.1-3]"));
        }
    }

    // ---- CONNECT (3.1.1 §3.1, 5.0 §3.1) ----

    private static void connect(PacketReader r) {
        int at = r.pos;
        String name = r.string("protocol_name", "protocol_name");
        int levelAt = r.pos;
        int level = r.u8("protocol_level", "protocol_level");
        if (level >= 0) {
            r.field("protocol_level", levelAt, 1, level);
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
            } else if (r.version == 3 && clientId.length() > 23) {
                r.info("client_id", idAt, r.pos - idAt, "client_id of " + clientId.length() + " characters: MQTT 3.1 "
                        + "brokers may reject more than 23", "3.1 §3.1 (Client Identifier)");
            }
        }
        if (will && r.pos <= r.end) {
            if (v5) {
                Mqtt5Properties.read(r, Mqtt5Properties.WILL, "will_properties");
            }
            int wtAt = r.pos;
            String wt = r.string("will_topic", "will_topic");
            TopicRules.checkName(r, wt, wtAt, "will_topic");
            if (wt != null && wt.isEmpty()) {
                r.error("will_topic", wtAt, 2, "empty will_topic: a topic name must be at least one character long",
                        r.spec("3.1.1 §4.7.3 [MQTT-4.7.3-1]", "5.0 §4.7.3 [MQTT-4.7.3-1]"));
            }
            r.binary("will_payload", "will_payload");
        }
        if (user) {
            r.string("username", "username");
        }
        if (pass) {
            r.binary("password", "password");
        }
        trailing(r, "payload", "the last CONNECT field (the flags announce no further field)",
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

    // ---- CONNACK (3.1.1 §3.2, 5.0 §3.2) ----

    private static void connack(PacketReader r) {
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
            }
            trailing(r, "properties", "the CONNACK properties", "5.0 §3.2.2.3");
            return;
        }
        String name = ReasonCodes.connackReturnCodeName(rc);
        r.field("return_code", rcAt, 1, rc);
        r.field("return_code_name", rcAt, 1, name);
        if (name == null) {
            r.error("return_code", rcAt, 1, "CONNACK return code " + rc + " is reserved (only 0-5 are defined)",
                    "3.1.1 §3.2.2.3 Table 3.1");
        }
        if (sp && rc != 0) {
            r.error("ack_flags", at, 1, "session_present 1 with the non-zero return code " + rc
                    + "; it must be 0 when the connection is refused", "3.1.1 §3.2.2.2 [MQTT-3.2.2-4]");
        }
        fixedLength(r, 2);
    }

    // ---- PUBLISH (3.1.1 §3.3, 5.0 §3.3) ----

    private static void publish(PacketReader r) {
        int qos = r.flags >> 1 & 3;
        int at = r.pos;
        String topic = r.string("topic", "topic");
        TopicRules.checkName(r, topic, at, "topic");
        if (qos > 0) {
            packetId(r);
        }
        if (r.version == 5 && r.pos <= r.end) {
            Mqtt5Properties.Seen seen = Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.PUBLISH),
                    "properties");
            if (topic != null && topic.isEmpty() && seen.topicAlias < 0) {
                r.error("topic", at, 2, "empty topic without a Topic Alias property: Protocol Error",
                        "5.0 §3.3.2.1 [MQTT-3.3.2-1]");
            }
            if (seen.subscriptionIdentifier && r.direction == Direction.CLIENT_TO_BROKER) {
                r.error("properties", at, 0, "a client must not send a Subscription Identifier in PUBLISH",
                        "5.0 §3.3.2.3.8 [MQTT-3.3.4-6]");
            }
        } else if (topic != null && topic.isEmpty()) {
            r.error("topic", at, 2, "empty topic: a topic name must be at least one character long",
                    "3.1.1 §4.7.3 [MQTT-4.7.3-1]");
        }
        int n = r.end - r.pos;
        if (n >= 0) {
            r.field("payload", r.pos, n, HexDump.hex(r.b, r.pos, n));
            r.pos = r.end;
        }
    }

    // ---- PUBACK, PUBREC, PUBREL, PUBCOMP ----

    private static void pubAck(PacketReader r) {
        packetId(r);
        if (r.version != 5) {
            fixedLength(r, 2);
            return;
        }
        if (r.pos < r.end) {
            reasonCode(r);
        } else {
            impliedSuccess(r);
        }
        if (r.pos < r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(r.type), "properties");
        }
        trailing(r, "properties", "the " + r.type.name() + " properties", "5.0 §3." + section(r.type) + ".2");
    }

    /** 5.0: a Remaining Length that ends before the reason code means 0x00 (Success / Normal disconnection). */
    private static void impliedSuccess(PacketReader r) {
        r.field("reason_code", r.pos, 0, 0);
        r.field("reason_name", r.pos, 0, ReasonCodes.name(0, r.type));
    }

    private static void reasonCode(PacketReader r) {
        int at = r.pos;
        int rc = r.u8("reason_code", "reason_code");
        String name = ReasonCodes.name(rc, r.type);
        r.field("reason_code", at, 1, rc);
        r.field("reason_name", at, 1, name);
        if (!ReasonCodes.allowed(rc, r.type)) {
            r.error("reason_code", at, 1, "reason code 0x" + Utf8.hex2(rc) + (name == null ? " is not defined"
                    : " (" + name + ") is not valid in " + r.type.name()), "5.0 §2.4 Table 2-6");
        }
    }

    // ---- SUBSCRIBE / SUBACK / UNSUBSCRIBE / UNSUBACK ----

    private static void subscribe(PacketReader r) {
        packetId(r);
        if (r.version == 5 && r.pos <= r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.SUBSCRIBE), "properties");
        }
        if (r.pos >= r.end) {
            r.error("payload", r.pos, 0, "SUBSCRIBE without any topic filter; it must contain at least one",
                    r.spec("3.1.1 §3.8.3 [MQTT-3.8.3-3]", "5.0 §3.8.3 [MQTT-3.8.3-2]"));
            return;
        }
        boolean v5 = r.version == 5;
        String optName = v5 ? "subscription_options" : "requested_qos";
        while (r.pos < r.end) {
            int at = r.pos;
            String filter = r.string("topic_filter", "topic_filter");
            TopicRules.checkFilter(r, filter, at);
            int oAt = r.pos;
            int o = r.u8(optName, optName);
            if (o < 0) {
                break;
            }
            r.field(optName, oAt, 1, v5 ? o : o & 3);
            if ((o & 3) == 3) {
                r.error(optName, oAt, 1, optName + " 0x" + Utf8.hex2(o) + ": QoS 3 is not a valid QoS",
                        r.spec("3.1.1 §3.8.3.1 [MQTT-3-8.3-4]", "5.0 §3.8.3.1"));
            }
            if (!v5 && (o & 0xfc) != 0) {
                r.error(optName, oAt, 1, "requested_qos byte 0x" + Utf8.hex2(o) + ": the upper 6 bits are reserved "
                        + "and must be 0", "3.1.1 §3.8.3.1 [MQTT-3-8.3-4]");
            }
            if (v5) {
                if ((o & 0xc0) != 0) {
                    r.error(optName, oAt, 1, "subscription_options 0x" + Utf8.hex2(o) + ": bits 7-6 are reserved "
                            + "and must be 0", "5.0 §3.8.3.1 [MQTT-3.8.3-5]");
                }
                if ((o >> 4 & 3) == 3) {
                    r.error(optName, oAt, 1, "subscription_options 0x" + Utf8.hex2(o) + ": Retain Handling 3 is not"
                            + " defined: Protocol Error", "5.0 §3.8.3.1");
                }
                if ((o & 4) != 0 && filter != null && filter.startsWith("$share/")) {
                    r.error(optName, oAt, 1, "No Local set on the shared subscription \"" + filter
                            + "\": Protocol Error", "5.0 §3.8.3.1 [MQTT-3.8.3-4]");
                }
            }
        }
    }

    private static void suback(PacketReader r) {
        packetId(r);
        boolean v5 = r.version == 5;
        if (v5 && r.pos <= r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.SUBACK), "properties");
        }
        codes(r, v5 ? "reason_codes" : "return_codes");
    }

    private static void codes(PacketReader r, String name) {
        int at = r.pos;
        if (r.pos >= r.end) {
            r.error(name, r.pos, 0, r.type.name() + " without any " + (r.version == 5 ? "reason" : "return")
                    + " code; there is one per topic filter", r.spec("3.1.1 §3.9.3", "5.0 §3." + section(r.type)
                    + ".3"));
            return;
        }
        List<Integer> list = new ArrayList<>(r.end - r.pos);
        boolean reported = false;
        while (r.pos < r.end) {
            int c = r.b[r.pos] & 0xff;
            list.add(c);
            boolean ok = r.version == 5 ? ReasonCodes.allowed(c, r.type) : c <= 2 || c == 0x80;
            if (!ok && !reported) {
                reported = true;
                String n = r.version == 5 ? ReasonCodes.name(c, r.type) : null;
                r.error(name, r.pos, 1, (r.version == 5 ? "reason code 0x" : "SUBACK return code 0x") + Utf8.hex2(c)
                        + (n == null ? "" : " (" + n + ")") + " is not valid in " + r.type.name()
                        + (r.version == 5 ? "" : "; allowed are 0x00, 0x01, 0x02 and 0x80"),
                        r.spec("3.1.1 §3.9.3 [MQTT-3.9.3-2]", "5.0 §3." + section(r.type) + ".3"));
            }
            r.pos++;
        }
        r.field(name, at, r.pos - at, List.copyOf(list));
    }

    private static void unsubscribe(PacketReader r) {
        packetId(r);
        if (r.version == 5 && r.pos <= r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.UNSUBSCRIBE), "properties");
        }
        if (r.pos >= r.end) {
            r.error("payload", r.pos, 0, "UNSUBSCRIBE without any topic filter; it must contain at least one",
                    r.spec("3.1.1 §3.10.3 [MQTT-3.10.3-2]", "5.0 §3.10.3 [MQTT-3.10.3-2]"));
            return;
        }
        while (r.pos < r.end) {
            int at = r.pos;
            String filter = r.string("topic_filter", "topic_filter");
            TopicRules.checkFilter(r, filter, at);
        }
    }

    private static void unsuback(PacketReader r) {
        packetId(r);
        if (r.version != 5) {
            fixedLength(r, 2);
            return;
        }
        if (r.pos <= r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.UNSUBACK), "properties");
        }
        codes(r, "reason_codes");
    }

    // ---- PINGREQ, PINGRESP, DISCONNECT, AUTH ----

    private static void empty(PacketReader r) {
        fixedLength(r, 0);
    }

    private static void disconnect(PacketReader r) {
        if (r.version != 5) {
            fixedLength(r, 0);
            return;
        }
        if (r.pos < r.end) {
            reasonCode(r);
        } else {
            impliedSuccess(r);
        }
        if (r.pos < r.end) {
            int at = r.pos;
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.DISCONNECT), "properties");
            if (r.direction == Direction.BROKER_TO_CLIENT && hasChild(r, "session_expiry_interval")) {
                r.error("properties", at, r.pos - at, "a broker must not send Session Expiry Interval in DISCONNECT",
                        "5.0 §3.14.2.2.2 [MQTT-3.14.2-2]");
            }
        }
        trailing(r, "properties", "the DISCONNECT properties", "5.0 §3.14.2");
    }

    private static boolean hasChild(PacketReader r, String name) {
        for (Field f : r.fields) {
            if (f.name().equals("properties")) {
                for (Field c : f.children()) {
                    if (c.name().equals(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void auth(PacketReader r) {
        if (r.pos < r.end) {
            reasonCode(r);
        } else {
            impliedSuccess(r);
        }
        if (r.pos < r.end) {
            Mqtt5Properties.read(r, Mqtt5Properties.bit(PacketType.AUTH), "properties");
        }
        trailing(r, "properties", "the AUTH properties", "5.0 §3.15.2");
    }
}
