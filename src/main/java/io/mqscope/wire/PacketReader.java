package io.mqscope.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over one packet's bytes that records fields and findings. Offsets are indices into the packet's own
 * bytes (0 = first byte of the fixed header). Reads past {@link #end} never throw: they record a finding instead.
 */
final class PacketReader {
    final byte[] b;
    /** Exclusive end of the bytes this packet owns (the declared end, clipped to the bytes present). */
    int end;
    int pos;
    int version;
    final Direction direction;
    PacketType type;
    int flags;
    final ArrayList<Field> fields = new ArrayList<>(8);
    private ArrayList<Finding> findings;
    private int errors;
    private int warnings;

    PacketReader(byte[] b, int version, Direction direction) {
        this.b = b;
        this.end = b.length;
        this.version = version;
        this.direction = direction;
    }

    /** Records that {@code rule} is broken at the span; the spec reference is the one for this packet's version. */
    void report(Rule rule, String field, int offset, int length, Object... args) {
        add(Finding.of(rule, version, field, offset, length, args));
    }

    void add(Finding f) {
        if (findings == null) {
            findings = new ArrayList<>(4);
        }
        int off = Math.max(0, Math.min(f.offset(), b.length));
        int len = Math.max(0, Math.min(f.length(), b.length - off));
        if (off != f.offset() || len != f.length()) {
            f = f.at(off, len);
        }
        findings.add(f);
    }

    /** Findings ordered ERROR, WARNING, INFO, each group in the order found (root causes are found first). */
    List<Finding> findings() {
        if (findings == null) {
            return List.of();
        }
        if (findings.size() > 1) {
            findings.sort((x, y) -> Integer.compare(x.severity().ordinal(), y.severity().ordinal()));
        }
        return List.copyOf(findings);
    }

    void field(FieldName name, int offset, int length, Object value) {
        fields.add(new Field(name, offset, length, value));
    }

    int remaining() {
        return end - pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** Records that {@code name} needs {@code need} bytes at the cursor but fewer are left; moves to the end. */
    void missing(String name, String blame, int need) {
        int left = Math.max(0, end - pos);
        if (left == 0) {
            report(Rule.FIELD_MISSING, blame, pos, 0, name, need);
        } else {
            report(Rule.FIELD_CUT_SHORT, blame, pos, left, name, need, left);
        }
        pos = end;
    }

    /** A one-byte integer, or -1 when missing. */
    int u8(String name, String blame) {
        if (pos >= end) {
            missing(name, blame, 1);
            return -1;
        }
        return b[pos++] & 0xff;
    }

    /** A two-byte integer, or -1 when missing. */
    int u16(String name, String blame) {
        if (pos + 2 > end) {
            missing(name, blame, 2);
            return -1;
        }
        int v = (b[pos] & 0xff) << 8 | b[pos + 1] & 0xff;
        pos += 2;
        return v;
    }

    long u32(String name, String blame) {
        if (pos + 4 > end) {
            missing(name, blame, 4);
            return -1;
        }
        long v = (long) (b[pos] & 0xff) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8
                | b[pos + 3] & 0xff;
        pos += 4;
        return v;
    }

    /**
     * A Variable Byte Integer (5.0 §1.5.5) inside the packet. Returns -1 when it is missing or cut short; flags
     * non-minimal encodings and more than four bytes.
     */
    int varInt(String name, String blame) {
        VariableByteInteger v = VariableByteInteger.decode(b, pos, end);
        pos = v.end();
        switch (v.problem()) {
            case MISSING -> report(Rule.VARINT_MISSING, blame, v.offset(), 0, name);
            case TRUNCATED -> report(Rule.VARINT_CUT_SHORT, blame, v.offset(), v.length(), name);
            case TOO_LONG -> report(Rule.VARINT_TOO_LONG, blame, v.offset(), 4, name,
                    Utf8.hex2(b[v.offset() + 3] & 0xff));
            case NON_MINIMAL -> nonMinimal(version == 5 ? Rule.VARINT_NON_MINIMAL : Rule.VARINT_NON_MINIMAL_311,
                    blame, name, v.offset(), v.length(), v.value());
            default -> { }
        }
        return v.value();
    }

    /** A variable byte integer written with more bytes than needed: {@code rule} says how bad that is. */
    void nonMinimal(Rule rule, String blame, String name, int at, int n, int value) {
        report(rule, blame, at, n, name, value, n, HexDump.hex(java.util.Arrays.copyOfRange(b, at, at + n), " "),
                HexDump.hex(VariableByteInteger.encode(value), " "), VariableByteInteger.encodedLength(value));
    }

    /**
     * A UTF-8 Encoded String (two-byte length, then bytes). Adds the field spanning length and bytes; returns the
     * value or null when not even the length is present.
     */
    String string(FieldName name, String blame) {
        int at = pos;
        int len = lengthPrefixed(name.id(), blame, Rule.STRING_OVERRUN);
        if (len < 0) {
            return null;
        }
        String s = Utf8.decode(this, b, pos, len, blame, name.id());
        pos += len;
        field(name, at, pos - at, s);
        return s;
    }

    /** Binary Data (two-byte length, then bytes): returns the value as hex, or null when missing. */
    String binary(FieldName name, String blame) {
        int at = pos;
        int len = lengthPrefixed(name.id(), blame, Rule.BINARY_OVERRUN);
        if (len < 0) {
            return null;
        }
        String v = HexDump.hex(b, pos, len);
        pos += len;
        field(name, at, pos - at, v);
        return v;
    }

    /**
     * Reads the two-byte length of a string or binary value and moves the cursor to its first byte. Returns the
     * length, clipped to the bytes left (a finding says so), or -1 when not even the length is present.
     */
    private int lengthPrefixed(String name, String blame, Rule overrun) {
        int at = pos;
        if (pos + 2 > end) {
            missing(name, blame, 2);
            return -1;
        }
        int len = (b[pos] & 0xff) << 8 | b[pos + 1] & 0xff;
        pos += 2;
        if (pos + len > end) {
            int left = end - pos;
            report(overrun, blame, at, end - at, name, len, left);
            len = left;
        }
        return len;
    }
}
