package io.mqscope.payload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows Sparkplug B messages in the order they arrived, per edge node: the alias table of its NBIRTH and DBIRTHs
 * (aliases are unique across an edge node and its devices, Sparkplug 3.0.0 section 6.4.21 / [tck-id-payloads-alias-
 * uniqueness]), its sequence number (every message of the edge node but NDEATH carries seq, NBIRTH starts it, each
 * next one adds 1 modulo 256: section 6.4.19 / [tck-id-payloads-sequence-num-incrementing]) and its bdSeq (the
 * NBIRTH's bdSeq metric, which the NDEATH repeats: section 6.4.20). Not thread-safe: one tracker per consumer.
 */
public final class SparkplugTracker {
    /** A metric alias from a birth certificate. */
    private record Birth(String name, Integer datatype) {
    }

    private static final class EdgeNode {
        final Map<Long, Birth> aliases = new HashMap<>();
        Long lastSeq;
        Long bdSeq;
    }

    private final Map<String, EdgeNode> nodes = new HashMap<>();

    /** Reads one message; a topic outside spBv1.0 or a STATE message gives null. */
    public SparkplugReading accept(String topic, byte[] payload) {
        SparkplugTopic t = SparkplugTopic.parse(topic);
        if (t == null || !t.protobuf()) {
            return null;
        }
        return read(t, payload);
    }

    /** One payload without its topic or the messages before it: no birth names, no sequence checks. */
    public static SparkplugReading standalone(byte[] payload) {
        ParseResult<SparkplugPayload> r = Sparkplug.decode(payload);
        if (!r.ok()) {
            return new SparkplugReading(null, null, List.of(), List.of(), r.error(), r.position());
        }
        List<SparkplugReading.Resolved> metrics = new ArrayList<>();
        for (SparkplugPayload.Metric m : r.value().metrics()) {
            metrics.add(new SparkplugReading.Resolved(m, m.name(), m.datatype(), false));
        }
        return new SparkplugReading(null, r.value(), metrics, List.of(), null, -1);
    }

    private SparkplugReading read(SparkplugTopic t, byte[] payload) {
        ParseResult<SparkplugPayload> r = Sparkplug.decode(payload);
        if (!r.ok()) {
            return new SparkplugReading(t, null, List.of(), List.of(), r.error(), r.position());
        }
        SparkplugPayload p = r.value();
        EdgeNode node = nodes.computeIfAbsent(t.edgeNodeKey(), k -> new EdgeNode());
        List<String> notes = new ArrayList<>();
        boolean birth = t.type().equals("NBIRTH") || t.type().equals("DBIRTH");
        if (t.type().equals("NBIRTH")) {
            node.aliases.clear(); // a new session of the edge node: old aliases no longer hold
        }
        sequence(t, p, node, notes);
        List<SparkplugReading.Resolved> metrics = new ArrayList<>();
        for (SparkplugPayload.Metric m : p.metrics()) {
            String name = m.name();
            Integer datatype = m.datatype();
            boolean fromBirth = false;
            if (birth && m.alias() != null && m.name() != null) {
                node.aliases.put(m.alias(), new Birth(m.name(), m.datatype()));
            } else if (m.alias() != null && (name == null || datatype == null)) {
                Birth b = node.aliases.get(m.alias());
                if (b == null) {
                    notes.add(PayloadText.get("sparkplug.unknownAlias", m.alias()));
                } else {
                    name = name == null ? b.name() : name;
                    datatype = datatype == null ? b.datatype() : datatype;
                    fromBirth = true;
                }
            }
            if ("bdSeq".equals(name) && (t.type().equals("NBIRTH") || t.type().equals("NDEATH"))) {
                bdSeq(t, m, node, notes);
            }
            metrics.add(new SparkplugReading.Resolved(m, name, datatype, fromBirth));
        }
        return new SparkplugReading(t, p, metrics, notes, null, -1);
    }

    private static void sequence(SparkplugTopic t, SparkplugPayload p, EdgeNode node, List<String> notes) {
        if (t.type().equals("NDEATH") || t.type().endsWith("CMD")) {
            return; // NDEATH is the broker's will; commands come from the host application
        }
        if (p.seq() == null) {
            notes.add(PayloadText.get("sparkplug.noSeq", t.type()));
            return;
        }
        if (!t.type().equals("NBIRTH") && node.lastSeq != null) {
            long expected = (node.lastSeq + 1) % 256;
            if (p.seq() != expected) {
                notes.add(PayloadText.get("sparkplug.seqGap", expected, p.seq(), Math.floorMod(p.seq() - expected,
                        256)));
            }
        } else if (!t.type().equals("NBIRTH")) {
            notes.add(PayloadText.get("sparkplug.noBirth", t.edgeNodeKey()));
        }
        node.lastSeq = p.seq();
    }

    private static void bdSeq(SparkplugTopic t, SparkplugPayload.Metric m, EdgeNode node, List<String> notes) {
        Long v = m.value() instanceof Long l ? l : m.value() instanceof Integer i ? Integer.toUnsignedLong(i) : null;
        if (t.type().equals("NBIRTH")) {
            node.bdSeq = v;
        } else if (node.bdSeq != null && v != null && !v.equals(node.bdSeq)) {
            notes.add(PayloadText.get("sparkplug.bdSeqMismatch", v, node.bdSeq));
        }
    }

    /** The reading as text: the message type and its parts, timestamp, seq, each metric on a line, then notes. */
    public static String render(SparkplugReading r) {
        StringBuilder sb = new StringBuilder();
        SparkplugTopic t = r.topic();
        sb.append(t == null ? "Sparkplug B" : PayloadText.get(t.fromDevice() ? "sparkplug.headerDevice"
                : "sparkplug.header", t.type(), t.group(), t.edgeNode(), t.device())).append('\n');
        if (r.error() != null) {
            return sb.append(r.error()).toString();
        }
        SparkplugPayload p = r.payload();
        if (p.timestamp() != null) {
            sb.append("timestamp: ").append(p.timestamp()).append(" (").append(Instant.ofEpochMilli(p.timestamp()))
                    .append(")\n");
        }
        if (p.seq() != null) {
            sb.append("seq: ").append(p.seq()).append('\n');
        }
        if (p.uuid() != null) {
            sb.append("uuid: ").append(p.uuid()).append('\n');
        }
        sb.append(PayloadText.get("sparkplug.metrics", p.metrics().size())).append('\n');
        for (SparkplugReading.Resolved m : r.metrics()) {
            sb.append("  ").append(m.name() == null ? "?" : m.name());
            if (m.metric().alias() != null) {
                sb.append(" [").append(PayloadText.get(m.fromBirth() ? "sparkplug.aliasFromBirth"
                        : "sparkplug.alias", m.metric().alias())).append(']');
            }
            sb.append(": ").append(Sparkplug.datatype(m.datatype())).append(" = ")
                    .append(m.metric().isNull() ? "null" : Sparkplug.valueText(m.metric().value(), m.datatype()));
            if (m.metric().timestamp() != null) {
                sb.append("  @").append(Instant.ofEpochMilli(m.metric().timestamp()));
            }
            if (m.metric().historical()) {
                sb.append("  ").append(PayloadText.get("sparkplug.historical"));
            }
            sb.append('\n');
        }
        if (p.body() != null) {
            sb.append("body: h'").append(java.util.HexFormat.of().formatHex(p.body())).append("'\n");
        }
        for (String n : r.notes()) {
            sb.append("! ").append(n).append('\n');
        }
        return sb.toString();
    }
}
