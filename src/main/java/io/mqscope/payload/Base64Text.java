package io.mqscope.payload;

import java.util.Base64;

/** Base64 (standard or URL-safe alphabet, padding optional, whitespace ignored) with positioned errors. */
public final class Base64Text {
    private Base64Text() {
    }

    public static ParseResult<byte[]> parse(String input) {
        StringBuilder clean = new StringBuilder(input.length());
        boolean urlSafe = false;
        boolean std = false;
        int padAt = -1;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (c == '=') {
                if (padAt < 0) {
                    padAt = i;
                }
                clean.append(c);
                continue;
            }
            if (padAt >= 0) {
                return ParseResult.errorAt(input, i, "character '" + c + "' at position " + (i + 1)
                        + " after '=' padding");
            }
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (c == '+' || c == '/') {
                std = true;
            } else if (c == '-' || c == '_') {
                urlSafe = true;
            } else if (!alnum) {
                String shown = Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
                return ParseResult.errorAt(input, i, "character " + shown + " at position " + (i + 1)
                        + " is not a base64 character");
            }
            if (std && urlSafe) {
                return ParseResult.errorAt(input, i, "character '" + c + "' at position " + (i + 1)
                        + " mixes the standard and URL-safe base64 alphabets");
            }
            clean.append(c);
        }
        String s = clean.toString();
        String body = s.replace("=", "");
        if (body.length() % 4 == 1) {
            return ParseResult.errorAt(input, input.length(), "base64 length " + body.length()
                    + " is impossible: one character too many or too few");
        }
        try {
            return ParseResult.ok((urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(
                    body + "==".substring(0, (4 - body.length() % 4) % 4)));
        } catch (IllegalArgumentException e) {
            return ParseResult.errorAt(input, Math.max(0, padAt), e.getMessage());
        }
    }

    public static String format(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
