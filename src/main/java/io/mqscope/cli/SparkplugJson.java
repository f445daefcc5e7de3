package io.mqscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mqscope.payload.Sparkplug;
import io.mqscope.payload.SparkplugPayload;
import io.mqscope.payload.SparkplugReading;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * {@code sub --json}'s "decoded" member for a Sparkplug B message: {@code message_type, group, edge_node, device,
 * timestamp, seq, uuid, metrics: [{name, alias, datatype, timestamp, value, from_birth}], notes}.
 */
final class SparkplugJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private SparkplugJson() {
    }

    static String of(SparkplugReading r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("message_type", r.topic().type());
            g.writeStringField("group", r.topic().group());
            g.writeStringField("edge_node", r.topic().edgeNode());
            if (r.topic().device() != null) {
                g.writeStringField("device", r.topic().device());
            }
            SparkplugPayload p = r.payload();
            writeLong(g, "timestamp", p.timestamp());
            writeLong(g, "seq", p.seq());
            if (p.uuid() != null) {
                g.writeStringField("uuid", p.uuid());
            }
            g.writeArrayFieldStart("metrics");
            for (SparkplugReading.Resolved m : r.metrics()) {
                g.writeStartObject();
                if (m.name() != null) {
                    g.writeStringField("name", m.name());
                }
                writeLong(g, "alias", m.metric().alias());
                g.writeStringField("datatype", Sparkplug.datatype(m.datatype()));
                writeLong(g, "timestamp", m.metric().timestamp());
                g.writeStringField("value", m.metric().isNull() ? null
                        : Sparkplug.valueText(m.metric().value(), m.datatype()));
                g.writeBooleanField("from_birth", m.fromBirth());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String n : r.notes()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeLong(JsonGenerator g, String name, Long v) throws IOException {
        if (v != null) {
            g.writeStringField(name, Long.toUnsignedString(v));
        }
    }
}
