package io.mqscope.store;

import io.mqscope.session.MessageEvent;
import io.mqscope.tap.PacketEvent;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Secrets;
import java.nio.charset.StandardCharsets;

/**
 * One message or packet waiting for the history's writer: the original bytes (a message's payload, a packet's raw
 * frame), never a String of them.
 *
 * @param conn the connection's key (its profile id)
 * @param kind       {@link HistoryDatabase#KIND_MESSAGE} or {@link HistoryDatabase#KIND_PACKET}
 * @param properties a message's MQTT 5 properties ({@link HistoryProperties}), or null
 */
record HistoryRow(String conn, int kind, long timeMs, boolean outgoing, String topic, int qos, boolean retain,
                  boolean dup, byte[] payload, byte[] properties) {
    /** What a row costs beyond its bytes: its key, columns and index entries, measured roughly and rounded up. */
    static final int ROW_OVERHEAD = 64;

    static HistoryRow of(String conn, MessageEvent m) {
        return new HistoryRow(conn, HistoryDatabase.KIND_MESSAGE, m.time().toEpochMilli(), m.outgoing(), m.topic(),
                m.qos(), m.retain(), m.dup(), m.payload(), HistoryProperties.encode(m.properties()));
    }

    /** A CONNECT's password never reaches the disk: its bytes are stored as {@code '*'} (see {@link Secrets}). */
    static HistoryRow of(String conn, PacketEvent p) {
        return new HistoryRow(conn, HistoryDatabase.KIND_PACKET, p.time().toEpochMilli(),
                p.direction() == Direction.CLIENT_TO_BROKER, null, 0, false, false, Secrets.maskedRaw(p.packet()),
                null);
    }

    /** The bytes this row counts against the history's bounds. */
    long weight() {
        return ROW_OVERHEAD + payload.length + (topic == null ? 0 : topic.getBytes(StandardCharsets.UTF_8).length)
                + (properties == null ? 0 : properties.length);
    }
}
