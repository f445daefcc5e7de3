package io.mqscope.store;

import io.mqscope.tap.PacketEvent;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketDecoder;
import io.mqscope.wire.PacketType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Packets of a connection read back from the history, decoded again: the history keeps each packet's bytes, not its
 * decoding, so a restored packet gets the fields, findings and hex view of the decoder of this run.
 *
 * @param rows    oldest first
 * @param connect the client's newest CONNECT at or before the first row, or null
 */
record StoredPackets(List<Row> rows, byte[] connect) {
    /** One stored packet: its row id, time, side and bytes. */
    record Row(long id, long timeMs, boolean outgoing, byte[] raw) {
    }

    /**
     * Decodes the rows as packets of {@code conn}. The protocol level comes from the CONNECT before them, then from
     * each CONNECT among them (which also starts a new connection: indexes and offsets count from 0 again), else
     * {@code fallbackVersion} (the profile's). Stream-level rules (order, repairs) are not applied: the rows may have
     * gaps where the writer fell behind or the oldest were evicted.
     */
    List<PacketEvent> decode(String conn, int fallbackVersion) {
        int version = connect == null ? fallbackVersion : levelOf(connect, fallbackVersion);
        int[] index = new int[2];
        long[] offset = new long[2];
        List<PacketEvent> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Direction d = r.outgoing() ? Direction.CLIENT_TO_BROKER : Direction.BROKER_TO_CLIENT;
            DecodedPacket p = PacketDecoder.decode(r.raw(), version, d);
            if (r.outgoing() && p.type() == PacketType.CONNECT) {
                version = p.protocolVersion();
                p = PacketDecoder.decode(r.raw(), version, d);
                index[0] = 0;
                index[1] = 0;
                offset[0] = 0;
                offset[1] = 0;
            }
            int side = d.ordinal();
            DecodedPacket placed = new DecodedPacket(index[side]++, offset[side], p.raw(), p.type(), p.flags(),
                    p.remainingLength(), p.protocolVersion(), p.fields(), p.findings(), p.cause(), p.repaired());
            offset[side] += r.raw().length;
            Instant t = Instant.ofEpochMilli(r.timeMs());
            // a monotonic time for a packet of an earlier run: as long ago as its wall-clock time says
            long nano = System.nanoTime() - Math.max(0, System.currentTimeMillis() - r.timeMs()) * 1_000_000L;
            out.add(new PacketEvent(conn, nano, t, d, placed));
        }
        return out;
    }

    private static int levelOf(byte[] connect, int fallback) {
        DecodedPacket p = PacketDecoder.decode(connect, fallback, Direction.CLIENT_TO_BROKER);
        return p.type() == PacketType.CONNECT ? p.protocolVersion() : fallback;
    }
}
