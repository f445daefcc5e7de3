package io.mqscope.cli;

import io.mqscope.payload.ParseResult;
import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.ProtoChoice;
import io.mqscope.payload.ProtoJson;
import io.mqscope.payload.SparkplugReading;
import io.mqscope.payload.SparkplugTopic;
import io.mqscope.payload.SparkplugTracker;
import io.mqscope.payload.TextCharset;
import io.mqscope.session.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How {@code sub} prints a payload after {@code --format}. Without {@code --format}, payloads on {@code spBv1.0/...}
 * topics are read as Sparkplug B and the rest as text. Sparkplug B messages go through one tracker in arrival order,
 * so births name the aliases of later messages and sequence gaps are flagged. Called under the command's output
 * lock, one message at a time.
 */
final class SubPayloads {
    private static final HexFormat HEX = HexFormat.of();

    private final String format;
    private final boolean explicit;
    private final PayloadFormat tree;
    private final ProtoChoice proto;
    private final SparkplugTracker sparkplug = new SparkplugTracker();

    /** @param format the --format value in lower case, null when not given */
    SubPayloads(String format, ProtoChoice proto) {
        this.explicit = format != null;
        this.format = format == null ? "text" : format;
        PayloadFormat f = PayloadFormat.byId(this.format);
        this.tree = f != null && f.binaryTree() ? f : null;
        this.proto = proto;
    }

    private SparkplugReading sparkplug(MessageEvent m) {
        boolean read = tree == PayloadFormat.SPARKPLUG || !explicit && isSparkplug(m.topic());
        return read ? sparkplug.accept(m.topic(), m.payload()) : null;
    }

    private static boolean isSparkplug(String topic) {
        SparkplugTopic t = SparkplugTopic.parse(topic);
        return t != null && t.protobuf();
    }

    /** The text line(s) for one message. */
    void appendText(StringBuilder b, MessageEvent m) {
        SparkplugReading sp = sparkplug(m);
        if (sp != null) {
            b.append(sp.error() == null ? SparkplugTracker.render(sp).stripTrailing()
                    : PayloadCodec.render(m.payload(), PayloadFormat.SPARKPLUG, TextCharset.UTF_8));
            return;
        }
        if (tree == PayloadFormat.SPARKPLUG) {
            // not a Sparkplug B topic (STATE, another namespace): the payload alone
            b.append(PayloadCodec.render(m.payload(), PayloadFormat.SPARKPLUG, TextCharset.UTF_8));
            return;
        }
        switch (format) {
            case "hex" -> b.append(HEX.formatHex(m.payload()));
            case "base64" -> b.append(Base64.getEncoder().encodeToString(m.payload()));
            case "cbor", "msgpack", "protobuf" -> b.append(PayloadCodec.render(m.payload(), tree, TextCharset.UTF_8,
                    proto));
            default -> b.append(new String(m.payload(), StandardCharsets.UTF_8));
        }
    }

    /** The "decoded" member of --json, or null for none. */
    ParseResult<String> decoded(MessageEvent m) {
        SparkplugReading sp = sparkplug(m);
        if (sp != null) {
            return sp.error() == null ? ParseResult.ok(SparkplugJson.of(sp))
                    : ParseResult.error(sp.error(), sp.errorOffset(), -1, -1);
        }
        if (tree == null) {
            return null;
        }
        ParseResult<String> t = PayloadCodec.decodeTree(m.payload(), tree, proto);
        if (t.ok() && proto != null) {
            ParseResult<String> asJson = ProtoJson.toJson(m.payload(), proto.descriptor());
            return asJson.ok() ? asJson : t;
        }
        return t;
    }
}
