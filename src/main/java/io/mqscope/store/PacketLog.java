package io.mqscope.store;

import io.mqscope.tap.PacketEvent;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Field;
import io.mqscope.wire.Finding;
import java.util.List;

/** Every packet that crossed the relay, decoded, bounded by bytes. Append from any thread. */
public final class PacketLog {
    /** 32 MiB. Decoded packets weigh several times their raw size (fields, findings). */
    public static final long DEFAULT_MAX_BYTES = 32L << 20;

    static final int PACKET_OVERHEAD = 200;
    static final int FIELD_OVERHEAD = 96;
    static final int FINDING_OVERHEAD = 96;

    private final BoundedLog<PacketEvent> log;

    public PacketLog() {
        this(DEFAULT_MAX_BYTES);
    }

    public PacketLog(long maxBytes) {
        this(maxBytes, Integer.MAX_VALUE);
    }

    /** @param maxPackets also keep no more than this many packets (the user's setting) */
    public PacketLog(long maxBytes, int maxPackets) {
        log = new BoundedLog<>(maxBytes, maxPackets, PacketLog::weigh);
    }

    public long append(PacketEvent packet) {
        return log.append(packet);
    }

    public BoundedLog<PacketEvent> entries() {
        return log;
    }

    /** Approximate heap bytes: raw (and repaired) bytes, every field and finding, and object overhead. */
    public static long weigh(PacketEvent e) {
        DecodedPacket p = e.packet();
        long w = PACKET_OVERHEAD + p.raw().length;
        if (p.repaired() != null) {
            w += p.repaired().length;
        }
        if (p.diagnosis() != null) {
            w += 2L * p.diagnosis().length();
        }
        w += weighFields(p.fields());
        for (Finding f : p.findings()) {
            w += FINDING_OVERHEAD + 2L * (f.message() == null ? 0 : f.message().length());
        }
        return w;
    }

    private static long weighFields(List<Field> fields) {
        long w = 0;
        for (Field f : fields) {
            w += FIELD_OVERHEAD;
            if (f.value() instanceof String s) {
                w += 2L * s.length();
            }
            if (!f.children().isEmpty()) {
                w += weighFields(f.children());
            }
        }
        return w;
    }
}
