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
                    r.error(blame, i, 1, what + " contains U+0000 (a null character), which MQTT forbids in strings",
                            r.spec("3.1.1 §1.5.3 [MQTT-1.5.3-2]", "5.0 §1.5.4 [MQTT-1.5.4-2]"));
                    return;
                }
                if (!remarked && (c < 0x20 || c == 0x7f)) {
                    remarked = true;
                    r.warning(blame, i, 1, what + " contains the control character U+" + hex4(c)
                            + "; strings SHOULD NOT contain it and a receiver MAY close the connection",
                            r.spec("3.1.1 §1.5.3", "5.0 §1.5.4"));
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
                String why = c == 0xc0 || c == 0xc1 ? "an overlong encoding (lead byte 0x" + hex2(c) + ")"
                        : c < 0xc0 ? "a continuation byte 0x" + hex2(c) + " without a lead byte"
                        : "byte 0x" + hex2(c) + ", which never occurs in UTF-8";
                malformed(r, blame, i, 1, what + " is not valid UTF-8: " + why);
                return;
            }
            for (int k = 1; k <= n; k++) {
                if (i + k >= end || (b[i + k] & 0xc0) != 0x80) {
                    malformed(r, blame, i, Math.min(k, end - i), what + " is not valid UTF-8: the sequence starting "
                            + "with 0x" + hex2(c) + " is cut short");
                    return;
                }
                cp = cp << 6 | (b[i + k] & 0x3f);
            }
            if (cp < min) {
                malformed(r, blame, i, n + 1, what + " is not valid UTF-8: overlong encoding of U+" + hex4(cp));
                return;
            }
            if (cp >= 0xd800 && cp <= 0xdfff) {
                malformed(r, blame, i, n + 1, what + " encodes the surrogate U+" + hex4(cp)
                        + ", which is not allowed in UTF-8");
                return;
            }
            if (cp > 0x10ffff) {
                malformed(r, blame, i, n + 1, what + " encodes U+" + Integer.toHexString(cp).toUpperCase()
                        + ", beyond U+10FFFF");
                return;
            }
            if (!remarked && (cp <= 0x9f || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)) {
                remarked = true;
                r.warning(blame, i, n + 1, what + " contains U+" + hex4(cp)
                        + " (a control character or non-character); strings SHOULD NOT contain it and a receiver "
                        + "MAY close the connection", r.spec("3.1.1 §1.5.3", "5.0 §1.5.4"));
            }
            i += n + 1;
        }
    }

    /**
     * The payload of a PUBLISH or Will Message whose Payload Format Indicator is 1 must be well-formed UTF-8
     * (unlike strings, control characters and U+0000 are allowed there). Reports the first ill-formed sequence.
     */
    static void checkPayload(PacketReader r, int from, int to, String blame, String spec) {
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
                r.error(blame, at, Math.max(1, Math.min(cr.length(), to - at)), blame + " is not valid UTF-8 at byte "
                        + (at - from) + " (0x" + hex2(r.b[at] & 0xff) + "), but the Payload Format Indicator 1 "
                        + "declares UTF-8 text", spec);
                return;
            }
            if (cr.isUnderflow()) {
                return;
            }
            out.clear();
        }
    }

    private static void malformed(PacketReader r, String blame, int at, int len, String msg) {
        r.error(blame, at, len, msg, r.spec("3.1.1 §1.5.3 [MQTT-1.5.3-1]", "5.0 §1.5.4 [MQTT-1.5.4-1]"));
    }

    static String hex2(int v) {
        return String.valueOf(HexDump.DIGITS[v >> 4 & 0xf]) + HexDump.DIGITS[v & 0xf];
    }

    static String hex4(int v) {
        return hex2(v >> 8 & 0xff) + hex2(v & 0xff);
    }
}
