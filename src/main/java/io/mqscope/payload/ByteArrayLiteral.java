package io.mqscope.payload;

import static io.mqscope.payload.HexParser.digit;
import static io.mqscope.payload.HexParser.msg;

import io.mqscope.payload.HexParser.HexBytes;
import io.mqscope.payload.HexParser.Layout;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes written as an array literal (issue 14 item 2): {@code 0x10, 0x1a} or {@code [16, 26]}, in brackets or
 * braces as C and JavaScript write them, or a bare list of {@code 0x} bytes. Hex and decimal are not mixed: an
 * element that switches is an error with its position.
 */
final class ByteArrayLiteral {
    private static final Pattern ELEMENT = Pattern.compile("[^\\s,]+");
    private static final Pattern TOKEN = Pattern.compile("[^\\s,;]+");

    private ByteArrayLiteral() {
    }

    /** The first '[' or '{' with something inside ({@code buf[]} in a C declaration is not the array). */
    static int start(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '{') {
                int close = s.indexOf(c == '[' ? ']' : '}', i + 1);
                if (close < 0 || !s.substring(i + 1, close).isBlank()) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Every token (between white space, commas and semicolons) starts with {@code 0x}: a list of bytes without
     * brackets. Reads without copying.
     */
    static boolean isBareList(String input) {
        if (input.isBlank()) {
            return false;
        }
        Matcher t = TOKEN.matcher(input);
        while (t.find()) {
            int at = t.start();
            if (t.end() - at < 2 || input.charAt(at) != '0' || (input.charAt(at + 1) | 0x20) != 'x') {
                return false;
            }
        }
        return true;
    }

    /** The bytes of the array opening at {@code open} (from {@link #start}), or of a bare list when it is -1. */
    static ParseResult<HexBytes> read(String input, int open, Locale locale) {
        int from = open + 1;
        int to = input.length();
        if (open >= 0) {
            char close = input.charAt(open) == '[' ? ']' : '}';
            to = input.indexOf(close, from);
            if (to < 0) {
                return ParseResult.errorAt(input, open, msg(locale, "array.open", input.charAt(open), open + 1,
                        close));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Boolean hex = null;
        Matcher m = ELEMENT.matcher(input.substring(from, to));
        while (m.find()) {
            String e = m.group();
            int at = from + m.start();
            boolean isHex = e.startsWith("0x") || e.startsWith("0X");
            String digits = isHex ? e.substring(2) : e;
            // 0x1 is one byte, 0x1a2b two (a hex number written as bytes); 0x1a2 cannot be read either way
            boolean valid = !digits.isEmpty() && (isHex ? digits.length() <= 2 || digits.length() % 2 == 0
                    : digits.length() <= 3) && digits.chars()
                    .allMatch(c -> isHex ? digit((char) c) >= 0 : c >= '0' && c <= '9');
            if (!valid) {
                return ParseResult.errorAt(input, at, msg(locale, "array.element", e, at + 1));
            }
            if (hex != null && hex != isHex) {
                return ParseResult.errorAt(input, at, msg(locale, isHex ? "array.mixedHex" : "array.mixedDecimal",
                        e, at + 1));
            }
            hex = isHex;
            if (isHex && digits.length() > 2) {
                for (int i = 0; i < digits.length(); i += 2) {
                    out.write(Integer.parseInt(digits.substring(i, i + 2), 16));
                }
                continue;
            }
            int v = Integer.parseInt(digits, isHex ? 16 : 10);
            if (v > 255) {
                return ParseResult.errorAt(input, at, msg(locale, "array.big", e, at + 1, v));
            }
            out.write(v);
        }
        if (open >= 0 && !input.substring(to + 1).replaceAll("[\\s;)]", "").isEmpty()) {
            int extra = to + 1;
            while (Character.isWhitespace(input.charAt(extra)) || input.charAt(extra) == ';'
                    || input.charAt(extra) == ')') {
                extra++;
            }
            return ParseResult.errorAt(input, extra, msg(locale, "array.after", extra + 1));
        }
        return ParseResult.ok(new HexBytes(out.toByteArray(), Boolean.FALSE.equals(hex) ? Layout.DECIMAL_ARRAY
                : Layout.HEX_ARRAY));
    }
}
