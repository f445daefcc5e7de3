package io.mqscope.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Protobuf messages written as JSON and back, after the proto3 JSON mapping (protobuf.dev/programming-guides/json):
 * keys are the JSON names or the field names, 64-bit integers are strings or numbers, bytes are base64, enums are
 * names or numbers, maps are objects. Read token by token, so an error points at the line and column of the
 * value it is about. The bytes are what protobuf-java's {@link DynamicMessage} writes: fields in number order,
 * repeated scalars packed as the schema says.
 */
public final class ProtoJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private ProtoJson() {
    }

    /** An error at a character offset of the JSON text. */
    private static final class At extends Exception {
        private final int offset;

        At(long offset, String message) {
            super(message, null, false, false);
            this.offset = (int) Math.max(0, offset);
        }
    }

    /** {@code json} encoded as {@code type}, or an error with its line and column. */
    public static ParseResult<byte[]> encode(String json, Descriptor type) {
        ParseResult<String> valid = JsonText.validate(json);
        if (!valid.ok()) {
            return ParseResult.error(valid.error(), valid.position(), valid.line(), valid.column());
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            p.nextToken();
            return ParseResult.ok(message(p, type).toByteArray());
        } catch (At e) {
            return ParseResult.errorAt(json, e.offset, e.getMessage());
        } catch (IOException e) {
            return ParseResult.errorAt(json, 0, String.valueOf(e.getMessage()));
        }
    }

    private static long at(JsonParser p) {
        return p.currentTokenLocation().getCharOffset();
    }

    private static DynamicMessage message(JsonParser p, Descriptor type) throws IOException, At {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new At(at(p), PayloadText.get("proto.json.expected", "{ " + type.getFullName() + " }"));
        }
        DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            long nameAt = at(p);
            FieldDescriptor f = field(type, name);
            if (f == null) {
                throw new At(nameAt, PayloadText.get("proto.json.field", type.getFullName(), name));
            }
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (f.isMapField()) {
                map(p, f, b);
            } else if (f.isRepeated()) {
                if (t != JsonToken.START_ARRAY) {
                    throw new At(at(p), PayloadText.get("proto.json.type", f.getName(), "[...]"));
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    b.addRepeatedField(f, value(p, f));
                }
            } else {
                b.setField(f, value(p, f));
            }
        }
        return b.build();
    }

    private static FieldDescriptor field(Descriptor type, String name) {
        FieldDescriptor f = type.findFieldByName(name);
        if (f != null) {
            return f;
        }
        for (FieldDescriptor d : type.getFields()) {
            if (d.getJsonName().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static void map(JsonParser p, FieldDescriptor f, DynamicMessage.Builder b) throws IOException, At {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new At(at(p), PayloadText.get("proto.json.type", f.getName(), "{...}"));
        }
        Descriptor entry = f.getMessageType();
        FieldDescriptor key = entry.findFieldByNumber(1);
        FieldDescriptor val = entry.findFieldByNumber(2);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Object k = scalar(p.currentName(), at(p), key);
            p.nextToken();
            b.addRepeatedField(f, DynamicMessage.newBuilder(entry).setField(key, k).setField(val, value(p, val))
                    .build());
        }
    }

    private static Object value(JsonParser p, FieldDescriptor f) throws IOException, At {
        JsonToken t = p.currentToken();
        if (f.getType() == FieldDescriptor.Type.MESSAGE || f.getType() == FieldDescriptor.Type.GROUP) {
            return message(p, f.getMessageType());
        }
        if (t == JsonToken.VALUE_STRING) {
            return scalar(p.getText(), at(p), f);
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            if (f.getType() == FieldDescriptor.Type.STRING || f.getType() == FieldDescriptor.Type.BYTES
                    || f.getType() == FieldDescriptor.Type.BOOL) {
                throw new At(at(p), PayloadText.get("proto.json.type", f.getName(), kind(f)));
            }
            return scalar(p.getText(), at(p), f);
        }
        if ((t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) && f.getType() == FieldDescriptor.Type.BOOL) {
            return t == JsonToken.VALUE_TRUE;
        }
        throw new At(at(p), PayloadText.get("proto.json.type", f.getName(), kind(f)));
    }

    private static String kind(FieldDescriptor f) {
        return f.getType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A scalar from its text: a JSON string, a number as written, or a map key. */
    private static Object scalar(String text, long offset, FieldDescriptor f) throws At {
        try {
            return switch (f.getType()) {
                case STRING -> text;
                case BYTES -> ByteString.copyFrom(base64(text));
                case BOOL -> switch (text) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new NumberFormatException();
                };
                case ENUM -> enumValue(text, offset, f);
                case FLOAT -> (float) real(text);
                case DOUBLE -> real(text);
                case INT32, SINT32, SFIXED32 -> (int) integer(text, offset, f, BigInteger.valueOf(Integer.MIN_VALUE),
                        BigInteger.valueOf(Integer.MAX_VALUE));
                case UINT32, FIXED32 -> (int) integer(text, offset, f, BigInteger.ZERO,
                        BigInteger.valueOf(0xffffffffL));
                case INT64, SINT64, SFIXED64 -> integer(text, offset, f, BigInteger.valueOf(Long.MIN_VALUE),
                        BigInteger.valueOf(Long.MAX_VALUE));
                case UINT64, FIXED64 -> integer(text, offset, f, BigInteger.ZERO, TWO_64.subtract(BigInteger.ONE));
                case MESSAGE, GROUP -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new At(offset, PayloadText.get("proto.json.type", text, kind(f)));
        }
    }

    private static byte[] base64(String text) {
        String t = text.replace('-', '+').replace('_', '/');
        try {
            return Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new NumberFormatException();
        }
    }

    private static double real(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static long integer(String text, long offset, FieldDescriptor f, BigInteger min, BigInteger max)
            throws At {
        // 1e3 and 1.0 are integers in JSON's eyes; 1.5 is not
        BigInteger v = new BigDecimal(text.strip()).toBigIntegerExact();
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new At(offset, PayloadText.get("proto.json.range", text, kind(f)));
        }
        return v.longValue();
    }

    private static EnumValueDescriptor enumValue(String text, long offset, FieldDescriptor f) throws At {
        EnumValueDescriptor v = f.getEnumType().findValueByName(text);
        if (v != null) {
            return v;
        }
        try {
            int n = Integer.parseInt(text);
            v = f.getEnumType().findValueByNumber(n);
            if (v == null && !f.legacyEnumFieldTreatedAsClosed()) {
                v = f.getEnumType().findValueByNumberCreatingIfUnknown(n);
            }
            if (v != null) {
                return v;
            }
        } catch (NumberFormatException e) {
            // not a number either: named below
        }
        throw new At(offset, PayloadText.get("proto.json.enum", f.getEnumType().getFullName(), text));
    }

    /** The bytes read as {@code type} and written as JSON (pretty), or an error; unknown fields are not JSON. */
    public static ParseResult<String> toJson(byte[] bytes, Descriptor type) {
        try {
            return ParseResult.ok(toJson(DynamicMessage.parseFrom(type, bytes)));
        } catch (InvalidProtocolBufferException e) {
            return ParseResult.error(String.valueOf(e.getMessage()), 0, -1, -1);
        }
    }

    public static String toJson(Message m) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(g, m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Message m) throws IOException {
        g.writeStartObject();
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor f = e.getKey();
            g.writeFieldName(f.getJsonName());
            if (f.isMapField()) {
                g.writeStartObject();
                for (Object o : (List<?>) e.getValue()) {
                    Message entry = (Message) o;
                    FieldDescriptor k = entry.getDescriptorForType().findFieldByNumber(1);
                    FieldDescriptor v = entry.getDescriptorForType().findFieldByNumber(2);
                    g.writeFieldName(String.valueOf(plain(k, entry.getField(k))));
                    writeValue(g, v, entry.getField(v));
                }
                g.writeEndObject();
            } else if (f.isRepeated()) {
                g.writeStartArray();
                for (Object o : (List<?>) e.getValue()) {
                    writeValue(g, f, o);
                }
                g.writeEndArray();
            } else {
                writeValue(g, f, e.getValue());
            }
        }
        g.writeEndObject();
    }

    /** A map key or a 64-bit value as the text the mapping writes. */
    private static Object plain(FieldDescriptor f, Object v) {
        return switch (f.getType()) {
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) v);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) v);
            default -> v;
        };
    }

    private static void writeValue(JsonGenerator g, FieldDescriptor f, Object v) throws IOException {
        switch (f.getType()) {
            case MESSAGE, GROUP -> write(g, (Message) v);
            case STRING -> g.writeString((String) v);
            case BYTES -> g.writeString(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
            case BOOL -> g.writeBoolean((Boolean) v);
            case ENUM -> {
                EnumValueDescriptor e = (EnumValueDescriptor) v;
                if (e.getIndex() >= 0 && e.getType().findValueByNumber(e.getNumber()) == e) {
                    g.writeString(e.getName());
                } else {
                    g.writeNumber(e.getNumber());
                }
            }
            case FLOAT -> {
                float x = (Float) v;
                if (Float.isFinite(x)) {
                    g.writeNumber(x);
                } else {
                    g.writeString(Float.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
                }
            }
            case DOUBLE -> {
                double x = (Double) v;
                if (Double.isFinite(x)) {
                    g.writeNumber(x);
                } else {
                    g.writeString(Double.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
                }
            }
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> g.writeString(String.valueOf(plain(f, v)));
            case UINT32, FIXED32 -> g.writeNumber(Integer.toUnsignedLong((Integer) v));
            default -> g.writeNumber((Integer) v);
        }
    }
}
