package io.mqscope.wire;

import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** UNSUBSCRIBE: 3.1.1 §3.10, 5.0 §3.10. */
class UnsubscribeTest {

    @Test
    void decode_311() {
        DecodedPacket p = clean(decode(4, CLIENT,
                // fixed header: flags 0010
                0xa2, 0x07,
                //   packet identifier 1
                0x00, 0x01,
                //   topic filter "a/b"
                0x00, 0x03, 'a', '/', 'b'), PacketType.UNSUBSCRIBE);
        assertThat(Wire.value(p, "topic_filter")).isEqualTo("a/b");
    }

    @Test
    void decode_flags_0000() {
        assertThat(error(decode(4, CLIENT, 0xa0, 0x07, 0x00, 0x01, 0x00, 0x03, 'a', '/', 'b'), "header_flags",
                Rule.HEADER_FLAGS_0010, 0, 1, "3.1.1 §3.10.1 [MQTT-3.10.1-1]")
                .spec()).contains("[MQTT-3.10.1-1]");
    }

    @Test
    void decode_no_filters() {
        assertThat(error(decode(4, CLIENT, 0xa2, 0x02, 0x00, 0x01), "payload",
                Rule.UNSUBSCRIBE_NO_TOPIC_FILTER, 4, 0,
                "3.1.1 §3.10.3 [MQTT-3.10.3-2]").spec()).contains("[MQTT-3.10.3-2]");
    }

    @Test
    void decode_packet_id_0() {
        error(decode(4, CLIENT, 0xa2, 0x05, 0x00, 0x00, 0x00, 0x01, 'a'), "packet_id",
                Rule.PACKET_ID_ZERO, 2, 2, "3.1.1 §2.3.1 [MQTT-2.3.1-1]");
    }

    @Test
    void decode_bad_filter() {
        error(decode(4, CLIENT, 0xa2, 0x06, 0x00, 0x01, 0x00, 0x02, '#', 'a'), "topic_filter",
                Rule.TOPIC_FILTER_MULTI_LEVEL_WILDCARD, 6, 1, "3.1.1 §4.7.1.2 [MQTT-4.7.1-2]");
    }

    @Test
    void decode_50() {
        clean(decode(5, CLIENT, 0xa2, 0x06, 0x00, 0x01, 0x00, 0x00, 0x01, 'a'), PacketType.UNSUBSCRIBE);
    }

    @Test
    void decode_50_property_not_allowed() {
        error(decode(5, CLIENT, 0xa2, 0x08, 0x00, 0x01, 0x02, 0x0b, 0x01, 0x00, 0x01, 'a'), "properties",
                Rule.PROPERTIES_NOT_ALLOWED, 5, 1, "5.0 §2.2.2.2");
    }
}
