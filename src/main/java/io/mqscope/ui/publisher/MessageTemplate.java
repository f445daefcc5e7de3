package io.mqscope.ui.publisher;

import io.mqscope.payload.ParseResult;
import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.Placeholders;
import io.mqscope.payload.ProtoChoice;
import io.mqscope.payload.TextCharset;
import io.mqscope.session.MessageProperties;
import io.mqscope.session.PublishRequest;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Everything a publish needs, taken from the fields at once so that another thread (a timed publish) can build
 * message after message from it: topic and payload with their placeholders, format, QoS, retain, properties; or,
 * instead of the payload text, the bytes of a large file ({@code fileBytes}, null when none).
 */
public record MessageTemplate(Placeholders topic, Placeholders payload, PayloadFormat format, TextCharset charset,
                              ProtoChoice proto, int qos, boolean retain, MessageProperties properties,
                              byte[] fileBytes) {

    /** Message {@code seq}: placeholders filled, payload encoded; an error when the filled payload is invalid. */
    public ParseResult<PublishRequest> build(long seq, Instant now, RandomGenerator random) {
        // a large file is sent as read (placeholders are not filled in it): the same bytes, never copied
        ParseResult<byte[]> bytes = fileBytes != null ? ParseResult.ok(fileBytes)
                : PayloadCodec.parse(payload.render(seq, now, random), format, charset, proto);
        return bytes.ok() ? ParseResult.ok(new PublishRequest(topic.render(seq, now, random), bytes.value(), qos,
                retain, properties)) : ParseResult.error(bytes.error(), bytes.position(), bytes.line(),
                bytes.column());
    }
}
