package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SUBSCRIBE: 3.1.1 §3.8, 5.0 §3.8; topic filters 3.1.1 §4.7. */
class SubscribeTest {

    @Test
    void decode_311_two_filters() {
        DecodedPacket p = clean(decode(4, CLIENT,
                // fixed header: SUBSCRIBE, flags 0010
                0x82,
                //   remaining length 18
                0x12,
                //   packet identifier 1
                0x00, 0x01,
                // payload
                //   topic filter "a/+/c", requested QoS 1
                0x00, 0x05, 'a', '/', '+', '/', 'c', 0x01,
                //   topic filter "kit/#", requested QoS 1
                0x00, 0x05, 'k', 'i', 't', '/', '#', 0x01), PacketType.SUBSCRIBE);
        assertThat(p.fields()).filteredOn(f -> f.name().equals("topic_filter")).extracting(Field::value)
                .containsExactly("a/+/c", "kit/#");
        assertThat(p.fields()).filteredOn(f -> f.name().equals("requested_qos")).extracting(Field::offset)
                .containsExactly(11, 19);
    }

    @Test
    void decode_flags_0000() {
        assertThat(error(decode(4, CLIENT, 0x80, 0x08, 0x00, 0x01, 0x00, 0x03, 'a', '/', 'b', 0x00),
                "header_flags",
                Rule.HEADER_FLAGS_0010, 0, 1, "3.1.1 §3.8.1 [MQTT-3.8.1-1]").spec()).contains("[MQTT-3.8.1-1]");
    }

    @Test
    void decode_empty_payload() {
        assertThat(error(decode(4, CLIENT, 0x82, 0x02, 0x00, 0x01), "payload",
                Rule.SUBSCRIBE_NO_TOPIC_FILTER, 4, 0, "3.1.1 §3.8.3 [MQTT-3.8.3-3]").spec()).contains("[MQTT-3.8.3-3]");
    }

    @Test
    void decode_packet_id_0() {
        error(decode(4, CLIENT, 0x82, 0x06, 0x00, 0x00, 0x00, 0x01, 'a', 0x00), "packet_id",
                Rule.PACKET_ID_ZERO, 2, 2, "3.1.1 §2.3.1 [MQTT-2.3.1-1]");
    }

    @Test
    void decode_requested_qos_3() {
        error(decode(4, CLIENT, 0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 'a', 0x03), "requested_qos",
                Rule.SUBSCRIBE_QOS3, 7, 1, "3.1.1 §3.8.3.1 [MQTT-3.8.3-4]");
    }

    @Test
    void decode_requested_qos_reserved_bits() {
        error(decode(4, CLIENT, 0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 'a', 0x41), "requested_qos",
                Rule.SUBSCRIBE_RESERVED_BITS_311, 7, 1, "3.1.1 §3.8.3.1 [MQTT-3.8.3-4]");
    }

    @Test
    void decode_missing_requested_qos() {
        error(decode(4, CLIENT, 0x82, 0x05, 0x00, 0x01, 0x00, 0x01, 'a'), "requested_qos",
                Rule.FIELD_MISSING, 7, 0, "3.1.1 §2.2.3");
    }

    @Test
    void decode_empty_filter() {
        error(decode(4, CLIENT, 0x82, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00), "topic_filter",
                Rule.TOPIC_FILTER_EMPTY, 4, 2, "3.1.1 §4.7.3 [MQTT-4.7.3-1]");
    }

    @Test
    void decode_hash_not_last() {
        assertThat(error(decode(4, CLIENT, 0x82, 0x08, 0x00, 0x01, 0x00, 0x03, '#', '/', 'a', 0x00),
                "topic_filter",
                Rule.TOPIC_FILTER_MULTI_LEVEL_WILDCARD, 6, 1,
                "3.1.1 §4.7.1.2 [MQTT-4.7.1-2]").spec()).contains("[MQTT-4.7.1-2]");
    }

