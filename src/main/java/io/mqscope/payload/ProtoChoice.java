package io.mqscope.payload;

import com.google.protobuf.Descriptors.Descriptor;

/** The Protobuf message type chosen to read or write a payload: loaded {@code .proto} files and a type name. */
public record ProtoChoice(ProtoSchema schema, String type) {

    /** The descriptor of {@link #type}, or null when the files do not declare it. */
    public Descriptor descriptor() {
        return schema == null ? null : schema.message(type);
    }
}
