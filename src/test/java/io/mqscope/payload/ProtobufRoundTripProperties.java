package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Any message of the test schemas, written by protobuf-java, is shown as JSON that the publisher turns back into the
 * same bytes, and its field tree decodes without error and covers every byte.
 */
class ProtobufRoundTripProperties {
    private static final ProtoChoice READING = ProtobufTest.reading();
    private static final ProtoChoice FRAME = new ProtoChoice(
            ProtoSchema.load(List.of(ProtobufTest.proto("legacy.proto"))).schema(), "demo.legacy.Frame");

    @Property(tries = 300)
    void json_view_publishes_the_same_bytes(@ForAll long seed) {
        for (ProtoChoice c : List.of(READING, FRAME)) {
            byte[] bytes = random(c.descriptor(), new Random(seed), 0).toByteArray();
            String json = ProtoJson.toJson(bytes, c.descriptor()).value();
            ParseResult<byte[]> back = PayloadCodec.parse(json, PayloadFormat.PROTOBUF, TextCharset.UTF_8, c);
            assertThat(back.error()).isNull();
            assertThat(back.value()).isEqualTo(bytes);
            ParseResult<List<ProtoField>> tree = ProtoTree.decode(bytes, c.descriptor());
            assertThat(tree.error()).isNull();
            int end = tree.value().isEmpty() ? 0 : tree.value().get(tree.value().size() - 1).offset()
                    + tree.value().get(tree.value().size() - 1).length();
            assertThat(end).isEqualTo(bytes.length);
        }
    }

    @Property(tries = 300)
    void random_bytes_never_throw_and_errors_lie_inside(@ForAll byte[] bytes) {
        ParseResult<List<ProtoField>> tree = ProtoTree.decode(bytes, READING.descriptor());
        if (!tree.ok()) {
            assertThat(tree.position()).isBetween(0, bytes.length);
        }
        assertThat(PayloadCodec.render(bytes, PayloadFormat.PROTOBUF, TextCharset.UTF_8, READING)).isNotEmpty();
    }

    static DynamicMessage random(Descriptor type, Random r, int depth) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
        for (FieldDescriptor f : type.getFields()) {
            if (!f.isRequired() && r.nextInt(3) == 0) {
                continue;
            }
            if (f.isRepeated()) {
                int n = depth > 2 ? 0 : r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.addRepeatedField(f, value(f, r, depth));
                }
            } else if (f.getType() != FieldDescriptor.Type.MESSAGE || depth < 3) {
                b.setField(f, value(f, r, depth));
            }
        }
        return b.build();
    }

    private static Object value(FieldDescriptor f, Random r, int depth) {
        return switch (f.getType()) {
            case MESSAGE, GROUP -> random(f.getMessageType(), r, depth + 1);
            case STRING -> r.nextBoolean() ? "t" + r.nextInt() : "温度\"\\\n" + r.nextInt(9);
            case BYTES -> {
                byte[] b = new byte[r.nextInt(5)];
                r.nextBytes(b);
                yield ByteString.copyFrom(b);
            }
            case BOOL -> r.nextBoolean();
            case ENUM -> f.getEnumType().getValues().get(r.nextInt(f.getEnumType().getValues().size()));
            case FLOAT -> r.nextInt(5) == 0 ? Float.NaN : (float) r.nextGaussian() * 1e6f;
            case DOUBLE -> r.nextInt(5) == 0 ? Double.NEGATIVE_INFINITY : r.nextGaussian() * 1e-3;
            case INT32, SINT32, SFIXED32, UINT32, FIXED32 -> r.nextInt();
            default -> r.nextLong();
        };
    }
}
