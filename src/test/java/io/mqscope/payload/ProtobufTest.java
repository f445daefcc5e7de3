package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DynamicMessage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * .proto files parsed at run time (wire-schema) and messages read and written through protobuf-java. Golden bytes are
 * annotated after the encoding guide (protobuf.dev/programming-guides/encoding): tag = field number << 3 | wire type.
 */
class ProtobufTest {
    private static final HexFormat HEX = HexFormat.of();

    static Path proto(String name) {
        try {
            return Path.of(ProtobufTest.class.getResource("proto/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProtoChoice reading() {
        ProtoSchema.Loaded l = ProtoSchema.load(List.of(proto("sensor.proto")));
        assertThat(l.error()).isNull();
        return new ProtoChoice(l.schema(), "demo.sensor.Reading");
    }

    @Test
    void loads_message_types_with_imports_resolved_beside_the_file() {
        ProtoSchema.Loaded l = ProtoSchema.load(List.of(proto("sensor.proto")));
        assertThat(l.ok()).isTrue();
        assertThat(l.schema().messageTypes()).containsExactly("demo.geo.Point", "demo.sensor.Reading",
                "demo.sensor.Reading.Tag");
    }

    @Test
    void a_syntax_error_names_file_line_and_column() {
        ProtoSchema.Loaded l = ProtoSchema.load(List.of(proto("broken.proto")));
        assertThat(l.ok()).isFalse();
        assertThat(l.error().file()).endsWith("broken.proto");
        assertThat(l.error().line()).isEqualTo(5);
        assertThat(l.error().column()).isPositive();
        assertThat(l.error().reason()).contains("expected ';'");
    }

    @Test
    void an_unknown_type_names_where_it_is_used() {
        ProtoSchema.Loaded l = ProtoSchema.load(List.of(proto("unresolved.proto")));
        assertThat(l.ok()).isFalse();
        assertThat(l.error().file()).endsWith("unresolved.proto");
        assertThat(l.error().line()).isEqualTo(4);
        assertThat(l.error().reason()).contains("Missing");
    }

    /** The encoding guide's first example: field 1 = 150 is 08 96 01. */
    @Test
    void golden_bytes_decode_to_numbered_named_typed_fields() {
        byte[] bytes = HEX.parseHex(""
                + "0a02" + "6131"              // #1 device_id (LEN) "a1"
                + "110000000000803540"         // #2 temperature (I64) 21.5
                + "1803"                       // #3 delta sint32 zigzag 3 = -2
                + "2203" + "019601"            // #4 samples packed [1, 150]
                + "2a09" + "090000000000000040" // #5 where { #1 lat = 2.0 }
                + "3001"                       // #6 status RUNNING
                + "4200"                       // #8 raw empty
                + "b80601");                   // #103 unknown varint 1
        ParseResult<List<ProtoField>> tree = ProtoTree.decode(bytes, reading().descriptor());
        assertThat(tree.error()).isNull();
        List<ProtoField> f = tree.value();
        assertThat(f).extracting(ProtoField::number).containsExactly(1, 2, 3, 4, 5, 6, 8, 103);
        assertThat(f.get(0)).isEqualTo(new ProtoField(1, "device_id", "string", 0, 4, "\"a1\"", null));
        assertThat(f.get(1).value()).isEqualTo("21.5");
        assertThat(f.get(2).value()).isEqualTo("-2");
        assertThat(f.get(3).type()).isEqualTo("repeated int32 packed");
        assertThat(f.get(3).value()).isEqualTo("[1, 150]");
        assertThat(f.get(4).type()).isEqualTo("demo.geo.Point");
        assertThat(f.get(4).children()).containsExactly(new ProtoField(1, "lat", "double", 22, 9, "2.0", null));
        assertThat(f.get(5).value()).isEqualTo("RUNNING (1)");
        assertThat(f.get(6).value()).isEqualTo("h''");
        assertThat(f.get(7).unknown()).isTrue();
        assertThat(f.get(7).type()).isEqualTo("varint");
        String view = PayloadCodec.render(bytes, PayloadFormat.PROTOBUF, TextCharset.UTF_8, reading());
        assertThat(view).contains("#1 device_id: string = \"a1\"", "#103 (unknown varint) = 1",
                "#5 where: demo.geo.Point", "    #1 lat: double = 2.0");
    }

    @Test
    void json_encodes_to_the_bytes_protobuf_java_writes() {
        String json = "{\"deviceId\": \"a1\", \"temperature\": 21.5, \"delta\": -2, \"samples\": [1, 150],"
                + " \"where\": {\"lat\": 2.0}, \"status\": \"RUNNING\", \"counters\": {\"x\": \"7\"},"
                + " \"battery\": 0, \"serial\": \"18446744073709551615\", \"tags\": [{\"key\": \"k\"}],"
                + " \"raw\": \"AQI=\"}";
        ParseResult<byte[]> r = PayloadCodec.parse(json, PayloadFormat.PROTOBUF, TextCharset.UTF_8, reading());
        assertThat(r.error()).isNull();
        assertThat(HEX.formatHex(r.value())).isEqualTo(""
                + "0a026131" + "110000000000803540" + "1803" + "2203019601" + "2a09090000000000000040" + "3001"
                + "3a05" + "0a0178" + "1007"  // #7 counters entry {key "x", value 7}
                + "42020102"                  // #8 raw 01 02
                + "4800"                      // #9 battery: proto3 optional, an explicit 0 is written
                + "59ffffffffffffffff"        // #11 serial fixed64
                + "6203" + "0a016b");         // #12 tags [{key "k"}]
        // the JSON shown under the tree writes the same bytes again
        String shown = ProtoJson.toJson(r.value(), reading().descriptor()).value();
        assertThat(PayloadCodec.parse(shown, PayloadFormat.PROTOBUF, TextCharset.UTF_8, reading()).value())
                .isEqualTo(r.value());
    }

    @Test
    void proto2_keeps_packed_and_unpacked_repeated_fields() throws Exception {
        ProtoSchema.Loaded l = ProtoSchema.load(List.of(proto("legacy.proto")));
        assertThat(l.error()).isNull();
        ProtoChoice frame = new ProtoChoice(l.schema(), "demo.legacy.Frame");
        ParseResult<byte[]> r = PayloadCodec.parse("{\"id\": 1, \"packedValues\": [1, 2], \"plain_values\": [3, 4]}",
                PayloadFormat.PROTOBUF, TextCharset.UTF_8, frame);
        assertThat(r.error()).isNull();
        assertThat(HEX.formatHex(r.value())).isEqualTo("0801" + "1a020102" + "2003" + "2004");
        assertThat(DynamicMessage.parseFrom(frame.descriptor(), r.value()).isInitialized()).isTrue();
    }

    @Test
    void json_errors_say_line_and_column_of_the_value() {
        ParseResult<byte[]> r = PayloadCodec.parse("{\n  \"deviceId\": \"a\",\n  \"nope\": 1\n}",
                PayloadFormat.PROTOBUF, TextCharset.UTF_8, reading());
        assertThat(r.ok()).isFalse();
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.column()).isEqualTo(3);
        assertThat(r.error()).isEqualTo("demo.sensor.Reading has no field named 'nope'");
        r = PayloadCodec.parse("{\"delta\": 3000000000}", PayloadFormat.PROTOBUF, TextCharset.UTF_8, reading());
        assertThat(r.error()).isEqualTo("3000000000 is out of range for sint32");
        assertThat(r.column()).isEqualTo(11);
        r = PayloadCodec.parse("{\"status\": \"BOOM\"}", PayloadFormat.PROTOBUF, TextCharset.UTF_8, reading());
        assertThat(r.error()).isEqualTo("demo.sensor.Reading.Status has no value 'BOOM'");
        r = PayloadCodec.parse("{\"deviceId\": 5}", PayloadFormat.PROTOBUF, TextCharset.UTF_8, reading());
        assertThat(r.error()).isEqualTo("'deviceId' needs string".replace("deviceId", "device_id"));
    }

    @Test
    void a_truncated_message_names_the_byte_offset_and_keeps_the_hex() {
        byte[] bytes = HEX.parseHex("0a0261312a09090000");  // #5 declares 9 bytes, 3 follow
        ParseResult<List<ProtoField>> r = ProtoTree.decode(bytes, reading().descriptor());
        assertThat(r.ok()).isFalse();
        assertThat(r.position()).isEqualTo(4);
        assertThat(r.error()).startsWith("not a valid demo.sensor.Reading at byte offset 4: ");
        String view = PayloadCodec.render(bytes, PayloadFormat.PROTOBUF, TextCharset.UTF_8, reading());
        assertThat(view).endsWith("0a 02 61 31 2a 09 09 00 00");
    }

    @Test
    void a_wrong_message_type_shows_what_did_not_fit() {
        // a Point (two doubles) read as a Tag (two strings): wire type I64 where LEN is expected is kept unknown
        byte[] point = HEX.parseHex("090000000000000040" + "110000000000000840");
        ProtoChoice tag = new ProtoChoice(reading().schema(), "demo.sensor.Reading.Tag");
        ParseResult<List<ProtoField>> r = ProtoTree.decode(point, tag.descriptor());
        assertThat(r.value()).allMatch(ProtoField::unknown);
        // and bytes that are not a message at all fail with an offset
        ParseResult<List<ProtoField>> bad = ProtoTree.decode(HEX.parseHex("0a01"), tag.descriptor());
        assertThat(bad.position()).isEqualTo(0);
        assertThat(PayloadCodec.render(point, PayloadFormat.PROTOBUF, TextCharset.UTF_8, null))
                .startsWith("no .proto file and message type chosen");
    }
}
