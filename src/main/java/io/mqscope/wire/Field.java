package io.mqscope.wire;

import java.util.List;

/**
 * A decoded field with the byte span it came from.
 *
 * @param name     snake_case name, e.g. {@code protocol_name}
 * @param offset   byte offset relative to the first byte of the packet ({@link DecodedPacket#raw()})
 * @param length   number of bytes
 * @param value    decoded value: String, Long/Integer, Boolean, or a hex string for binary data; may be null
 * @param children nested fields (properties, subscriptions, connect flag bits); never null
 */
public record Field(String name, int offset, int length, Object value, List<Field> children) {
    public Field {
        children = children == null ? List.of() : List.copyOf(children);
    }

    public Field(String name, int offset, int length, Object value) {
        this(name, offset, length, value, List.of());
    }
}
