package io.mqscope.wire;

import java.util.ArrayList;
import java.util.List;

/** MQTT 5.0 properties (5.0 §2.2.2): identifiers, types, the packets that may carry each, and their decoding. */
final class Mqtt5Properties {
    private Mqtt5Properties() {
    }

    /** Pseudo packet bit for the Will Properties of CONNECT (5.0 §3.1.3.2). */
    static final int WILL = 1 << 20;

    private enum Kind { BYTE, TWO, FOUR, VARINT, STRING, BINARY, PAIR }

    private record Def(int id, String name, FieldName field, Kind kind, int packets) {
    }

    private static final Def[] DEFS = new Def[128];

    static {
        int connect = bit(PacketType.CONNECT);
        int connack = bit(PacketType.CONNACK);
        int publish = bit(PacketType.PUBLISH);
        int acks = bit(PacketType.PUBACK) | bit(PacketType.PUBREC) | bit(PacketType.PUBREL) | bit(PacketType.PUBCOMP);
        int subscribe = bit(PacketType.SUBSCRIBE);
        int suback = bit(PacketType.SUBACK);
        int unsubscribe = bit(PacketType.UNSUBSCRIBE);
        int unsuback = bit(PacketType.UNSUBACK);
        int disconnect = bit(PacketType.DISCONNECT);
        int auth = bit(PacketType.AUTH);
        def(0x01, "Payload Format Indicator", Kind.BYTE, publish | WILL);
        def(0x02, "Message Expiry Interval", Kind.FOUR, publish | WILL);
        def(0x03, "Content Type", Kind.STRING, publish | WILL);
        def(0x08, "Response Topic", Kind.STRING, publish | WILL);
        def(0x09, "Correlation Data", Kind.BINARY, publish | WILL);
        def(0x0B, "Subscription Identifier", Kind.VARINT, publish | subscribe);
        def(0x11, "Session Expiry Interval", Kind.FOUR, connect | connack | disconnect);
        def(0x12, "Assigned Client Identifier", Kind.STRING, connack);
        def(0x13, "Server Keep Alive", Kind.TWO, connack);
        def(0x15, "Authentication Method", Kind.STRING, connect | connack | auth);
        def(0x16, "Authentication Data", Kind.BINARY, connect | connack | auth);
        def(0x17, "Request Problem Information", Kind.BYTE, connect);
        def(0x18, "Will Delay Interval", Kind.FOUR, WILL);
        def(0x19, "Request Response Information", Kind.BYTE, connect);
        def(0x1A, "Response Information", Kind.STRING, connack);
        def(0x1C, "Server Reference", Kind.STRING, connack | disconnect);
        def(0x1F, "Reason String", Kind.STRING, connack | acks | suback | unsuback | disconnect | auth);
        def(0x21, "Receive Maximum", Kind.TWO, connect | connack);
        def(0x22, "Topic Alias Maximum", Kind.TWO, connect | connack);
        def(0x23, "Topic Alias", Kind.TWO, publish);
        def(0x24, "Maximum QoS", Kind.BYTE, connack);
        def(0x25, "Retain Available", Kind.BYTE, connack);
        def(0x26, "User Property", Kind.PAIR, connect | connack | publish | WILL | acks | subscribe | suback
                | unsubscribe | unsuback | disconnect | auth);
        def(0x27, "Maximum Packet Size", Kind.FOUR, connect | connack);
        def(0x28, "Wildcard Subscription Available", Kind.BYTE, connack);
        def(0x29, "Subscription Identifier Available", Kind.BYTE, connack);
        def(0x2A, "Shared Subscription Available", Kind.BYTE, connack);
    }

    static int bit(PacketType t) {
        return 1 << t.ordinal();
    }

