package io.mqscope.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mqscope.payload.JsonText;
import io.mqscope.payload.ParseResult;
import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.tap.PacketEvent;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Writes messages and packets as JSON lines, one object per line. Payloads are written as hex (always) and as text
 * only when they are valid UTF-8, so nothing is lost. Not thread-safe; buffered: call {@link #flush()}.
 *
 * <p>Message object: {@code {"topic","qos","retain","dup","payload_hex","payload_text"?,"properties"}} plus, with
 * metadata on, {@code "seq","time","direction","connection"} first.
 */
public final class JsonLines implements Flushable, Closeable {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final HexFormat HEX = HexFormat.of();

    private final JsonGenerator gen;
    private final boolean metadata;

    /** @param metadata also write sequence, time, direction and connection id of each message */
    public JsonLines(OutputStream out, boolean metadata) throws IOException {
        gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.setRootValueSeparator(null);
        this.metadata = metadata;
    }

    /** Writes into a character stream (e.g. a console writer). */
    public JsonLines(Writer out, boolean metadata) throws IOException {
        gen = FACTORY.createGenerator(out);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.setRootValueSeparator(null);
        this.metadata = metadata;
    }

    public void writeMessage(long sequence, MessageEvent m) throws IOException {
        writeMessage(sequence, m, null);
    }

    /**
     * With {@code decoded} (a CBOR or MessagePack tree, issue 16): a {@code "decoded"} member after payload_hex,
     * the tree itself when it is JSON, else its text; or a {@code "decode_error"} with the byte offset.
     */
    public void writeMessage(long sequence, MessageEvent m, ParseResult<String> decoded) throws IOException {
        gen.writeStartObject();
        if (metadata) {
            if (sequence >= 0) {
                gen.writeNumberField("seq", sequence);
            }
            gen.writeStringField("time", m.time().toString());
            gen.writeStringField("direction", m.outgoing() ? "out" : "in");
            gen.writeStringField("connection", m.connectionId());
        }
        gen.writeStringField("topic", m.topic());
        gen.writeNumberField("qos", m.qos());
        gen.writeBooleanField("retain", m.retain());
        gen.writeBooleanField("dup", m.dup());
        gen.writeStringField("payload_hex", HEX.formatHex(m.payload()));
        if (Utf8.isValid(m.payload())) {
            gen.writeStringField("payload_text", new String(m.payload(), StandardCharsets.UTF_8));
        }
        if (decoded != null && decoded.ok()) {
            ParseResult<String> json = JsonText.minify(decoded.value());
            if (json.ok()) {
                gen.writeFieldName("decoded");
                gen.writeRawValue(json.value());
            } else {
                gen.writeStringField("decoded", decoded.value());
            }
        } else if (decoded != null) {
            gen.writeStringField("decode_error", decoded.error());
            gen.writeNumberField("decode_error_offset", decoded.position());
        }
        gen.writeFieldName("properties");
        writeProperties(m.properties());
        gen.writeEndObject();
        newline();
    }

    private void writeProperties(MessageProperties p) throws IOException {
        gen.writeStartObject();
        if (p != null) {
            if (p.payloadIsUtf8() != null) {
                gen.writeNumberField("payload_format_indicator", p.payloadIsUtf8() ? 1 : 0);
            }
            if (p.messageExpirySeconds() != null) {
                gen.writeNumberField("message_expiry_interval", p.messageExpirySeconds());
            }
            if (p.topicAlias() != null) {
                gen.writeNumberField("topic_alias", p.topicAlias());
            }
            if (p.responseTopic() != null) {
                gen.writeStringField("response_topic", p.responseTopic());
            }
            if (p.correlationData() != null) {
                gen.writeStringField("correlation_data_hex", HEX.formatHex(p.correlationData()));
            }
            if (p.contentType() != null) {
                gen.writeStringField("content_type", p.contentType());
            }
            if (!p.userProperties().isEmpty()) {
                // a list, not an object: MQTT 5 allows the same name more than once [MQTT-3.3.2-18]
                gen.writeArrayFieldStart("user_properties");
                for (UserProperty u : p.userProperties()) {
                    gen.writeStartArray();
                    gen.writeString(u.name());
                    gen.writeString(u.value());
                    gen.writeEndArray();
                }
                gen.writeEndArray();
            }
            if (!p.subscriptionIdentifiers().isEmpty()) {
                gen.writeArrayFieldStart("subscription_identifiers");
                for (Integer id : p.subscriptionIdentifiers()) {
                    gen.writeNumber(id);
                }
                gen.writeEndArray();
            }
        }
        gen.writeEndObject();
    }

    /** One packet seen on a connection, as {@link PacketJson#writeEvent} writes it; a password hidden unless shown. */
    public void writePacket(PacketEvent e, boolean showSecrets) throws IOException {
        PacketJson.writeEvent(gen, e, showSecrets);
        newline();
    }

    private void newline() throws IOException {
        gen.writeRaw('\n');
    }

    @Override
    public void flush() throws IOException {
        gen.flush();
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }

    /** Exports every message the log holds, oldest first, with metadata. */
    public static void export(MessageLog log, OutputStream out) throws IOException {
        try (JsonLines w = new JsonLines(out, true)) {
            BoundedLog.Slice<MessageEvent> s = log.entries().snapshot();
            long seq = s.firstSequence();
            for (MessageEvent m : s.items()) {
                w.writeMessage(seq++, m);
            }
        }
    }

    /** Exports every packet the log holds, oldest first; CONNECT passwords hidden unless {@code showSecrets}. */
    public static void export(PacketLog log, OutputStream out, boolean showSecrets) throws IOException {
        try (JsonLines w = new JsonLines(out, true)) {
            for (PacketEvent e : log.entries().snapshot().items()) {
                w.writePacket(e, showSecrets);
            }
        }
    }
}
