package io.mqscope.session;

import io.mqscope.payload.HexParser;
import io.mqscope.payload.ParseResult;
import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.ProtoChoice;
import io.mqscope.payload.TextCharset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Turns a payload as a person writes it (text, json, hex, base64; cbor or msgpack from JSON) into bytes to send. */
public final class Payloads {
    private Payloads() {
    }

    /** @param format text, json, hex, base64, cbor or msgpack (null means text) */
    public static ParseResult<byte[]> parse(String input, String format) {
        return parse(input, format, null);
    }

    /** As {@link #parse(String, String)}; {@code protobuf} encodes JSON to {@code proto}'s message type. */
    public static ParseResult<byte[]> parse(String input, String format, ProtoChoice proto) {
        String f = format == null ? "text" : format.toLowerCase(Locale.ROOT);
        switch (f) {
            case "text":
            case "json":
            case "string":
                return ParseResult.ok(input.getBytes(StandardCharsets.UTF_8));
            case "hex":
                return HexParser.parse(input);
            case "base64":
                return parseBase64(input);
            case "cbor":
            case "msgpack":
            case "protobuf":
            case "sparkplug":
                return PayloadCodec.parse(input, PayloadFormat.byId(f), TextCharset.UTF_8, proto);
            default:
                return ParseResult.error("payload format must be text, json, hex, base64, cbor, msgpack, protobuf or "
                        + "sparkplug, not '" + format + "'", -1, -1, -1);
        }
    }

    private static ParseResult<byte[]> parseBase64(String input) {
        StringBuilder compact = new StringBuilder(input.length());
        int[] origin = new int[input.length()];
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=' || c == '-' || c == '_')) {
                return ParseResult.errorAt(input, i, "character '" + c + "' at position " + (i + 1)
                        + " is not base64");
            }
            origin[compact.length()] = i;
            compact.append(c);
        }
        String s = compact.toString();
        boolean url = s.indexOf('-') >= 0 || s.indexOf('_') >= 0;
        try {
            return ParseResult.ok((url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(s));
        } catch (IllegalArgumentException e) {
            int pos = s.isEmpty() ? 0 : origin[s.length() - 1];
            return ParseResult.errorAt(input, pos, "invalid base64: " + e.getMessage());
        }
    }
}