    private static void def(int id, String name, Kind kind, int packets) {
        FieldName field = FieldName.of(id == 0x26 ? "user_property"
                : name.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'));
        DEFS[id] = new Def(id, name, field, kind, packets);
    }

    /** The property's name, e.g. {@code Session Expiry Interval}, or null when the identifier is not defined. */
    static String name(int id) {
        return id >= 0 && id < DEFS.length && DEFS[id] != null ? DEFS[id].name : null;
    }

    /** What the decoder learned from a property block that other rules need. */
    static final class Seen {
        int topicAlias = -1;
        boolean subscriptionIdentifier;
        int payloadFormat = -1;
        boolean authenticationMethod;
    }

    /**
     * Reads a property block (length, then properties) at the cursor. {@code packet} is the packet's bit (or
     * {@link #WILL}); the block is the field {@code properties} or, for {@link #WILL}, {@code will_properties}.
     */
    static Seen read(PacketReader r, int packet) {
        Seen seen = new Seen();
        boolean will = packet == WILL;
        int at = r.pos;
        FieldName label = packet == WILL ? FieldName.WILL_PROPERTIES : FieldName.PROPERTIES;
        FieldName lengthName = packet == WILL ? FieldName.WILL_PROPERTIES_LENGTH : FieldName.PROPERTIES_LENGTH;
        int len = r.varInt(lengthName.id(), "properties");
        if (len < 0) {
            r.pos = r.end;
            return seen;
        }
        r.field(lengthName, at, r.pos - at, len);
        int start = r.pos;
        int end = start + len;
        int outerEnd = r.end;
        if (end > outerEnd) {
            r.report(Rule.PROPERTIES_OVERRUN, "properties", at, outerEnd - at, len, outerEnd - start);
            end = outerEnd;
        }
        List<Field> children = new ArrayList<>();
        long seenLow = 0;
        r.end = end;
        try {
            while (r.pos < end) {
                int idAt = r.pos;
                int id = r.b[r.pos] & 0xff;
                Def def = id < DEFS.length ? DEFS[id] : null;
                if (def == null) {
                    if (will) {
                        r.report(Rule.WILL_PROPERTIES_UNKNOWN, "properties", idAt, end - idAt, Utf8.hex2(id));
                    } else {
                        r.report(Rule.PROPERTIES_UNKNOWN, "properties", idAt, end - idAt, Utf8.hex2(id),
                                r.type.name());
                    }
                    r.pos = end;
                    break;
                }
                r.pos++;
                if ((def.packets & packet) == 0) {
                    if (will) {
                        r.report(Rule.WILL_PROPERTIES_NOT_ALLOWED, "properties", idAt, 1, Utf8.hex2(id), def.name);
                    } else {
                        r.report(Rule.PROPERTIES_NOT_ALLOWED, "properties", idAt, 1, Utf8.hex2(id), def.name,
                                r.type.name());
                    }
                }
                boolean repeatable = id == 0x26 || (id == 0x0B && packet == bit(PacketType.PUBLISH));
                if ((seenLow & (1L << id)) != 0 && !repeatable) {
                    if (will) {
                        r.report(Rule.WILL_PROPERTIES_DUPLICATE, "properties", idAt, 1, Utf8.hex2(id), def.name);
                    } else {
                        r.report(Rule.PROPERTIES_DUPLICATE, "properties", idAt, 1, Utf8.hex2(id), def.name,
                                r.type.name());
                    }
                }
                seenLow |= 1L << id;
                Object value = readValue(r, def, id, idAt, seen);
                children.add(new Field(def.field, idAt, r.pos - idAt, value));
            }
        } finally {
            r.end = outerEnd;
        }
        seen.authenticationMethod = (seenLow & (1L << 0x15)) != 0;
        if ((seenLow & (1L << 0x16)) != 0 && (seenLow & (1L << 0x15)) == 0) {
            r.report(Rule.PROPERTIES_AUTH_DATA_WITHOUT_METHOD, "properties", start, end - start);
        }
        r.pos = end;
        r.fields.add(new Field(label, start, end - start, children.size(), children));
        return seen;
    }

    private static Object readValue(PacketReader r, Def def, int id, int idAt, Seen seen) {
        String n = def.field.id();
        switch (def.kind) {
            case BYTE -> {
                int v = r.u8(n, "properties");
                if (v > 1) {
                    r.report(Rule.PROPERTIES_NOT_BOOLEAN, "properties", r.pos - 1, 1, def.name, v);
                }
                if (id == 0x01) {
                    seen.payloadFormat = v;
                }
                return v < 0 ? null : v;
            }
            case TWO -> {
                int v = r.u16(n, "properties");
                if (v == 0 && id == 0x23) {
                    r.report(Rule.PROPERTIES_TOPIC_ALIAS_ZERO, "properties", idAt, 3);
                } else if (v == 0 && id == 0x21) {
                    r.report(Rule.PROPERTIES_RECEIVE_MAXIMUM_ZERO, "properties", idAt, 3);
                }
                if (id == 0x23) {
                    seen.topicAlias = v;
                }
                return v < 0 ? null : v;
            }
            case FOUR -> {
                long v = r.u32(n, "properties");
                if (v == 0 && id == 0x27) {
                    r.report(Rule.PROPERTIES_MAXIMUM_PACKET_SIZE_ZERO, "properties", idAt, 5);
                }
                return v < 0 ? null : v;
            }
            case VARINT -> {
                int v = r.varInt(n, "properties");
                if (v == 0 && id == 0x0B) {
                    r.report(Rule.PROPERTIES_SUBSCRIPTION_IDENTIFIER_ZERO, "properties", idAt, r.pos - idAt);
                }
                if (id == 0x0B) {
                    seen.subscriptionIdentifier = true;
                }
                return v < 0 ? null : v;
            }
            case STRING -> {
                int before = r.fields.size();
                String v = r.string(def.field, "properties");
                trim(r, before);
                if (id == 0x08 && v != null && (v.indexOf('+') >= 0 || v.indexOf('#') >= 0)) {
                    r.report(Rule.PROPERTIES_RESPONSE_TOPIC_WILDCARD, "properties", idAt, r.pos - idAt, v);
                } else if (id == 0x08 && v != null && v.isEmpty()) {
                    r.report(Rule.PROPERTIES_RESPONSE_TOPIC_EMPTY, "properties", idAt, r.pos - idAt);
                }
                return v;
            }
            case BINARY -> {
                int before = r.fields.size();
                String v = r.binary(def.field, "properties");
                trim(r, before);
                return v;
            }
            default -> {
                int before = r.fields.size();
                String k = r.string(FieldName.USER_PROPERTY_NAME, "properties");
                String v = r.string(FieldName.USER_PROPERTY_VALUE, "properties");
                trim(r, before);
                return k == null || v == null ? null : List.of(k, v);
            }
        }
    }

    /** Property values live in the property's own field, not as top-level fields. */
    private static void trim(PacketReader r, int size) {
        while (r.fields.size() > size) {
            r.fields.remove(r.fields.size() - 1);
        }
    }
}
