package io.mqscope.wire;

import java.nio.charset.StandardCharsets;

/**
 * Decodes and checks UTF-8 Encoded Strings as MQTT defines them (3.1.1 §1.5.3, 5.0 §1.5.4): well-formed UTF-8 per
 * RFC 3629, no U+0000, no surrogates, no overlong forms. Reports the first problem only, at the offending byte.
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes {@code len} bytes at {@code off}; problems become findings on {@code r} blamed on {@code blame}.
     * Undecodable bytes come out as U+FFFD.
     */
    static String decode(PacketReader r, byte[] b, int off, int len, String blame, String what) {
        int end = off + len;
        boolean plain = true;
        for (int i = off; i < end; i++) {
            int c = b[i];
            if (c < 0x20 || c == 0x7f) { // negative (non-ASCII) included
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        check(r, b, off, end, blame, what);
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    private static void check(PacketReader r, byte[] b, int off, int end, String blame, String what) {
        boolean remarked = false;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                if (c == 0) {
                    r.report(Rule.UTF8_NULL_CHARACTER, blame, i, 1, what);
                    return;
                }
                if (!remarked && (c < 0x20 || c == 0x7f)) {
                    remarked = true;
                    r.report(Rule.UTF8_CONTROL_CHARACTER, blame, i, 1, what, hex4(c));
                }
                i++;
                continue;
            }
            int n;
            int cp;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
                cp = c & 0x1f;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                cp = c & 0x0f;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                Rule why = c == 0xc0 || c == 0xc1 ? Rule.UTF8_OVERLONG_LEAD
                        : c < 0xc0 ? Rule.UTF8_LONE_CONTINUATION : Rule.UTF8_INVALID_BYTE;
                r.report(why, blame, i, 1, what, hex2(c));
                return;
            }
            for (int k = 1; k <= n; k++) {
                if (i + k >= end || (b[i + k] & 0xc0) != 0x80) {
                    r.report(Rule.UTF8_CUT_SHORT, blame, i, Math.min(k, end - i), what, hex2(c));
                    return;
                }
                cp = cp << 6 | (b[i + k] & 0x3f);
            }
            if (cp < min) {
                r.report(Rule.UTF8_OVERLONG, blame, i, n + 1, what, hex4(cp));
                return;
            }
            if (cp >= 0xd800 && cp <= 0xdfff) {
                r.report(Rule.UTF8_SURROGATE, blame, i, n + 1, what, hex4(cp));
                return;
            }
            if (cp > 0x10ffff) {
                r.report(Rule.UTF8_BEYOND_MAX, blame, i, n + 1, what,
                        Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT));
                return;
            }
            if (!remarked && (cp <= 0x9f || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)) {
                remarked = true;
                r.report(Rule.UTF8_NON_CHARACTER, blame, i, n + 1, what, hex4(cp));
            }
            i += n + 1;
        }
    }

    /**
     * The payload of a PUBLISH or Will Message whose Payload Format Indicator is 1 must be well-formed UTF-8
     * (unlike strings, control characters and U+0000 are allowed there). Reports the first ill-formed sequence.
     */
    static void checkPayload(PacketReader r, int from, int to, String blame, Rule rule) {
        int i = from;
        while (i < to && r.b[i] >= 0) {
            i++;
        }
        if (i >= to) {
            return;
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(r.b, i, to - i);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.min(to - i, 8192));
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        while (true) {
            java.nio.charset.CoderResult cr = dec.decode(in, out, true);
            if (cr.isError()) {
                int at = in.position();
                r.report(rule, blame, at, Math.max(1, Math.min(cr.length(), to - at)), blame, at - from,
                        hex2(r.b[at] & 0xff));
                return;
            }
            if (cr.isUnderflow()) {
                return;
            }
            out.clear();
        }
    }

    static String hex2(int v) {
        return String.valueOf(HexDump.DIGITS[v >> 4 & 0xf]) + HexDump.DIGITS[v & 0xf];
    }

    static String hex4(int v) {
        return hex2(v >> 8 & 0xff) + hex2(v & 0xff);
    }
}
