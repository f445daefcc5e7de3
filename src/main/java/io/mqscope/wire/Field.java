package io.mqscope.wire;

import java.util.List;

/**
 * A decoded field with the byte span it came from.
 *
 * @param name     snake_case name, one of {@link FieldName}, e.g. {@code protocol_level}
 * @param offset   byte offset relative to the first byte of the packet ({@link DecodedPacket#raw()})
 * @param length   number of bytes
 * @param value    decoded value: String, Long/Integer, Boolean, or a hex string for binary data; may be null
 * @param children nested fields (properties, subscriptions, connect flag bits); never null
 */
public record Field(String name, int offset, int length, Object value, List<Field> children) {
    /** What a field's value is (Wireshark's field types, coarser). */
    public enum Kind {
        /** A UTF-8 Encoded String from the wire. */
        TEXT,
        INTEGER,
        BOOLEAN,
        /** Binary Data (a payload, a password): the value is its hex; it may well be text. */
        BINARY,
        /** Bytes the decoder did not interpret (extra or trailing bytes): the value is their hex. */
        BYTES,
        /** The fixed header's flag bits, written as in the spec: {@code 0010}. */
        BITS,
        /** A flags byte ({@code 0x82}) whose bits are the children. */
        FLAGS,
        /** The name of an enumerated value the decoder chose, e.g. the packet type. */
        ENUM,
        /** A description the decoder wrote, e.g. a reason code's name. */
        LABEL,
        /** A list of codes, one per topic filter. */
        LIST,
        /** A property block: the value is the number of properties, the children are the properties. */
        PROPERTIES,
        /** A User Property: a name and a value. */
        PAIR,
        /** A name the decoder does not register. */
        OTHER
    }

    public Field {
        children = children == null ? List.of() : List.copyOf(children);
    }

    public Field(FieldName name, int offset, int length, Object value, List<Field> children) {
        this(name.id(), offset, length, value, children);
    }

    public Field(FieldName name, int offset, int length, Object value) {
        this(name.id(), offset, length, value, List.of());
    }

    public Field(String name, int offset, int length, Object value) {
        this(name, offset, length, value, List.of());
    }

    /**
     * What the value is, from the name's registration ({@link Kind#OTHER} when the name is not registered). Looked
     * up rather than stored: a flood of packets keeps its fields small, and only renderers ask.
     */
    public Kind kind() {
        FieldName n = FieldName.of(name);
        return n == null ? Kind.OTHER : n.kind();
    }

    /** The first field called {@code name} in {@code fields} or their children, depth first; null when none. */
    public static Field find(List<Field> fields, FieldName name) {
        for (Field f : fields) {
            if (name.is(f)) {
                return f;
            }
            Field c = find(f.children(), name);
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
