package io.mqscope.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Sparkplug B with the built-in schema (Sparkplug 3.0.0 section 6.4): golden bytes annotated by hand, births
 * applied to later DATA messages, sequence gaps and bdSeq flagged.
 */
class SparkplugTest {
    private static final HexFormat HEX = HexFormat.of();
    /** NDATA: timestamp 1000, one metric by alias 1 with float 21.5, seq 1. */
    private static final String NDATA_SEQ1 = "08e807"      // #1 timestamp varint 1000
            + "1207" + "1001" + "650000ac41"                // #2 metrics (LEN 7): #2 alias 1, #12 float_value 21.5
            + "1801";                                        // #3 seq 1

    private static byte[] json(String json) {
        ParseResult<byte[]> r = PayloadCodec.parse(json, PayloadFormat.SPARKPLUG, TextCharset.UTF_8);
        assertThat(r.error()).isNull();
        return r.value();
    }

    private static byte[] nbirth(int bdSeq) {
        return json("{\"timestamp\": 999, \"seq\": 0, \"metrics\": ["
                + "{\"name\": \"bdSeq\", \"datatype\": 8, \"longValue\": " + bdSeq + "},"
                + "{\"name\": \"Temperature\", \"alias\": 1, \"datatype\": 9, \"floatValue\": 20.0},"
                + "{\"name\": \"Mode\", \"alias\": 2, \"datatype\": 1, \"intValue\": 4294967295}]}");
    }

    @Test
    void json_writes_the_golden_bytes_and_they_read_back() {
        byte[] bytes = json("{\"timestamp\": 1000, \"metrics\": [{\"alias\": 1, \"floatValue\": 21.5}], \"seq\": 1}");
        assertThat(HEX.formatHex(bytes)).isEqualTo(NDATA_SEQ1);
        SparkplugPayload p = Sparkplug.decode(bytes).value();
        assertThat(p.timestamp()).isEqualTo(1000L);
        assertThat(p.seq()).isEqualTo(1L);
        assertThat(p.metrics()).containsExactly(new SparkplugPayload.Metric(null, 1L, null, null, false, 21.5f,
                false, false));
    }

    @Test
    void births_name_the_aliases_of_later_data_and_gaps_are_flagged() {
        SparkplugTracker t = new SparkplugTracker();
        SparkplugReading birth = t.accept("spBv1.0/plant/NBIRTH/edge1", nbirth(3));
        assertThat(birth.notes()).isEmpty();
        assertThat(SparkplugTracker.render(birth)).contains("Sparkplug B NBIRTH  group plant  edge node edge1",
                "Temperature [alias 1]: Float = 20.0", "Mode [alias 2]: Int8 = -1", "bdSeq: UInt64 = 3");

        SparkplugReading data = t.accept("spBv1.0/plant/NDATA/edge1", HEX.parseHex(NDATA_SEQ1));
        assertThat(data.notes()).isEmpty();
        assertThat(data.metrics().get(0).name()).isEqualTo("Temperature");
        assertThat(data.metrics().get(0).fromBirth()).isTrue();
        assertThat(SparkplugTracker.render(data)).contains("seq: 1",
                "Temperature [alias 1, name from the birth certificate]: Float = 21.5",
                "timestamp: 1000 (1970-01-01T00:00:01Z)");

        // seq 2 and 3 never arrived
        SparkplugReading gap = t.accept("spBv1.0/plant/NDATA/edge1",
                json("{\"seq\": 4, \"metrics\": [{\"alias\": 9, \"intValue\": 1}]}"));
        assertThat(gap.notes()).containsExactly(
                "sequence gap: expected seq 2, got 4 (2 messages missing or out of order)",
                "alias 9 is not in a birth certificate seen before");
        // 255 wraps to 0 (section 6.4.19)
        t.accept("spBv1.0/plant/DDATA/edge1/dev", json("{\"seq\": 255}"));
        assertThat(t.accept("spBv1.0/plant/DDATA/edge1/dev", json("{\"seq\": 0}")).notes()).isEmpty();

        SparkplugReading death = t.accept("spBv1.0/plant/NDEATH/edge1",
                json("{\"metrics\": [{\"name\": \"bdSeq\", \"datatype\": 8, \"longValue\": 2}]}"));
        assertThat(death.notes()).containsExactly("NDEATH bdSeq 2 does not match the NBIRTH's bdSeq 3");
    }

    @Test
    void device_birth_aliases_and_a_data_message_before_any_birth() {
        SparkplugTracker t = new SparkplugTracker();
        SparkplugReading early = t.accept("spBv1.0/g/DDATA/e/d1", json("{\"seq\": 7}"));
        assertThat(early.notes()).containsExactly("no NBIRTH seen before for g/e: aliases cannot be resolved");
        t.accept("spBv1.0/g/NBIRTH/e", json("{\"seq\": 0}"));
        t.accept("spBv1.0/g/DBIRTH/e/d1", json("{\"seq\": 1, \"metrics\": [{\"name\": \"Level\", \"alias\": 5,"
                + " \"datatype\": 13, \"longValue\": 0}]}"));
        SparkplugReading d = t.accept("spBv1.0/g/DDATA/e/d1", json("{\"seq\": 2, \"metrics\": [{\"alias\": 5,"
                + " \"longValue\": 1700000000000}]}"));
        assertThat(SparkplugTracker.render(d)).contains("device d1",
                "Level [alias 5, name from the birth certificate]: DateTime = 1700000000000 (2023-11-14T22:13:20Z)");
        assertThat(t.accept("spBv1.0/STATE/host", "ONLINE".getBytes())).isNull();
        assertThat(t.accept("other/topic", new byte[0])).isNull();
    }

    @Test
    void bytes_that_are_not_a_payload_say_where_and_keep_the_hex() {
        byte[] cut = HEX.parseHex("08e807" + "1209" + "1001");  // metrics declares 9 bytes, 2 follow
        String view = PayloadCodec.render(cut, PayloadFormat.SPARKPLUG, TextCharset.UTF_8);
        assertThat(view).startsWith("not a valid org.eclipse.tahu.protobuf.Payload at byte offset 3: ")
                .endsWith("08 e8 07 12 09 10 01");
        assertThat(PayloadCodec.render(HEX.parseHex(NDATA_SEQ1), PayloadFormat.SPARKPLUG, TextCharset.UTF_8))
                .startsWith("Sparkplug B\n").contains("? [alias 1]: ? = 21.5");
    }

    @Test
    void topics_are_recognised() {
        assertThat(SparkplugTopic.parse("spBv1.0/g/NDATA/e")).isEqualTo(new SparkplugTopic("g", "NDATA", "e", null));
        assertThat(SparkplugTopic.parse("spBv1.0/g/DCMD/e/d")).isEqualTo(new SparkplugTopic("g", "DCMD", "e", "d"));
        assertThat(SparkplugTopic.parse("spBv1.0/STATE/h").protobuf()).isFalse();
        assertThat(SparkplugTopic.parse("spAv1.0/g/NDATA/e")).isNull();
        assertThat(SparkplugTopic.parse("spBv1.0/g/NDATA")).isNull();
    }
}
