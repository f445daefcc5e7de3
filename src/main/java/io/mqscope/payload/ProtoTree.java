package io.mqscope.payload;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads Protobuf bytes field by field against a message type, in wire order, keeping each field's byte span: what
 * the encoding spec (protobuf.dev/programming-guides/encoding) calls records, tag then value. protobuf-java's
 * {@code CodedInputStream} reads the values; walking the records here (rather than {@code DynamicMessage.parseFrom})
 * is what lets a failure name its byte offset and an unknown field keep its place.
 */
public final class ProtoTree {
    private static final int MAX_DEPTH = 100;

    private ProtoTree() {
    }

    /** The fields of {@code bytes} read as {@code type}, or an error whose position is the byte offset. */
    public static ParseResult<List<ProtoField>> decode(byte[] bytes, Descriptor type) {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        int[] start = {0};
        try {
            return ParseResult.ok(message(in, type, bytes.length, start, 0));
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return ParseResult.error(PayloadText.get("proto.decode", type.getFullName(), start[0], why), start[0],
                    -1, -1);
        }
    }

    private static List<ProtoField> message(CodedInputStream in, Descriptor type, int end, int[] start, int depth)
            throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException(PayloadText.get("proto.deep", MAX_DEPTH));
        }
        List<ProtoField> fields = new ArrayList<>();
        while (in.getTotalBytesRead() < end) {
            int at = in.getTotalBytesRead();
            start[0] = at;
            int tag = in.readTag();
            int number = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (number == 0) {
                throw new IOException(PayloadText.get("proto.zeroField"));
            }
            FieldDescriptor f = type == null ? null : type.findFieldByNumber(number);
            if (f != null && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED && f.isPackable()) {
                fields.add(packed(in, f, at, start));
            } else if (f != null && wire == expectedWireType(f)) {
                fields.add(known(in, f, at, start, depth));
            } else {
                fields.add(unknown(in, number, wire, at, depth, start));
            }
        }
        return fields;
    }

    private static int expectedWireType(FieldDescriptor f) {
        return f.getLiteType().getWireType();
    }

    private static ProtoField known(CodedInputStream in, FieldDescriptor f, int at, int[] start, int depth)
            throws IOException {
        String type = typeName(f);
        if (f.getType() == FieldDescriptor.Type.MESSAGE) {
            int len = in.readRawVarint32();
            int limit = checkedLimit(in, len);
            List<ProtoField> children = message(in, f.getMessageType(), in.getTotalBytesRead() + len, start,
                    depth + 1);
            in.popLimit(limit);
            return new ProtoField(f.getNumber(), f.getName(), type, at, in.getTotalBytesRead() - at, null, children);
        }
        if (f.getType() == FieldDescriptor.Type.GROUP) {
            List<ProtoField> children = group(in, f.getNumber(), f.getMessageType(), start, depth + 1);
            return new ProtoField(f.getNumber(), f.getName(), type, at, in.getTotalBytesRead() - at, null, children);
        }
        String value = scalar(in, f);
        return new ProtoField(f.getNumber(), f.getName(), type, at, in.getTotalBytesRead() - at, value, null);
    }

    /** A packed repeated field: one length-delimited record holding the values back to back. */
    private static ProtoField packed(CodedInputStream in, FieldDescriptor f, int at, int[] start) throws IOException {
        int len = in.readRawVarint32();
        int limit = checkedLimit(in, len);
        List<String> values = new ArrayList<>();
        while (in.getBytesUntilLimit() > 0) {
            start[0] = in.getTotalBytesRead();
            values.add(scalar(in, f));
        }
        in.popLimit(limit);
        return new ProtoField(f.getNumber(), f.getName(), typeName(f) + " packed", at, in.getTotalBytesRead() - at,
                "[" + String.join(", ", values) + "]", null);
    }

    private static ProtoField unknown(CodedInputStream in, int number, int wire, int at, int depth, int[] start)
            throws IOException {
        String value;
        List<ProtoField> children = null;
        String type;
        switch (wire) {
            case WireFormat.WIRETYPE_VARINT -> {
                type = "varint";
                value = Long.toUnsignedString(in.readRawVarint64());
            }
            case WireFormat.WIRETYPE_FIXED64 -> {
                type = "i64";
                value = "0x" + String.format("%016x", in.readRawLittleEndian64());
            }
            case WireFormat.WIRETYPE_FIXED32 -> {
                type = "i32";
                value = "0x" + String.format("%08x", in.readRawLittleEndian32());
            }
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                type = "len";
                int len = in.readRawVarint32();
                value = "h'" + HexFormat.of().formatHex(in.readRawBytes(len)) + "'";
            }
            case WireFormat.WIRETYPE_START_GROUP -> {
                type = "group";
                value = null;
                children = group(in, number, null, start, depth + 1);
            }
            default -> throw new IOException(PayloadText.get("proto.wireType", wire, number));
        }
        return new ProtoField(number, null, type, at, in.getTotalBytesRead() - at, value, children);
    }

    /** A proto2 group: records until the END_GROUP tag with the same number. */
    private static List<ProtoField> group(CodedInputStream in, int number, Descriptor type, int[] start, int depth)
            throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException(PayloadText.get("proto.deep", MAX_DEPTH));
        }
        List<ProtoField> fields = new ArrayList<>();
        while (true) {
            int at = in.getTotalBytesRead();
            start[0] = at;
            int tag = in.readTag();
            if (tag == 0) {
                throw new IOException(PayloadText.get("proto.groupOpen", number));
            }
            if (tag == (number << 3 | WireFormat.WIRETYPE_END_GROUP)) {
                return fields;
            }
            int n = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            FieldDescriptor f = type == null ? null : type.findFieldByNumber(n);
            fields.add(f != null && wire == expectedWireType(f) ? known(in, f, at, start, depth)
                    : unknown(in, n, wire, at, depth, start));
        }
    }

    /** Pushes a limit after checking that the declared length fits in what is left. */
    private static int checkedLimit(CodedInputStream in, int len) throws IOException {
        if (len < 0) {
            throw new IOException(PayloadText.get("proto.negativeLength"));
        }
        return in.pushLimit(len);
    }

    private static String scalar(CodedInputStream in, FieldDescriptor f) throws IOException {
        return switch (f.getType()) {
            case DOUBLE -> Double.toString(in.readDouble());
            case FLOAT -> Float.toString(in.readFloat());
            case INT64 -> Long.toString(in.readInt64());
            case UINT64 -> Long.toUnsignedString(in.readUInt64());
            case INT32 -> Integer.toString(in.readInt32());
            case FIXED64 -> Long.toUnsignedString(in.readFixed64());
            case FIXED32 -> Integer.toUnsignedString(in.readFixed32());
            case BOOL -> Boolean.toString(in.readBool());
            case STRING -> quote(in.readStringRequireUtf8());
            case BYTES -> "h'" + HexFormat.of().formatHex(in.readByteArray()) + "'";
            case UINT32 -> Integer.toUnsignedString(in.readUInt32());
            case ENUM -> {
                int n = in.readEnum();
                EnumValueDescriptor v = f.getEnumType().findValueByNumber(n);
                yield v == null ? Integer.toString(n) : v.getName() + " (" + n + ")";
            }
            case SFIXED32 -> Integer.toString(in.readSFixed32());
            case SFIXED64 -> Long.toString(in.readSFixed64());
            case SINT32 -> Integer.toString(in.readSInt32());
            case SINT64 -> Long.toString(in.readSInt64());
            case MESSAGE, GROUP -> throw new IllegalStateException("not a scalar");
        };
    }

    private static String typeName(FieldDescriptor f) {
        if (f.isMapField()) {
            Descriptor entry = f.getMessageType();
            return "map<" + typeName(entry.findFieldByNumber(1)) + ", " + typeName(entry.findFieldByNumber(2)) + ">";
        }
        String base = switch (f.getType()) {
            case MESSAGE, GROUP -> f.getMessageType().getFullName();
            case ENUM -> f.getEnumType().getFullName();
            default -> f.getType().name().toLowerCase(Locale.ROOT);
        };
        return f.isRepeated() && !f.isMapField() ? "repeated " + base : base;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * The tree as text, one field a line: {@code #number name: type = value  [offset+length]}, nested messages
     * indented; an unknown field reads {@code #99 (unknown varint) = 150}.
     */
    public static String render(String typeName, List<ProtoField> fields, int size) {
        StringBuilder sb = new StringBuilder();
        sb.append(PayloadText.get("proto.header", typeName, size)).append('\n');
        append(sb, fields, 1);
        return sb.toString();
    }

    private static void append(StringBuilder sb, List<ProtoField> fields, int indent) {
        for (ProtoField f : fields) {
            sb.append("  ".repeat(indent)).append('#').append(f.number()).append(' ');
            if (f.unknown()) {
                sb.append(PayloadText.get("proto.unknown", f.type()));
            } else {
                sb.append(f.name()).append(": ").append(f.type());
            }
            if (f.value() != null) {
                sb.append(" = ").append(f.value());
            }
            sb.append("   [").append(f.offset()).append('+').append(f.length()).append("]\n");
            append(sb, f.children(), indent + 1);
        }
    }
}
