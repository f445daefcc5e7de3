package io.mqscope.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.mqscope.capture.Capture;
import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Close;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.Gap;
import io.mqscope.capture.StreamFinding;
import io.mqscope.store.PacketJson;
import io.mqscope.wire.Finding;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code decode --pcap FILE --json}: {@code {"file","conversations":[{"client","server","transport","start",
 * "packets","ws","findings","gaps"}],"notes"}}. Each packet is the object {@code decode --json} prints ({@link
 * PacketJson}) with {@code "from"} and {@code "time"} in front; its {@code "index"} and {@code "offset"} count in its
 * direction's whole stream, as the capture's labels ("CONNECT #0") do, also after a gap. What a conversation says
 * beyond those members (how it was recognised, TLS server name, who closed it) goes into the file's notes, prefixed
 * with the conversation's endpoints, so the object keeps exactly the members above.
 */
final class DecodePcapJson {
    private DecodePcapJson() {
    }

    /** One line of JSON; {@code failure}, when the file was cut short, ends the notes. */
    static String render(String file, Capture capture, String failure, boolean showSecrets) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = DecodeJson.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("file", file);
            g.writeArrayFieldStart("conversations");
            for (Conversation c : capture.conversations()) {
                conversation(g, c, showSecrets);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String note : notes(capture, failure)) {
                g.writeString(note);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void conversation(JsonGenerator g, Conversation c, boolean showSecrets) throws IOException {
        g.writeStartObject();
        g.writeStringField("client", c.client().toString());
        g.writeStringField("server", c.server().toString());
        g.writeStringField("transport", c.transport().jsonName());
        g.writeStringField("start", c.start().toString());
        g.writeArrayFieldStart("packets");
        for (CapturedPacket p : c.packets()) {
            g.writeTree(packet(p, showSecrets));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("ws");
        for (WsMessage m : WsMessage.of(c.ws())) {
            g.writeStartObject();
            g.writeStringField("from", m.from().peer());
            g.writeStringField("time", m.time().toString());
            g.writeStringField("type", m.type());
            g.writeNumberField("length", m.length());
            g.writeNumberField("frames", m.frames());
            g.writeBooleanField("masked", m.masked());
            g.writeNumberField("mqtt_offset", m.mqttOffset());
            g.writeBooleanField("complete", m.complete());
            if (!m.detail().isEmpty()) {
                g.writeStringField("detail", m.detail());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("findings");
        for (StreamFinding sf : c.findings()) {
            // The members of PacketJson's findings, with the direction whose stream the offset counts in.
            Finding f = sf.finding();
            g.writeStartObject();
            g.writeStringField("from", sf.from().peer());
            PacketJson.writeFindingMembers(g, f);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("gaps");
        for (Gap gap : c.gaps()) {
            g.writeStartObject();
            g.writeStringField("from", gap.from().peer());
            g.writeNumberField("offset", gap.offset());
            g.writeNumberField("length", gap.length());
            g.writeStringField("time", gap.time() == null ? null : gap.time().toString());
            g.writeStringField("message", gap.describe());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code "from","time"}, then the members {@code decode --json} writes for the packet. */
    static ObjectNode packet(CapturedPacket p, boolean showSecrets) throws IOException {
        ObjectNode o = DecodeJson.MAPPER.createObjectNode();
        o.put("from", p.from().peer());
        o.put("time", p.time().toString());
        try (TokenBuffer buffer = new TokenBuffer(DecodeJson.MAPPER, false)) {
            PacketJson.writePacket(buffer, p.packet(), showSecrets);
            o.setAll((ObjectNode) DecodeJson.MAPPER.readTree(buffer.asParser()));
        }
        o.put("index", p.index());
        o.put("offset", p.streamOffset());
        return o;
    }

    /** The file's notes, then each conversation's own remarks and closes prefixed with its endpoints. */
    static List<String> notes(Capture capture, String failure) {
        List<String> out = new ArrayList<>(capture.notes());
        for (Conversation c : capture.conversations()) {
            String who = c.client() + " -> " + c.server() + ": ";
            if (c.sni() != null) {
                out.add(who + "TLS server name " + c.sni());
            }
            for (String n : c.notes()) {
                out.add(who + n);
            }
            for (Close cl : c.closes()) {
                out.add(who + cl.description());
            }
        }
        if (failure != null) {
            out.add(failure);
        }
        return out;
    }
}
