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
import io.mqscope.doctor.Insight;
import io.mqscope.store.PacketJson;
import io.mqscope.wire.Finding;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code decode --pcap FILE --json}: {@code {"file","conversations":[{"client","server","transport","start",
 * "packets","ws","findings","gaps"}],"insights","notes"}} ("insights": the conversation doctor's, as
 * {@code tap --json} prints them, conversations named {@code c1}... in the order of "conversations"). Each packet
 * is the object {@code decode --json} prints ({@link PacketJson}) with {@code "from"} and {@code "time"} in front;
 * its {@code "index"} and {@code "offset"} count in its direction's whole stream, as the capture's labels
 * ("CONNECT #0") do, also after a gap. What a conversation says beyond those members (how it was recognised, TLS
 * server name, who closed it) goes into the file's notes, prefixed with the conversation's endpoints, so the
 * object keeps exactly the members above.
 */
final class DecodePcapJson {
    private DecodePcapJson() {
    }

    /**
     * One line of JSON; {@code failure}, when the file was cut short, ends the notes. Written piece by piece (the
     * conversations are sealed regions of the spill file, possibly larger than the heap), exactly as one Jackson
     * generator would write the object.
     */
    static void write(String file, Capture capture, List<PcapSections.Finished> sections, PcapSections report,
                      String failure, PrintWriter out, List<Insight> insights) throws IOException {
        out.print("{\"file\":");
        out.print(quote(file));
        out.print(",\"conversations\":[");
        String comma = "";
        for (PcapSections.Finished s : sections) {
            out.print(comma);
            report.write(s, out);
            comma = ",";
        }
        // what the conversation doctor found across the conversations, as mqscope tap --json prints it
        out.print("],\"insights\":[");
        comma = "";
        for (Insight i : insights) {
            out.print(comma);
            out.print(TapEventPrinter.insightJson(i, Language.locale()).toString());
            comma = ",";
        }
        out.print("],\"notes\":[");
        comma = "";
        for (String note : capture.notes()) {
            out.print(comma);
            out.print(quote(note));
            comma = ",";
        }
        for (PcapSections.Finished s : sections) {
            if (s.notes().length() > 0) {
                out.print(comma);
                report.spill().copy(s.notes(), out);
                comma = ",";
            }
        }
        if (failure != null) {
            out.print(comma);
            out.print(quote(failure));
        }
        out.println("]}");
    }

    /** A JSON string as the generator writes it. */
    private static String quote(String s) {
        return json(g -> g.writeString(s));
    }

    private interface JsonStep {
        void run() throws IOException;

        /** Writes one value. */
        interface Body {
            void write(JsonGenerator g) throws IOException;
        }
    }

    private static void raw(JsonStep step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One conversation's object, written to {@code out}. */
    static void conversation(PcapSections.Section s, PrintWriter out) {
        raw(() -> {
            JsonGenerator g = DecodeJson.MAPPER.getFactory().createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            conversation(g, s);
            g.flush();
        });
    }

    /** The conversation's remarks for the file's notes: JSON strings separated by commas. */
    static void notes(PcapSections.Section s, PrintWriter out) {
        String comma = "";
        for (String n : notes(s.head)) {
            out.print(comma);
            out.print(quote(n));
            comma = ",";
        }
    }

    private static void conversation(JsonGenerator g, PcapSections.Section s) throws IOException {
        Conversation c = s.head;
        g.writeStartObject();
        g.writeStringField("client", c.client().toString());
        g.writeStringField("server", c.server().toString());
        g.writeStringField("transport", c.transport().jsonName());
        g.writeStringField("start", c.start().toString());
        g.writeArrayFieldStart("packets");
        s.packets.forEach(p -> raw(() -> g.writeRawValue(p)));
        g.writeEndArray();
        g.writeArrayFieldStart("ws");
        s.ws.forEach(m -> raw(() -> g.writeRawValue(m)));
        g.writeEndArray();
        g.writeArrayFieldStart("findings");
        s.tail.forEach(f -> raw(() -> g.writeRawValue(f)));
        g.writeEndArray();
        g.writeArrayFieldStart("gaps");
        s.gaps.forEach(gap -> raw(() -> g.writeRawValue(gap)));
        g.writeEndArray();
        g.writeEndObject();
    }

    /** One JSON value written by {@code body}, as text. */
    private static String json(JsonStep.Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = DecodeJson.MAPPER.getFactory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    static String wsMessage(WsMessage m) {
        return json(g -> {
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
        });
    }

    /** The members of PacketJson's findings, with the direction whose stream the offset counts in. */
    static String finding(StreamFinding sf) {
        return json(g -> {
            Finding f = sf.finding();
            g.writeStartObject();
            g.writeStringField("from", sf.from().peer());
            PacketJson.writeFindingMembers(g, f);
            g.writeEndObject();
        });
    }

    static String gap(Gap gap) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("from", gap.from().peer());
            g.writeNumberField("offset", gap.offset());
            g.writeNumberField("length", gap.length());
            g.writeStringField("time", gap.time() == null ? null : gap.time().toString());
            g.writeStringField("message", gap.describe());
            g.writeEndObject();
        });
    }

    /** {@code "from","time"}, then the members {@code decode --json} writes for the packet. */
    static String packet(CapturedPacket p, boolean showSecrets) {
        return json(g -> g.writeTree(packetNode(p, showSecrets)));
    }

    static ObjectNode packetNode(CapturedPacket p, boolean showSecrets) throws IOException {
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

    /** A conversation's own remarks and closes, prefixed with its endpoints, for the file's notes. */
    static List<String> notes(Conversation c) {
        List<String> out = new ArrayList<>();
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
        return out;
    }
}
