package io.mqscope.payload;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Converts between the bytes of a payload and the text a person reads or writes. Parsing returns the exact bytes
 * or an error with a position; rendering never changes the bytes it was given.
 */
public final class PayloadCodec {
    private PayloadCodec() {
    }

    /** Parses what the user typed in {@code format}; JSON is validated and sent as written (UTF-8). */
    public static ParseResult<byte[]> parse(String input, PayloadFormat format, TextCharset charset) {
        return parse(input, format, charset, null);
    }

    /** As {@link #parse(String, PayloadFormat, TextCharset)}; PROTOBUF encodes JSON to {@code proto}'s type. */
    public static ParseResult<byte[]> parse(String input, PayloadFormat format, TextCharset charset,
                                            ProtoChoice proto) {
        return switch (format) {
            case TEXT -> TextDecoding.encode(input, charset);
            case JSON -> {
                ParseResult<String> r = JsonText.validate(input);
                yield r.ok() ? TextDecoding.encode(input, charset)
                        : ParseResult.error(r.error(), r.position(), r.line(), r.column());
            }
            case HEX -> HexParser.parse(input);
            case BASE64 -> Base64Text.parse(input);
            case CBOR, MSGPACK -> encodeJson(input, format);
            case SPARKPLUG -> ProtoJson.encode(input, Sparkplug.schema().descriptor());
            case PROTOBUF -> {
                String missing = missingSchema(proto);
                yield missing == null ? ProtoJson.encode(input, proto.descriptor())
                        : ParseResult.errorAt(input, 0, missing);
            }
        };
    }

    /** Why {@code proto} cannot be used, or null when it can. */
    private static String missingSchema(ProtoChoice proto) {
        if (proto == null || proto.schema() == null || proto.type() == null) {
            return PayloadText.get("proto.noSchema");
        }
        return proto.descriptor() == null ? PayloadText.get("proto.noType", proto.type()) : null;
    }

    /** JSON written as CBOR or MessagePack; JSON errors keep their line and column. */
    private static ParseResult<byte[]> encodeJson(String json, PayloadFormat format) {
        ParseResult<DataItem> item = DataItemText.fromJson(json);
        if (!item.ok()) {
            return ParseResult.error(item.error(), item.position(), item.line(), item.column());
        }
        try {
            return ParseResult.ok(format == PayloadFormat.CBOR ? Cbor.encode(item.value())
                    : Msgpack.encode(item.value()));
        } catch (IllegalArgumentException e) {
            return ParseResult.errorAt(json, 0, e.getMessage());
        }
    }

    /**
     * The bytes as a tree in {@code format} (CBOR or MessagePack), or an error whose position is the byte offset where
     * decoding failed.
     */
    public static ParseResult<String> decodeTree(byte[] bytes, PayloadFormat format) {
        return decodeTree(bytes, format, null);
    }

    /**
     * As {@link #decodeTree(byte[], PayloadFormat)}; PROTOBUF shows the field tree of {@code proto}'s type and,
     * below it, the message as JSON (what the publisher takes to write the same bytes again).
     */
    public static ParseResult<String> decodeTree(byte[] bytes, PayloadFormat format, ProtoChoice proto) {
        if (format == PayloadFormat.SPARKPLUG) {
            // without its topic and the messages before it: no parts of the topic, no names from a birth
            SparkplugReading r = SparkplugTracker.standalone(bytes);
            return r.error() != null ? ParseResult.error(r.error(), r.errorOffset(), -1, -1)
                    : ParseResult.ok(SparkplugTracker.render(r));
        }
        if (format == PayloadFormat.PROTOBUF) {
            String missing = missingSchema(proto);
            if (missing != null) {
                return ParseResult.error(missing, 0, -1, -1);
            }
            ParseResult<java.util.List<ProtoField>> tree = ProtoTree.decode(bytes, proto.descriptor());
            if (!tree.ok()) {
                return ParseResult.error(tree.error(), tree.position(), -1, -1);
            }
            String text = ProtoTree.render(proto.type(), tree.value(), bytes.length);
            ParseResult<String> json = ProtoJson.toJson(bytes, proto.descriptor());
            return ParseResult.ok(json.ok() ? text + "\n" + json.value() : text);
        }
        ParseResult<DataItem> item = format == PayloadFormat.CBOR ? Cbor.decode(bytes) : Msgpack.decode(bytes);
        return item.ok() ? ParseResult.ok(DataItemText.render(item.value()))
                : ParseResult.error(item.error(), item.position(), -1, -1);
    }

    /**
     * Renders bytes for display. TEXT replaces undecodable sequences with U+FFFD; JSON pretty-prints when the bytes
     * are valid JSON and otherwise shows the text as is. CBOR and MSGPACK show a tree, or the error with its byte
     * offset followed by the bytes in hex.
     */
    public static String render(byte[] bytes, PayloadFormat format, TextCharset charset) {
        return render(bytes, format, charset, null);
    }

    /** As {@link #render(byte[], PayloadFormat, TextCharset)}, PROTOBUF read as {@code proto}'s type. */
    public static String render(byte[] bytes, PayloadFormat format, TextCharset charset, ProtoChoice proto) {
        return switch (format) {
            case TEXT -> new String(bytes, charset.charset());
            case JSON -> {
                String text = new String(bytes, charset.charset());
                ParseResult<String> r = JsonText.pretty(text);
                yield r.ok() ? r.value() : text;
            }
            case HEX -> hex(bytes, 0, bytes.length);
            case BASE64 -> Base64Text.format(bytes);
            case CBOR, MSGPACK, PROTOBUF, SPARKPLUG -> {
                // bytes that do not decode are never lost: say where it broke, then show them all as hex
                ParseResult<String> tree = decodeTree(bytes, format, proto);
                yield tree.ok() ? tree.value() : tree.error() + "\n\n" + hex(bytes, 0, bytes.length);
            }
        };
    }

    /** Space-separated lower-case hex pairs. */
    public static String hex(byte[] bytes, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = off; i < off + len; i++) {
            if (i > off) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
        }
        return sb.toString();
    }

    /** True when the bytes decode in the charset without a replacement. */
    public static boolean isText(byte[] bytes, TextCharset charset) {
        CharsetDecoder d = charset.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = d.decode(ByteBuffer.wrap(bytes));
            for (int i = 0; i < cb.length(); i++) {
                char c = cb.charAt(i);
                if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                    return false;
                }
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A first guess at the most readable view of received bytes. */
    public static PayloadFormat guess(byte[] bytes, TextCharset charset) {
        if (!isText(bytes, charset)) {
            return PayloadFormat.HEX;
        }
        String s = new String(bytes, charset.charset()).strip();
        if ((s.startsWith("{") || s.startsWith("[")) && JsonText.validate(s).ok()) {
            return PayloadFormat.JSON;
        }
        return PayloadFormat.TEXT;
    }
}
