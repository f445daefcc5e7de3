package io.mqscope.payload;

import java.io.ByteArrayOutputStream;

/**
 * Parses hex as people paste it: {@code de ad be ef}, {@code deadbeef}, {@code 0xde,0xad}, Wireshark and serial-log
 * dumps with spaces, colons, commas, dashes and line breaks. A lone offset column is not stripped: paste bytes only.
 */
public final class HexParser {
    private HexParser() {
    }

    public static ParseResult<byte[]> parse(String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length() / 2);
        int i = 0;
        int n = input.length();
        while (i < n) {
            char c = input.charAt(i);
            if (isSeparator(c)) {
                i++;
                continue;
            }
            if (c == '0' && i + 1 < n && (input.charAt(i + 1) == 'x' || input.charAt(i + 1) == 'X')) {
                i += 2;
                if (i >= n || digit(input.charAt(i)) < 0) {
                    return ParseResult.errorAt(input, i, i >= n
                            ? "'0x' at the end of the input is not followed by a hex digit"
                            : describe(input, i) + ": expected a hex digit after '0x'");
                }
                continue;
            }
            int hi = digit(c);
            if (hi < 0) {
                return ParseResult.errorAt(input, i, describe(input, i) + " is not a hex digit");
            }
            if (i + 1 >= n || isSeparator(input.charAt(i + 1))) {
                return ParseResult.errorAt(input, i, "odd number of hex digits: '" + c + "' at position " + (i + 1)
                        + " has no second digit (write 0" + c + ")");
            }
            int lo = digit(input.charAt(i + 1));
            if (lo < 0) {
                return ParseResult.errorAt(input, i + 1, describe(input, i + 1) + " is not a hex digit");
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        return ParseResult.ok(out.toByteArray());
    }

    private static String describe(String input, int i) {
        int cp = input.codePointAt(i);
        String shown = Character.isISOControl(cp)
                ? String.format("U+%04X", cp)
                : "'" + new String(Character.toChars(cp)) + "'";
        return "character " + shown + " at position " + (i + 1);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == ',' || c == '-' || c == ';';
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
