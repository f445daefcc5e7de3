package io.mqscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: golden bytes as int literals, decoding, and the assertions every packet test uses. */
final class Wire {
    private Wire() {
    }

    static final Direction CLIENT = Direction.CLIENT_TO_BROKER;
    static final Direction BROKER = Direction.BROKER_TO_CLIENT;

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static DecodedPacket decode(int version, Direction dir, int... v) {
        DecodedPacket p = PacketDecoder.decode(bytes(v), version, dir);
        spansInside(p);
        return p;
    }

    /** Asserts a well-formed packet of the given type and returns it. */
    static DecodedPacket clean(DecodedPacket p, PacketType type) {
        assertThat(p.type()).isEqualTo(type);
        assertThat(p.findings()).as("findings").filteredOn(f -> f.severity() != Severity.INFO).isEmpty();
        assertThat(p.malformed()).isFalse();
        return p;
    }

    /** Asserts that the first (root-cause) finding blames {@code field} with {@code severity}; returns it. */
    static Finding blames(DecodedPacket p, Severity severity, String field) {
        assertThat(p.findings()).as("findings").isNotEmpty();
        Finding f = p.findings().get(0);
        assertThat(f.field()).as("blamed field of %s", p.findings()).isEqualTo(field);
        assertThat(f.severity()).as("severity of %s", f).isEqualTo(severity);
        assertThat(f.message()).isNotBlank();
        assertThat(p.malformed()).isEqualTo(severity != Severity.INFO);
        return f;
    }

    /**
     * Asserts that the first (root-cause) finding breaks {@code rule}, blames the span {@code offset, length} and
     * cites {@code spec}; returns it.
     */
    static Finding breaks(DecodedPacket p, Rule rule, int offset, int length, String spec) {
        assertThat(p.findings()).as("findings").isNotEmpty();
        Finding f = p.findings().get(0);
        assertThat(f.rule()).as("rule of %s", p.findings()).isEqualTo(rule);
        assertThat(f.offset()).as("offset of %s", f.message()).isEqualTo(offset);
        assertThat(f.length()).as("length of %s", f.message()).isEqualTo(length);
        assertThat(f.spec()).as("spec of %s", f.message()).isEqualTo(spec);
        assertThat(f.severity()).isEqualTo(rule.severity());
        assertThat(f.message()).isNotBlank();
        return f;
    }

    static Finding error(DecodedPacket p, String field) {
        return blames(p, Severity.ERROR, field);
    }

    /** {@link #error(DecodedPacket, String)}, and the root cause breaks {@code rule} at that span citing spec. */
    static Finding error(DecodedPacket p, String field, Rule rule, int offset, int length, String spec) {
        error(p, field);
        return breaks(p, rule, offset, length, spec);
    }

    /** {@link #blames(DecodedPacket, Severity, String)}, and the root cause breaks {@code rule} at that span. */
    static Finding blames(DecodedPacket p, Severity severity, String field, Rule rule, int offset, int length,
                          String spec) {
        blames(p, severity, field);
        return breaks(p, rule, offset, length, spec);
    }

    static Object value(DecodedPacket p, String name) {
        Field f = field(p, name);
        return f == null ? null : f.value();
    }

    static Field field(DecodedPacket p, String name) {
        return find(p.fields(), name);
    }

    private static Field find(java.util.List<Field> fields, String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
            Field c = find(f.children(), name);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    static void spansInside(DecodedPacket p) {
        int n = p.length();
        for (Finding f : p.findings()) {
            assertThat(f.offset()).as("offset of %s", f).isBetween(0, n);
            assertThat(f.offset() + f.length()).as("end of %s", f).isBetween(0, n);
        }
        checkFields(p.fields(), n);
    }

    private static void checkFields(java.util.List<Field> fields, int n) {
        for (Field f : fields) {
            assertThat(f.offset()).as("offset of %s", f.name()).isBetween(0, n);
            assertThat(f.offset() + f.length()).as("end of %s", f.name()).isBetween(0, n);
            checkFields(f.children(), n);
        }
    }
}
