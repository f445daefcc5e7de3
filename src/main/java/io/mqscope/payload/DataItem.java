package io.mqscope.payload;

import java.math.BigInteger;
import java.util.List;

/**
 * One value of a binary payload (CBOR or MessagePack) with its type kept: what JSON cannot say (byte strings,
 * tags, extension types, undefined, simple values, the width of a float) stays visible. Named after CBOR's "data
 * item" (RFC 8949 section 2).
 */
public sealed interface DataItem {

    record Text(String value) implements DataItem {
    }

    /** A byte string (CBOR major type 2, MessagePack bin). */
    record Bytes(byte[] value) implements DataItem {
    }

    record Int(BigInteger value) implements DataItem {
    }

    /** A float; {@code bits} is the width it was read with (16, 32 or 64), or 0 when it came from JSON. */
    record Real(double value, int bits) implements DataItem {
    }

    record Bool(boolean value) implements DataItem {
    }

    record Null() implements DataItem {
    }

    /** CBOR's undefined (simple value 23). */
    record Undefined() implements DataItem {
    }

    /** A CBOR simple value without a meaning of its own (RFC 8949 section 3.3). */
    record Simple(int value) implements DataItem {
    }

    record ArrayItem(List<DataItem> items) implements DataItem {
    }

    /** A map in wire order; duplicate keys are kept, keys need not be strings. */
    record MapItem(List<Entry> entries) implements DataItem {
    }

    record Entry(DataItem key, DataItem value) {
    }

    /** A CBOR tag (RFC 8949 section 3.4) around its content. */
    record Tagged(long tag, DataItem item) implements DataItem {
    }

    /** A MessagePack extension type (spec "ext format family"). */
    record Ext(int type, byte[] data) implements DataItem {
    }
}
