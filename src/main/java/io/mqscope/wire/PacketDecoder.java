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

    /** Decodes the variable header and payload of one packet type, the fixed header already read. */
    interface BodyDecoder {
        void decode(PacketReader r);
    }

    /** One decoder per packet type, indexed by {@link PacketType#ordinal()}; null for the reserved types. */
    private static final BodyDecoder[] BODIES = new BodyDecoder[PacketType.values().length];

    static {
        BODIES[PacketType.CONNECT.ordinal()] = ConnectDecoder::decode;
        BODIES[PacketType.CONNACK.ordinal()] = ConnackDecoder::decode;
        BODIES[PacketType.PUBLISH.ordinal()] = PublishDecoder::decode;
        BODIES[PacketType.PUBACK.ordinal()] = PubAckDecoder::decode;
        BODIES[PacketType.PUBREC.ordinal()] = PubAckDecoder::decode;
        BODIES[PacketType.PUBREL.ordinal()] = PubAckDecoder::decode;
        BODIES[PacketType.PUBCOMP.ordinal()] = PubAckDecoder::decode;
        BODIES[PacketType.SUBSCRIBE.ordinal()] = SubscribeDecoder::decode;
        BODIES[PacketType.SUBACK.ordinal()] = SubAckDecoder::decode;
        BODIES[PacketType.UNSUBSCRIBE.ordinal()] = UnsubscribeDecoder::decode;
        BODIES[PacketType.UNSUBACK.ordinal()] = UnsubAckDecoder::decode;
        BODIES[PacketType.PINGREQ.ordinal()] = r -> fixedLength(r, 0);
        BODIES[PacketType.PINGRESP.ordinal()] = r -> fixedLength(r, 0);
        BODIES[PacketType.DISCONNECT.ordinal()] = DisconnectDecoder::decode;
        BODIES[PacketType.AUTH.ordinal()] = AuthDecoder::decode;
    }

    private static final String[] FLAG_BITS = new String[16];

    /** Fields that depend only on the first byte are immutable: share them instead of allocating per packet. */
    private static final Field[] TYPE_FIELDS = new Field[PacketType.values().length];
    private static final Field[] FLAG_FIELDS = new Field[16];
    private static final Field[] PUBLISH_FLAG_FIELDS = new Field[16];

    static {
        for (int i = 0; i < 16; i++) {
            FLAG_BITS[i] = "" + (i >> 3 & 1) + (i >> 2 & 1) + (i >> 1 & 1) + (i & 1);
            FLAG_FIELDS[i] = new Field(FieldName.HEADER_FLAGS, 0, 1, FLAG_BITS[i]);
            PUBLISH_FLAG_FIELDS[i] = new Field(FieldName.HEADER_FLAGS, 0, 1, FLAG_BITS[i], List.of(
                    new Field(FieldName.DUP, 0, 1, (i & 8) != 0),
                    new Field(FieldName.QOS, 0, 1, i >> 1 & 3),
                    new Field(FieldName.RETAIN, 0, 1, (i & 1) != 0)));
        }
        for (PacketType t : PacketType.values()) {
            TYPE_FIELDS[t.ordinal()] = new Field(FieldName.PACKET_TYPE, 0, 1, t.name());
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
            r.report(Rule.INTERNAL_ERROR, "payload", r.pos, 0, e.toString());
        }
        int flags = raw.length == 0 ? 0 : raw[0] & 0x0f;
        PacketType type = r.type == null ? PacketType.RESERVED0 : r.type;
        return new DecodedPacket(index, offset, raw, type, flags, rl, r.version,
                new FieldList(raw, r.fields), r.findings(), null, null);
    }

    /** Decodes into the reader; returns the declared Remaining Length or -1. */
    private static int decodeInto(PacketReader r) {
        byte[] b = r.b;
        if (b.length == 0) {
            r.type = PacketType.RESERVED0;
            r.report(Rule.PACKET_EMPTY, "packet_type", 0, 0);
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
        r.fields.add(TYPE_FIELDS[r.type.ordinal()]);
        r.fields.add(r.type == PacketType.PUBLISH ? PUBLISH_FLAG_FIELDS[r.flags] : FLAG_FIELDS[r.flags]);
        // Remaining Length (3.1.1 §2.2.3, 5.0 §2.1.4)
        long length = VariableByteInteger.decodePacked(b, 1, b.length); // no allocation per packet
        int rlLen = VariableByteInteger.length(length);
        VariableByteInteger.Problem problem = VariableByteInteger.problem(length);
        switch (problem) {
            case MISSING, TRUNCATED -> {
                r.report(rlLen == 0 ? Rule.REMAINING_LENGTH_MISSING : Rule.REMAINING_LENGTH_CUT_SHORT,
                        "remaining_length", 1, rlLen);
                if (rlLen > 0) {
                    r.field(FieldName.REMAINING_LENGTH, 1, rlLen, null);
                }
                r.pos = r.end = b.length;
                return -1;
            }
            case TOO_LONG -> {
                r.report(Rule.REMAINING_LENGTH_TOO_LONG, "remaining_length", 1, 4, Utf8.hex2(b[4] & 0xff));
                r.field(FieldName.REMAINING_LENGTH, 1, 4, null);
                if (b.length > 5) {
                    r.field(FieldName.UNDECODED, 5, b.length - 5, HexDump.hex(b, 5, b.length - 5));
                }
                r.pos = r.end = b.length;
                return -1;
            }
            default -> { }
        }
        int rl = VariableByteInteger.value(length);
        int i = 1 + rlLen;
        r.field(FieldName.REMAINING_LENGTH, 1, rlLen, rl);
        int declaredEnd = i + rl;
        r.pos = i;
        if (b.length < declaredEnd) {
            int missing = declaredEnd - b.length;
            r.report(Rule.REMAINING_LENGTH_TRUNCATED, "remaining_length", 1, rlLen, rl, b.length - i, missing);
            r.end = b.length;
        } else if (b.length > declaredEnd) {
            int extra = b.length - declaredEnd;
            r.report(Rule.REMAINING_LENGTH_EXTRA_BYTES, "remaining_length", 1, rlLen, rl, b.length - i, extra);
            r.end = declaredEnd;
        } else {
            r.end = declaredEnd;
        }
        if (problem == VariableByteInteger.Problem.NON_MINIMAL) {
            r.nonMinimal(r.version == 5 ? Rule.REMAINING_LENGTH_PADDED : Rule.REMAINING_LENGTH_PADDED_311,
                    "remaining_length", "remaining_length", 1, rlLen, rl);
        }
        checkHeaderFlags(r);
        checkDirection(r);
        checkMinimumLength(r, rl, rlLen, b.length >= declaredEnd);
        BodyDecoder body = BODIES[r.type.ordinal()];
        if (body != null) {
            body.decode(r);
        } else {
            reserved(r, nibble);
        }
        if (b.length > declaredEnd) {
            r.field(FieldName.EXTRA_BYTES, declaredEnd, b.length - declaredEnd, HexDump.hex(b, declaredEnd,
                    b.length - declaredEnd));
        }
        return rl;
    }

    private static int peekConnectLevel(byte[] b) {
        VariableByteInteger length = VariableByteInteger.decode(b, 1, b.length);
        // Even behind a Remaining Length that is too long, a level is peeked at: its rules then cite that version.
        int body = length.complete() ? length.end() : length.problem() == VariableByteInteger.Problem.TOO_LONG ? 6
                : b.length;
        if (body + 2 > b.length) {
            return 0;
        }
        int nameLen = (b[body] & 0xff) << 8 | b[body + 1] & 0xff;
        int level = body + 2 + nameLen;
        // bit 7 set: a mosquitto bridge's level (see ConnectDecoder)
        return nameLen <= 6 && level < b.length ? b[level] & 0x7f : 0;
    }

    private static void checkHeaderFlags(PacketReader r) {
        PacketType t = r.type;
        int f = r.flags;
        if (t == PacketType.PUBLISH) {
            int qos = f >> 1 & 3;
            if (qos == 3) {
                r.report(Rule.PUBLISH_QOS3, "qos", 0, 1);
            }
            if ((f & 8) != 0 && qos == 0) {
                r.report(Rule.PUBLISH_DUP_QOS0, "dup", 0, 1);
            }
            return;
        }
        if (t == PacketType.RESERVED0 || t == PacketType.RESERVED15) {
            return;
        }
        int want = t == PacketType.PUBREL || t == PacketType.SUBSCRIBE || t == PacketType.UNSUBSCRIBE ? 2 : 0;
        if (f != want) {
            // PUBREL, SUBSCRIBE and UNSUBSCRIBE cite their own section (e.g. [MQTT-3.6.1-1]), the rest §2.2.2.
            r.report(want == 2 ? Rule.HEADER_FLAGS_0010 : Rule.HEADER_FLAGS_RESERVED, "header_flags", 0, 1,
                    FLAG_BITS[f], t.name(), FLAG_BITS[want], section(t));
        }
    }

    /**
     * Packets with fixed-size fields need a minimum Remaining Length; a smaller one is the root cause of the fields
     * that are then missing (checked only when the declared bytes are all present: truncation is reported already).
     */
    private static void checkMinimumLength(PacketReader r, int rl, int rlLen, boolean complete) {
        int min = switch (r.type) {
            case CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK -> 2;
            case SUBACK, SUBSCRIBE, UNSUBSCRIBE -> r.version == 5 ? 3 : 2;
            // QoS > 0 needs 4, but when the topic fits and the packet id does not, the packet id is what is
            // missing ([MQTT-2.3.1-1]): PublishDecoder blames packet_id for that.
            case PUBLISH -> 2;
            // the protocol name's length at least; a missing later field is blamed on that field
            case CONNECT -> 2;
            default -> 0;
        };
        if (complete && rl < min) {
            r.report(Rule.REMAINING_LENGTH_TOO_SMALL, "remaining_length", 1, rlLen, r.type.name(), min, rl,
                    section(r.type));
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
            Rule rule = t == PacketType.DISCONNECT ? Rule.PACKET_TYPE_DISCONNECT_FROM_BROKER
                    : client ? Rule.PACKET_TYPE_BROKER_ONLY : Rule.PACKET_TYPE_CLIENT_ONLY;
            r.report(rule, "packet_type", 0, 1, t.name());
        }
    }

    private static void reserved(PacketReader r, int nibble) {
        r.report(nibble == 15 ? Rule.PACKET_TYPE_RESERVED_15 : Rule.PACKET_TYPE_RESERVED, "packet_type", 0, 1,
                nibble);
        rest(r, FieldName.PAYLOAD);
    }

    static void rest(PacketReader r, FieldName name) {
        if (r.pos < r.end) {
            r.field(name, r.pos, r.end - r.pos, HexDump.hex(r.b, r.pos, r.end - r.pos));
            r.pos = r.end;
        }
    }

    /** Bytes left where the packet should have ended ({@code rule} says after what). */
    static void trailing(PacketReader r, String blame, Rule rule) {
        if (r.pos < r.end) {
            int n = r.end - r.pos;
            // The trailing-bytes rules take (count), (count, type) or (count, type, section).
            Object[] args = {n, r.type.name(), section(r.type)};
            r.report(rule, blame, r.pos, n, java.util.Arrays.copyOf(args, rule.args().size()));
            r.field(FieldName.TRAILING_BYTES, r.pos, n, HexDump.hex(r.b, r.pos, n));
            r.pos = r.end;
        }
    }

    static void fixedLength(PacketReader r, int want) {
        int rl = r.end - headerLength(r.b);
        if (r.pos < r.end) {
            if (r.version == 5) {
                r.report(Rule.REMAINING_LENGTH_FIXED_5, "remaining_length", 1, headerLength(r.b) - 1, r.type.name(),
                        want, rl, section(r.type));
            } else {
                r.report(Rule.REMAINING_LENGTH_FIXED, "remaining_length", 1, headerLength(r.b) - 1, r.type.name(),
                        want, versionName(r.version), rl, section(r.type));
            }
            r.field(FieldName.TRAILING_BYTES, r.pos, r.end - r.pos, HexDump.hex(r.b, r.pos, r.end - r.pos));
            r.pos = r.end;
        }
    }

    static int headerLength(byte[] b) {
        return Math.min(VariableByteInteger.decode(b, 1, b.length).end(), b.length);
    }

    static String versionName(int v) {
        return v == 3 ? "3.1" : v == 5 ? "5.0" : "3.1.1";
    }

    static int section(PacketType t) {
        return t.ordinal();
    }

    static void packetId(PacketReader r) {
        int at = r.pos;
        int id = r.u16("packet_id", "packet_id");
        if (id < 0) {
            return;
        }
        r.field(FieldName.PACKET_ID, at, 2, id);
        if (id == 0) {
            r.report(Rule.PACKET_ID_ZERO, "packet_id", at, 2, r.type.name());
        }
    }

    /** 5.0: a Remaining Length that ends before the reason code means 0x00 (Success / Normal disconnection). */
    static void impliedSuccess(PacketReader r) {
        r.field(FieldName.REASON_CODE, r.pos, 0, 0);
        r.field(FieldName.REASON_NAME, r.pos, 0, ReasonCodes.name(0, r.type));
    }

    static void reasonCode(PacketReader r) {
        int at = r.pos;
        int rc = r.u8("reason_code", "reason_code");
        String name = ReasonCodes.name(rc, r.type);
        r.field(FieldName.REASON_CODE, at, 1, rc);
        r.field(FieldName.REASON_NAME, at, 1, name);
        if (!ReasonCodes.allowed(rc, r.type)) {
            if (name == null) {
                r.report(Rule.REASON_CODE_UNDEFINED, "reason_code", at, 1, Utf8.hex2(rc), r.type.name());
            } else {
                r.report(Rule.REASON_CODE_NOT_ALLOWED, "reason_code", at, 1, Utf8.hex2(rc), name, r.type.name());
            }
        } else if (r.type == PacketType.DISCONNECT && r.direction != null) {
            // 5.0 §3.14.2.1: some DISCONNECT reasons belong to one side only.
            boolean serverOnly = rc == 0x87 || rc == 0x89 || rc == 0x8B || rc == 0x8D || rc == 0x8E || rc == 0x8F
                    || rc >= 0x9A && rc <= 0xA2;
            boolean clientOnly = rc == 0x04;
            boolean fromClient = r.direction == Direction.CLIENT_TO_BROKER;
            if (serverOnly && fromClient || clientOnly && !fromClient) {
                r.report(serverOnly ? Rule.DISCONNECT_REASON_BROKER_ONLY : Rule.DISCONNECT_REASON_CLIENT_ONLY,
                        "reason_code", at, 1, Utf8.hex2(rc), name);
            }
        }
    }

    static void codes(PacketReader r, FieldName codes) {
        String name = codes.id();
        int at = r.pos;
        if (r.pos >= r.end) {
            if (r.version == 5) {
                r.report(Rule.REASON_CODES_MISSING, name, r.pos, 0, r.type.name(), section(r.type));
            } else {
                r.report(Rule.RETURN_CODES_MISSING, name, r.pos, 0, r.type.name());
            }
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
                if (r.version != 5) {
                    r.report(Rule.RETURN_CODES_INVALID, name, r.pos, 1, Utf8.hex2(c), r.type.name());
                } else if (n == null) {
                    r.report(Rule.REASON_CODES_UNDEFINED, name, r.pos, 1, Utf8.hex2(c), r.type.name(),
                            section(r.type));
                } else {
                    r.report(Rule.REASON_CODES_NOT_ALLOWED, name, r.pos, 1, Utf8.hex2(c), n, r.type.name(),
                            section(r.type));
                }
            }
            r.pos++;
        }
        r.field(codes, at, r.pos - at, List.copyOf(list));
    }

}
