package io.mqscope.payload;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Sparkplug B payloads read with the schema built in ({@code sparkplug_b.proto}, loaded with the same wire-schema
 * and protobuf-java machinery as the user's own files). A payload becomes a {@link SparkplugPayload}; names from
 * birth certificates are applied by {@link SparkplugTracker}.
 */
public final class Sparkplug {
    /** Sparkplug 3.0.0 section 6.4.16, data type numbers 0-34. */
    private static final List<String> DATATYPES = List.of("Unknown", "Int8", "Int16", "Int32", "Int64", "UInt8",
            "UInt16", "UInt32", "UInt64", "Float", "Double", "Boolean", "String", "DateTime", "Text", "UUID",
            "DataSet", "Bytes", "File", "Template", "PropertySet", "PropertySetList", "Int8Array", "Int16Array",
            "Int32Array", "Int64Array", "UInt8Array", "UInt16Array", "UInt32Array", "UInt64Array", "FloatArray",
            "DoubleArray", "BooleanArray", "StringArray", "DateTimeArray");
    public static final String PAYLOAD_TYPE = "org.eclipse.tahu.protobuf.Payload";

    private static final class Holder {
        static final ProtoChoice CHOICE = load();
    }

    private Sparkplug() {
    }

    /** The built-in schema as a choice for the Protobuf view ({@code org.eclipse.tahu.protobuf.Payload}). */
    public static ProtoChoice schema() {
        return Holder.CHOICE;
    }

    private static ProtoChoice load() {
        // wire-schema reads files from a file system; the resource is copied out once and the copy removed
        try (InputStream in = Sparkplug.class.getResourceAsStream("sparkplug_b.proto")) {
            Path dir = Files.createTempDirectory("mqscope-sparkplug");
            Path file = dir.resolve("sparkplug_b.proto");
            try {
                Files.write(file, in.readAllBytes());
                ProtoSchema.Loaded l = ProtoSchema.load(List.of(file));
                if (!l.ok()) {
                    throw new IllegalStateException("built-in sparkplug_b.proto: " + l.error());
                }
                return new ProtoChoice(l.schema(), PAYLOAD_TYPE);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name of a data type number ("Float"), or the number itself when the specification has none. */
    public static String datatype(Integer n) {
        return n == null ? "?" : n >= 0 && n < DATATYPES.size() ? DATATYPES.get(n) : Integer.toString(n);
    }

    /** The payload's fields, or an error whose position is the byte offset where it stopped being one. */
    public static ParseResult<SparkplugPayload> decode(byte[] bytes) {
        Descriptor d = schema().descriptor();
        DynamicMessage m;
        try {
            m = DynamicMessage.parseFrom(d, bytes);
        } catch (InvalidProtocolBufferException e) {
            // protobuf-java does not say where; the field walk does
            ParseResult<List<ProtoField>> walk = ProtoTree.decode(bytes, d);
            return walk.ok() ? ParseResult.error(PayloadText.get("proto.decode", "Sparkplug B", 0, e.getMessage()),
                    0, -1, -1) : ParseResult.error(walk.error(), walk.position(), -1, -1);
        }
        List<SparkplugPayload.Metric> metrics = new ArrayList<>();
        FieldDescriptor metricsField = d.findFieldByName("metrics");
        for (int i = 0; i < m.getRepeatedFieldCount(metricsField); i++) {
            metrics.add(metric((DynamicMessage) m.getRepeatedField(metricsField, i)));
        }
        return ParseResult.ok(new SparkplugPayload(optLong(m, "timestamp"), optLong(m, "seq"), optString(m, "uuid"),
                metrics, m.hasField(d.findFieldByName("body"))
                        ? ((ByteString) m.getField(d.findFieldByName("body"))).toByteArray() : null));
    }

    private static SparkplugPayload.Metric metric(DynamicMessage m) {
        Long dt = optLong(m, "datatype");
        Integer datatype = dt == null ? null : dt.intValue();
        boolean isNull = Boolean.TRUE.equals(optBool(m, "is_null"));
        return new SparkplugPayload.Metric(optString(m, "name"), optLong(m, "alias"), optLong(m, "timestamp"),
                datatype, isNull, value(m), Boolean.TRUE.equals(optBool(m, "is_historical")),
                Boolean.TRUE.equals(optBool(m, "is_transient")));
    }

    /** The value in whichever member of the "value" one-of is set, as raw as the wire has it. */
    private static Object value(DynamicMessage m) {
        FieldDescriptor set = m.getOneofFieldDescriptor(m.getDescriptorForType().getOneofs().get(0));
        if (set == null) {
            return null;
        }
        Object v = m.getField(set);
        return switch (set.getName()) {
            case "bytes_value" -> ((ByteString) v).toByteArray();
            case "dataset_value", "template_value" -> ProtoJson.toJson((DynamicMessage) v).replaceAll("\\s+", " ");
            default -> v;
        };
    }

    /** A metric's value as text after its data type: Int8 from the 32-bit field is signed, DateTime is a time. */
    public static String valueText(Object v, Integer datatype) {
        if (v == null) {
            return "";
        }
        String type = datatype(datatype);
        if (v instanceof Integer i) {
            return switch (type) {
                case "Int8" -> Byte.toString((byte) (int) i);
                case "Int16" -> Short.toString((short) (int) i);
                case "Int32" -> Integer.toString(i);
                default -> Integer.toUnsignedString(i);
            };
        }
        if (v instanceof Long l) {
            return switch (type) {
                case "Int64" -> Long.toString(l);
                case "DateTime" -> Long.toUnsignedString(l) + " (" + Instant.ofEpochMilli(l) + ")";
                default -> Long.toUnsignedString(l);
            };
        }
        if (v instanceof String s) {
            return ProtoTree.quote(s);
        }
        if (v instanceof byte[] b) {
            return "h'" + HexFormat.of().formatHex(b) + "'";
        }
        return String.valueOf(v);
    }

    private static Long optLong(DynamicMessage m, String name) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
        if (!m.hasField(f)) {
            return null;
        }
        Object v = m.getField(f);
        return v instanceof Integer i ? Integer.toUnsignedLong(i) : (Long) v;
    }

    private static String optString(DynamicMessage m, String name) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
        return m.hasField(f) ? (String) m.getField(f) : null;
    }

    private static Boolean optBool(DynamicMessage m, String name) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
        return m.hasField(f) ? (Boolean) m.getField(f) : null;
    }
}
