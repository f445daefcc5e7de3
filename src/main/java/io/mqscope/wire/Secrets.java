package io.mqscope.wire;

import java.util.Arrays;
import java.util.List;

/**
 * The one masking rule for secrets in decoded packets: a CONNECT's Password (3.1.1 §3.1.3.5, 5.0 §3.1.3.6). Every
 * rendering (decode, sub, tap, the JSON-lines and pcapng exports, the app's inspector) asks here, so that a hidden
 * password reads {@code *** (7 bytes)}, each of its bytes {@code **} in hex and {@code *} in ASCII or written bytes.
 */
public final class Secrets {
    private Secrets() {
    }

    /** How one hidden byte reads in hex. */
    public static final String HIDDEN_HEX = "**";
    /** What a hidden byte becomes in an ASCII column or in bytes written out (a pcapng export): {@code '*'}. */
    public static final byte HIDDEN_BYTE = '*';

    /** Bytes {@code [from, to)} of a packet that hold a secret. */
    public record Span(int from, int to) {
        public boolean covers(long i) {
            return i >= from && i < to;
        }

        public int length() {
            return to - from;
        }
    }

    /** True for the field whose value is a secret. */
    public static boolean isSecret(Field f) {
        return FieldName.PASSWORD.is(f);
    }

    /** The field's value as shown while hidden: {@code *** (7 bytes)}, the count without the two-byte length. */
    public static String hiddenValue(Field f) {
        int n = valueBytes(f);
        return "*** (" + n + (n == 1 ? " byte)" : " bytes)");
    }

    /** The number of value bytes of a length-prefixed field (its two-byte length not counted). */
    public static int valueBytes(Field f) {
        return Math.max(0, f.length() - 2);
    }

    /** The password's value bytes in {@link DecodedPacket#raw()} (after its two-byte length), or null when none. */
    public static Span password(DecodedPacket p) {
        if (p.type() != PacketType.CONNECT) {
            return null;
        }
        Field pw = Field.find(p.fields(), FieldName.PASSWORD);
        if (pw == null || valueBytes(pw) == 0) {
            return null;
        }
        int from = Math.max(0, pw.offset() + 2);
        int to = Math.min(p.length(), pw.offset() + pw.length());
        return from < to ? new Span(from, to) : null;
    }

    /**
     * The password's bytes in the packet's repair, or null. A repair rewrites the header (a padded length), which
     * can move the password or bring it whole into the packet for the first time: the repair is decoded on its own.
     */
    public static Span passwordInRepair(DecodedPacket p) {
        byte[] r = p.repaired();
        if (r == null || p.type() != PacketType.CONNECT) {
            return null;
        }
        List<DecodedPacket> again = DecodeResult.of(r, Direction.CLIENT_TO_BROKER, p.protocolVersion(), false)
                .packets();
        return again.isEmpty() ? null : password(again.get(0));
    }

    /** Lower-case hex of {@code b} with {@code sep} between bytes, bytes in {@code hidden} (may be null) as **. */
    public static String hex(byte[] b, Span hidden, String sep) {
        if (hidden == null) {
            return sep.isEmpty() ? HexDump.hex(b, 0, b.length) : HexDump.hex(b, sep);
        }
        StringBuilder sb = new StringBuilder(b.length * (2 + sep.length()));
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(sep);
            }
            if (hidden.covers(i)) {
                sb.append(HIDDEN_HEX);
            } else {
                sb.append(HexDump.DIGITS[b[i] >> 4 & 0xf]).append(HexDump.DIGITS[b[i] & 0xf]);
            }
        }
        return sb.toString();
    }

    /** A copy of {@code b} with the bytes in {@code hidden} (may be null) set to {@code '*'}; same length. */
    public static byte[] masked(byte[] b, Span hidden) {
        byte[] out = b.clone();
        if (hidden != null) {
            Arrays.fill(out, Math.max(0, hidden.from()), Math.min(out.length, hidden.to()), HIDDEN_BYTE);
        }
        return out;
    }

    /** The packet's bytes with its password's bytes set to {@code '*'}; the packet itself when it has none. */
    public static byte[] maskedRaw(DecodedPacket p) {
        Span s = password(p);
        return s == null ? p.raw() : masked(p.raw(), s);
    }
}
