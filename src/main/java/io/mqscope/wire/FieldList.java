package io.mqscope.wire;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.RandomAccess;

/**
 * The immutable field list of a decoded packet. Payload bytes are rendered as hex only when a field is first read:
 * most packets in a flood are never looked at, and the hex of their payload is the decoder's largest cost.
 */
final class FieldList extends AbstractList<Field> implements RandomAccess {
    /** Placeholder value of a field whose hex is rendered on first access. */
    static final Object LAZY_HEX = new Object();

    private final byte[] raw;
    private final Field[] fields;

    FieldList(byte[] raw, ArrayList<Field> fields) {
        this.raw = raw;
        this.fields = fields.toArray(new Field[0]);
    }

    @Override
    public Field get(int index) {
        Field f = fields[index];
        if (f.value() == LAZY_HEX) {
            // Field is immutable: if two threads race here, both compute the same value.
            f = new Field(f.name(), f.offset(), f.length(), HexDump.hex(raw, f.offset(), f.length()), f.children());
            fields[index] = f;
        }
        return f;
    }

    /** The field as decoded: its value may still be {@link #LAZY_HEX} (for readers that need only its span). */
    Field peek(int index) {
        return fields[index];
    }

    @Override
    public int size() {
        return fields.length;
    }
}
