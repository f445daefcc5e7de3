package io.mqscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.store.PacketJson;
import io.mqscope.wire.DecodeResult;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Finding;
import io.mqscope.wire.PacketType;
import io.mqscope.wire.Severity;
import io.mqscope.wire.StreamDecoder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * {@code decode --json} and each {@code --batch} line: {@code {"id"?,"packet_type","malformed","severity","error",
 * "packets","findings"}}, the summary in the reference corpus's own terms first (the first packet's type, the root
 * cause), then every packet as {@link PacketJson} writes it.
 */
final class DecodeJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private DecodeJson() {
    }

    /** One line of JSON; {@code id} (any JSON value) comes first when given. */
    static String render(DecodeResult d, JsonNode id, boolean showSecrets) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (id != null) {
                g.writeFieldName("id");
                MAPPER.writeTree(g, id);
            }
            writeSummary(g, d.packets().isEmpty() ? null : d.packets().get(0).type(), d.rootCause());
            g.writeArrayFieldStart("packets");
            for (DecodedPacket p : d.packets()) {
                PacketJson.writePacket(g, p, showSecrets);
            }
            g.writeEndArray();
            g.writeFieldName("findings");
            PacketJson.writeFindings(g, d.streamFindings());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * {@code decode --json} holding no packets: the summary comes first, so a first pass decodes for the verdict
     * only, and a second one writes each packet as it is decoded. Returns whether any finding is an error.
     */
    static boolean write(byte[] bytes, Direction dir, int version, boolean connectionStart, boolean showSecrets,
            Writer out)
            throws IOException {
        DecodeReport.Tally t = new DecodeReport.Tally();
        StreamDecoder first = new StreamDecoder(dir, version).expectConnectionStart(connectionStart);
        first.decodeAll(bytes, t::add);
        Finding top = DecodeResult.rootCause(t.rootCause, first.streamFindings());
        Writer buffered = new BufferedWriter(out, 1 << 16);
        try (JsonGenerator g = FACTORY.createGenerator(buffered)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            writeSummary(g, t.firstType, top);
            g.writeArrayFieldStart("packets");
            StreamDecoder second = new StreamDecoder(dir, version).expectConnectionStart(connectionStart);
            try {
                second.decodeAll(bytes, p -> {
                    try {
                        PacketJson.writePacket(g, p, showSecrets);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            g.writeEndArray();
            g.writeFieldName("findings");
            PacketJson.writeFindings(g, second.streamFindings());
            g.writeEndObject();
        }
        buffered.write(System.lineSeparator());
        buffered.flush();
        return top != null && top.severity() == Severity.ERROR;
    }

    private static void writeSummary(JsonGenerator g, PacketType first, Finding top) throws IOException {
        boolean malformed = top != null && top.severity() != Severity.INFO;
        g.writeStringField("packet_type", first == null ? null : first.name());
        g.writeBooleanField("malformed", malformed);
        if (malformed) {
            g.writeStringField("severity", top.severity().jsonName());
            g.writeObjectFieldStart("error");
            g.writeStringField("field", top.field());
            g.writeStringField("detail", top.message());
            g.writeStringField("spec", top.spec());
            g.writeEndObject();
        } else {
            g.writeNullField("severity");
            g.writeNullField("error");
        }
    }
}
