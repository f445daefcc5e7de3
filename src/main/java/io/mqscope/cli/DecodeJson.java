package io.mqscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.store.PacketJson;
import io.mqscope.wire.DecodeResult;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

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
    static String render(DecodeResult d, JsonNode id) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (id != null) {
                g.writeFieldName("id");
                MAPPER.writeTree(g, id);
            }
            Finding top = d.rootCause();
            boolean malformed = d.malformed();
            g.writeStringField("packet_type", d.packets().isEmpty() ? null : d.packets().get(0).type().name());
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
            g.writeArrayFieldStart("packets");
            for (DecodedPacket p : d.packets()) {
                PacketJson.writePacket(g, p);
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
}