    @Test
    void decode_hash_not_alone_in_level() {
        error(decode(4, CLIENT, 0x82, 0x07, 0x00, 0x01, 0x00, 0x02, 'a', '#', 0x00), "topic_filter",
                Rule.TOPIC_FILTER_MULTI_LEVEL_WILDCARD, 7, 1, "3.1.1 §4.7.1.2 [MQTT-4.7.1-2]");
    }

    @Test
    void decode_plus_not_alone_in_level() {
        assertThat(error(decode(4, CLIENT, 0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 'a', '+', '/', 0x00),
                "topic_filter",
                Rule.TOPIC_FILTER_SINGLE_LEVEL_WILDCARD, 7, 1,
                "3.1.1 §4.7.1.3 [MQTT-4.7.1-3]").spec()).contains("[MQTT-4.7.1-3]");
    }

    @Test
    void decode_filter_invalid_utf8() {
        error(decode(4, CLIENT, 0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0xfe, 0x00), "topic_filter",
                Rule.UTF8_INVALID_BYTE, 6, 1, "3.1.1 §1.5.3 [MQTT-1.5.3-1]");
    }

    @Test
    void decode_filter_length_overruns() {
        error(decode(4, CLIENT, 0x82, 0x06, 0x00, 0x01, 0x00, 0x07, 'a', 0x00), "topic_filter",
                Rule.STRING_OVERRUN, 4, 4, "3.1.1 §1.5.3");
    }

    @Test
    void decode_from_broker() {
        error(decode(4, BROKER, 0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 'a', 0x00), "packet_type",
                Rule.PACKET_TYPE_CLIENT_ONLY, 0, 1, "3.1.1 §2.2.1 Table 2.1");
    }

    @Test
    void decode_50_options_and_subscription_identifier() {
        DecodedPacket p = clean(decode(5, CLIENT,
                0x82, 0x09,
                0x00, 0x01,
                //   properties length 2: subscription identifier 5
                0x02, 0x0b, 0x05,
                //   "a", options: retain handling 2, retain as published, no local, QoS 1
                0x00, 0x01, 'a', 0x2d), PacketType.SUBSCRIBE);
        assertThat(Wire.value(p, "subscription_options")).isEqualTo(0x2d);
    }

    @Test
    void decode_50_subscription_identifier_0() {
        error(decode(5, CLIENT, 0x82, 0x09, 0x00, 0x01, 0x02, 0x0b, 0x00, 0x00, 0x01, 'a', 0x01), "properties",
                Rule.PROPERTIES_SUBSCRIPTION_IDENTIFIER_ZERO, 5, 2, "5.0 §3.8.2.1.2");
    }

    @Test
    void decode_50_reserved_option_bits() {
        error(decode(5, CLIENT, 0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 'a', 0x81), "subscription_options",
                Rule.SUBSCRIBE_RESERVED_BITS, 8, 1, "5.0 §3.8.3.1 [MQTT-3.8.3-5]");
    }

    @Test
    void decode_50_retain_handling_3() {
        error(decode(5, CLIENT, 0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 'a', 0x30), "subscription_options",
                Rule.SUBSCRIBE_RETAIN_HANDLING_3, 8, 1, "5.0 §3.8.3.1");
    }

    @Test
    void decode_50_no_local_on_shared_subscription() {
        error(decode(5, CLIENT, 0x82, 0x0f, 0x00, 0x01, 0x00, 0x00, 0x09, '$', 's', 'h', 'a', 'r', 'e', '/', 'g',
                '/', 0x04), "topic_filter",
                Rule.TOPIC_FILTER_SHARED_SUBSCRIPTION, 5, 11, "5.0 §4.8.2 [MQTT-4.8.2-1] [MQTT-4.8.2-2]");
    }

    @Test
    void decode_50_shared_subscription_fine() {
        clean(decode(5, CLIENT, 0x82, 0x10, 0x00, 0x01, 0x00, 0x00, 0x0a, '$', 's', 'h', 'a', 'r', 'e', '/', 'g',
                '/', 'a', 0x00), PacketType.SUBSCRIBE);
    }
}
