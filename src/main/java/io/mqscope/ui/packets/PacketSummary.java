package io.mqscope.ui.packets;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Field;
import java.util.List;

/** A one-line summary of a decoded packet from its most telling fields. */
public final class PacketSummary {

    private PacketSummary() {
    }

    /** The wire decoder's own one-line summary. */
    public static String of(DecodedPacket p) {
        return io.mqscope.wire.Summary.of(p);
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
