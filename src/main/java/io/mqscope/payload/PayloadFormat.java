package io.mqscope.payload;

/** How a payload is written by a person or shown to one. The bytes are always the truth; these are views. */
public enum PayloadFormat {
    TEXT, JSON, HEX, BASE64,
    /** RFC 8949; shown as a tree in diagnostic notation, written as JSON. */
    CBOR,
    /** MessagePack; shown as a tree in diagnostic notation, written as JSON. */
    MSGPACK,
    /** Protobuf read with the user's own .proto files ({@link ProtoChoice}); shown as a field tree, written as JSON. */
    PROTOBUF,
    /** Sparkplug B (Eclipse Sparkplug 3.0.0): Protobuf with the schema built in; metrics named after the births. */
    SPARKPLUG;

    /** The name used on the command line and in settings ({@code msgpack}, {@code cbor}, ...). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The format with this {@link #id()}, or null. */
    public static PayloadFormat byId(String id) {
        for (PayloadFormat f : values()) {
            if (f.id().equalsIgnoreCase(id)) {
                return f;
            }
        }
        return null;
    }

    /** True for formats whose bytes are a binary tree written from JSON. */
    public boolean binaryTree() {
        return this == CBOR || this == MSGPACK || this == PROTOBUF || this == SPARKPLUG;
    }

    /** True when reading or writing needs a chosen message type ({@link ProtoChoice}). */
    public boolean needsSchema() {
        return this == PROTOBUF;
    }
}
