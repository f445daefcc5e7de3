package io.mqscope.ui.packets;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Field;
import java.util.List;

/** A one-line summary of a decoded packet from its most telling fields. */
public final class PacketSummary {
    private static final String[] TELLING = {"topic_name", "client_id", "topic_filter", "packet_identifier",
        "return_code", "reason_code", "session_present", "keep_alive", "qos"};

    private PacketSummary() {
    }

    public static String of(DecodedPacket p) {
        StringBuilder sb = new StringBuilder();
        for (String name : TELLING) {
            Field f = find(p.fields(), name);
            if (f != null && f.value() != null) {
                if (sb.length() > 0) {
                    sb.append("  ");
                }
                String v = String.valueOf(f.value());
                sb.append(name).append('=').append(v.length() > 60 ? v.substring(0, 60) + "…" : v);
            }
        }
        return sb.toString();
    }

    /** Depth-first search by name. */
    public static Field find(List<Field> fields, String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
            Field c = find(f.children(), name);
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
