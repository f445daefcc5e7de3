package io.mqscope.doctor;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Field;
import io.mqscope.wire.FieldName;
import io.mqscope.wire.PacketType;
import java.util.ArrayList;
import java.util.List;

/** Reads the few decoded fields the rules need, by name, with a default when the decoder could not read one. */
final class Fields {
    private Fields() {
    }

    static long number(DecodedPacket p, FieldName name, long otherwise) {
        Field f = Field.find(p.fields(), name);
        return f != null && f.value() instanceof Number n ? n.longValue() : otherwise;
    }

    static int integer(DecodedPacket p, FieldName name, int otherwise) {
        return (int) number(p, name, otherwise);
    }

    static boolean flag(DecodedPacket p, FieldName name) {
        Field f = Field.find(p.fields(), name);
        return f != null && Boolean.TRUE.equals(f.value());
    }

    static boolean has(DecodedPacket p, FieldName name) {
        return Field.find(p.fields(), name) != null;
    }

    static String text(DecodedPacket p, FieldName name) {
        Field f = Field.find(p.fields(), name);
        return f == null || f.value() == null ? null : String.valueOf(f.value());
    }

    /**
     * The packet identifier, or -1 when the packet has none. A QoS 0 PUBLISH has none (3.1.1 §3.3.2.2): its fields,
     * which a flood's packets have not decoded yet, are not read for it.
     */
    static int packetId(DecodedPacket p) {
        if (p.type() == PacketType.PUBLISH && qos(p) == 0) {
            return -1;
        }
        return integer(p, FieldName.PACKET_ID, -1);
    }

    /** PUBLISH QoS from the fixed header's flags. */
    static int qos(DecodedPacket p) {
        return p.type() == PacketType.PUBLISH ? p.flags() >> 1 & 3 : 0;
    }

    static boolean dup(DecodedPacket p) {
        return p.type() == PacketType.PUBLISH && (p.flags() & 8) != 0;
    }

    /** The CONNACK's return code (3.1.1) or reason code (5.0); -1 when unreadable. */
    static int connackCode(DecodedPacket p) {
        int rc = integer(p, FieldName.RETURN_CODE, -1);
        return rc >= 0 ? rc : integer(p, FieldName.REASON_CODE, -1);
    }

    /** A PUBACK/PUBREC/DISCONNECT reason code; 0 (success) when the short form leaves it out (5.0 §3.4.2.1). */
    static int reasonCode(DecodedPacket p) {
        return integer(p, FieldName.REASON_CODE, 0);
    }

    /** SUBSCRIBE: each filter with its requested QoS. */
    static List<Object[]> filters(DecodedPacket p) {
        List<Object[]> out = new ArrayList<>();
        String filter = null;
        for (Field f : p.fields()) {
            if (FieldName.TOPIC_FILTER.is(f)) {
                filter = String.valueOf(f.value());
            } else if (filter != null && (FieldName.REQUESTED_QOS.is(f) || FieldName.SUBSCRIPTION_OPTIONS.is(f))
                    && f.value() instanceof Number n) {
                out.add(new Object[] {filter, n.intValue() & 3});
                filter = null;
            }
        }
        return out;
    }

    /** SUBACK: the return or reason codes, one per filter. */
    static List<Integer> subackCodes(DecodedPacket p) {
        Field f = Field.find(p.fields(), FieldName.RETURN_CODES);
        if (f == null) {
            f = Field.find(p.fields(), FieldName.REASON_CODES);
        }
        List<Integer> out = new ArrayList<>();
        if (f != null && f.value() instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Number n) {
                    out.add(n.intValue());
                }
            }
        }
        return out;
    }

    static String hex(int code) {
        return String.format("0x%02X", code);
    }
}
