package io.mqscope.payload;

import java.util.List;

/**
 * One field of a decoded Protobuf message as it was on the wire: its number, its name and type from the schema
 * (an unknown field has only its number and wire type), the span of its bytes (tag included), and either a value
 * as text or the fields of a nested message.
 */
public record ProtoField(int number, String name, String type, int offset, int length, String value,
                         List<ProtoField> children) {

    public ProtoField {
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** True for a field the chosen message type does not declare (kept, shown by number). */
    public boolean unknown() {
        return name == null;
    }
}
