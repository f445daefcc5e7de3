package io.mqscope.store;

import com.fasterxml.jackson.core.JsonGenerator;
import io.mqscope.tap.PacketEvent;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Field;
import io.mqscope.wire.Finding;
import io.mqscope.wire.Secrets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The one JSON form of a decoded packet, shared by {@code mqscope decode --json}, the packets export of the desktop
 * app and {@link JsonLines}:
 * {@code {"index","offset","length","type","flags","remaining_length","protocol_version","malformed","hex",
 * "fields":[{"name","offset","length","value","text"?,"children"?}],
 * "findings":[{"severity","field","offset","length","message","spec"}],"diagnosis","repaired"?}}; a packet seen on a
 * connection starts with {@code "time","connection","direction"}. Unless secrets are shown, a CONNECT password is
 * hidden ({@link Secrets}): its field reads {@code "value":"***","masked_bytes":7} without {@code "text"}, and its
 * bytes are {@code **} in {@code "hex"} and {@code "repaired"}.
 */
public final class PacketJson {
    private PacketJson() {
    }

    /** A packet seen on a connection: when, where and which way, then the packet's own members. */
    public static void writeEvent(JsonGenerator g, PacketEvent e, boolean showSecrets) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", e.time().toString());
        g.writeStringField("connection", e.connectionId());
        g.writeStringField("direction", e.direction().peer());
        writeMembers(g, e.packet(), showSecrets);
        g.writeEndObject();
    }

    public static void writePacket(JsonGenerator g, DecodedPacket p, boolean showSecrets) throws IOException {
        g.writeStartObject();
        writeMembers(g, p, showSecrets);
        g.writeEndObject();
    }

    private static void writeMembers(JsonGenerator g, DecodedPacket p, boolean show) throws IOException {
        g.writeNumberField("index", p.index());
        g.writeNumberField("offset", p.offset());
        g.writeNumberField("length", p.length());
        g.writeStringField("type", p.type().name());
        g.writeNumberField("flags", p.flags());
        g.writeNumberField("remaining_length", p.remainingLength());
        g.writeNumberField("protocol_version", p.protocolVersion());
        g.writeBooleanField("malformed", p.malformed());
        g.writeStringField("hex", Secrets.hex(p.raw(), show ? null : Secrets.password(p), ""));
        g.writeFieldName("fields");
        writeFields(g, p.fields(), show);
        g.writeFieldName("findings");
        writeFindings(g, p.findings());
        g.writeStringField("diagnosis", p.diagnosis());
        if (p.repaired() != null) {
            g.writeStringField("repaired", Secrets.hex(p.repaired(), show ? null : Secrets.passwordInRepair(p), ""));
        }
    }

    public static void writeFindings(JsonGenerator g, List<Finding> findings) throws IOException {
        g.writeStartArray();
        for (Finding f : findings) {
            g.writeStartObject();
            writeFindingMembers(g, f);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The members of one finding's object: severity, field, offset, length, message, spec. */
    public static void writeFindingMembers(JsonGenerator g, Finding f) throws IOException {
        g.writeStringField("severity", f.severity().jsonName());
        g.writeStringField("field", f.field());
        g.writeNumberField("offset", f.offset());
        g.writeNumberField("length", f.length());
        g.writeStringField("message", f.message());
        g.writeStringField("spec", f.spec());
    }

    private static void writeFields(JsonGenerator g, List<Field> fields, boolean show) throws IOException {
        g.writeStartArray();
        for (Field f : fields) {
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeNumberField("offset", f.offset());
            g.writeNumberField("length", f.length());
            if (!show && Secrets.isSecret(f)) {
                g.writeStringField("value", "***");
                g.writeNumberField("masked_bytes", Secrets.valueBytes(f));
                g.writeEndObject();
                continue;
            }
            g.writeFieldName("value");
            writeValue(g, f.value());
            if (f.kind() == Field.Kind.BINARY) {
                String text = printableText(f.value());
                if (text != null) {
                    g.writeStringField("text", text);
                }
            }
            if (!f.children().isEmpty()) {
                g.writeFieldName("children");
                writeFields(g, f.children(), show);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object x : list) {
                writeValue(g, x);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    /** The UTF-8 text of a binary field's hex value when it is printable, else null. */
    public static String printableText(Object hexValue) {
        if (!(hexValue instanceof String h) || h.isEmpty()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                    return null;
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
