package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.blames;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static io.mqscope.wire.Wire.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PUBLISH: 3.1.1 §3.3, 5.0 §3.3. */
class PublishTest {

    @Test
    void decode_qos0() {
        DecodedPacket p = clean(decode(4, CLIENT,
                // fixed header: PUBLISH, QoS 0
                0x30,
                //   remaining length 7
                0x07,
                // variable header
                //   topic name "a/b"
                0x00, 0x03, 'a', '/', 'b',
                // payload
                0x68, 0x69), PacketType.PUBLISH);
        assertThat(value(p, "topic")).isEqualTo("a/b");
        assertThat(value(p, "qos")).isEqualTo(0);
        assertThat(value(p, "payload")).isEqualTo("6869");
        assertThat(Wire.field(p, "payload").offset()).isEqualTo(7);
        assertThat(Wire.field(p, "packet_id")).isNull();
    }

    @Test
    void decode_qos1_retain_dup_from_broker() {
        DecodedPacket p = clean(decode(4, BROKER,
                // fixed header: PUBLISH, DUP, QoS 1, RETAIN
                0x3b, 0x07,
                //   topic "a"
                0x00, 0x01, 'a',
                //   packet identifier 10
                0x00, 0x0a,
                // payload
                0x01, 0x02), PacketType.PUBLISH);
        assertThat(value(p, "packet_id")).isEqualTo(10);
        assertThat(value(p, "dup")).isEqualTo(true);
        assertThat(value(p, "retain")).isEqualTo(true);
    }

    @Test
    void decode_empty_payload() {
        DecodedPacket p = clean(decode(4, CLIENT, 0x30, 0x03, 0x00, 0x01, 'a'), PacketType.PUBLISH);
        assertThat(Wire.field(p, "payload").length()).isZero();
    }

    @Test
    void decode_two_byte_remaining_length() {
        int[] b = new int[3 + 200];
        b[0] = 0x30;
        // remaining length 200 = c8 01
        b[1] = 0xc8;
        b[2] = 0x01;
        b[3] = 0x00;
        b[4] = 0x01;
        b[5] = 't';
        DecodedPacket p = clean(decode(4, CLIENT, b), PacketType.PUBLISH);
        assertThat(p.remainingLength()).isEqualTo(200);
        assertThat(Wire.field(p, "remaining_length").length()).isEqualTo(2);
    }

    @Test
    void decode_qos3() {
        Finding f = error(decode(4, CLIENT, 0x36, 0x05, 0x00, 0x01, 'a', 0x00, 0x01), "qos",
                Rule.PUBLISH_QOS3, 0, 1, "3.1.1 §3.3.1.2 [MQTT-3.3.1-4]");
        assertThat(f.spec()).contains("[MQTT-3.3.1-4]");
        assertThat(f.offset()).isZero();
    }

    @Test
    void decode_dup_on_qos0() {
        assertThat(error(decode(4, CLIENT, 0x38, 0x03, 0x00, 0x01, 'a'), "dup",
                Rule.PUBLISH_DUP_QOS0, 0, 1, "3.1.1 §3.3.1.1 [MQTT-3.3.1-2]").spec()).contains("[MQTT-3.3.1-2]");
    }

    @Test
    void decode_wildcard_in_topic() {
        Finding f = error(decode(4, CLIENT, 0x30, 0x05, 0x00, 0x03, 'a', '/', '+'), "topic",
                Rule.TOPIC_NAME_WILDCARD, 6, 1, "3.1.1 §3.3.2.1 [MQTT-3.3.2-2]");
        assertThat(f.spec()).contains("[MQTT-3.3.2-2]");
        assertThat(f.offset()).isEqualTo(6);
    }

    @Test
    void decode_hash_in_topic() {
        error(decode(4, CLIENT, 0x30, 0x03, 0x00, 0x01, '#'), "topic",
                Rule.TOPIC_NAME_WILDCARD, 4, 1, "3.1.1 §3.3.2.1 [MQTT-3.3.2-2]");
    }

    @Test
    void decode_empty_topic_311() {
        assertThat(error(decode(4, CLIENT, 0x30, 0x03, 0x00, 0x00, 0x41), "topic",
                Rule.PUBLISH_TOPIC_EMPTY, 2, 2, "3.1.1 §4.7.3 [MQTT-4.7.3-1]").spec()).contains("[MQTT-4.7.3-1]");
    }

    @Test
    void decode_packet_id_0() {
        assertThat(error(decode(4, CLIENT, 0x32, 0x05, 0x00, 0x01, 'a', 0x00, 0x00), "packet_id",
                Rule.PACKET_ID_ZERO, 5, 2, "3.1.1 §2.3.1 [MQTT-2.3.1-1]").spec())
                .contains("[MQTT-2.3.1-1]");
    }

    @Test
    void decode_packet_id_missing() {
        Finding f = error(decode(4, CLIENT, 0x32, 0x04, 0x00, 0x01, 'a', 0x00), "packet_id",
                Rule.FIELD_CUT_SHORT, 5, 1, "3.1.1 §2.2.3");
        assertThat(f.message()).contains("packet_id");
    }

    @Test
    void decode_topic_length_overruns() {
        error(decode(4, CLIENT, 0x30, 0x04, 0x00, 0x05, 'a', 'b'), "topic", Rule.STRING_OVERRUN, 2, 4, "3.1.1 §1.5.3");
    }

    @Test
    void decode_topic_invalid_utf8() {
        Finding f = error(decode(4, CLIENT, 0x30, 0x05, 0x00, 0x03, 'a', 0xff, 'b'), "topic",
                Rule.UTF8_INVALID_BYTE, 5, 1, "3.1.1 §1.5.3 [MQTT-1.5.3-1]");
        assertThat(f.offset()).isEqualTo(5);
        assertThat(f.spec()).contains("[MQTT-1.5.3-1]");
    }

    @Test
    void decode_topic_overlong_encoding() {
        assertThat(error(decode(4, CLIENT, 0x30, 0x05, 0x00, 0x03, 'a', 0xc0, 0xaf), "topic",
                Rule.UTF8_OVERLONG_LEAD, 5, 1, "3.1.1 §1.5.3 [MQTT-1.5.3-1]").message())
                .contains("overlong");
    }

    @Test
    void decode_topic_overlong_three_bytes() {
        assertThat(error(decode(4, CLIENT, 0x30, 0x05, 0x00, 0x03, 0xe0, 0x80, 0xaf), "topic",
                Rule.UTF8_OVERLONG, 4, 3, "3.1.1 §1.5.3 [MQTT-1.5.3-1]").message())
                .contains("overlong");
    }

    @Test
    void decode_topic_surrogate() {
        assertThat(error(decode(4, CLIENT, 0x30, 0x05, 0x00, 0x03, 0xed, 0xa0, 0x80), "topic",
                Rule.UTF8_SURROGATE, 4, 3, "3.1.1 §1.5.3 [MQTT-1.5.3-1]").message())
                .contains("surrogate");
    }

    @Test
    void decode_topic_null_character() {
        assertThat(error(decode(4, CLIENT, 0x30, 0x04, 0x00, 0x02, 'a', 0x00), "topic",
                Rule.UTF8_NULL_CHARACTER, 5, 1, "3.1.1 §1.5.3 [MQTT-1.5.3-2]").spec())
                .contains("[MQTT-1.5.3-2]");
    }

    @Test
    void decode_topic_control_character_is_a_warning() {
        DecodedPacket p = decode(4, CLIENT, 0x30, 0x04, 0x00, 0x02, 'a', 0x01);
        blames(p, Severity.WARNING, "topic", Rule.UTF8_CONTROL_CHARACTER, 5, 1, "3.1.1 §1.5.3");
    }

    @Test
    void decode_topic_utf8_chinese() {
        DecodedPacket p = clean(decode(4, CLIENT, 0x30, 0x08, 0x00, 0x06, 0xe6, 0xb8, 0xa9, 0xe5, 0xba, 0xa6),
                PacketType.PUBLISH);
        assertThat(value(p, "topic")).isEqualTo("温度");
    }

    @Test
    void decode_topic_noncharacter_is_a_warning() {
        blames(decode(4, CLIENT, 0x30, 0x05, 0x00, 0x03, 0xef, 0xbf, 0xbf), Severity.WARNING, "topic",
                Rule.UTF8_NON_CHARACTER, 4, 3, "3.1.1 §1.5.3");
    }

    @Test
    void decode_topic_four_byte_character() {
        DecodedPacket p = clean(decode(4, CLIENT, 0x30, 0x06, 0x00, 0x04, 0xf0, 0x9f, 0x98, 0x80),
                PacketType.PUBLISH);
        assertThat(value(p, "topic")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void decode_topic_cut_short_multibyte() {
        assertThat(error(decode(4, CLIENT, 0x30, 0x05, 0x00, 0x03, 'a', 'b', 0xe6), "topic",
                Rule.UTF8_CUT_SHORT, 6, 1, "3.1.1 §1.5.3 [MQTT-1.5.3-1]").message())
                .contains("cut short");
    }

    @Test
    void decode_topic_beyond_u10ffff() {
        error(decode(4, CLIENT, 0x30, 0x06, 0x00, 0x04, 0xf4, 0x90, 0x80, 0x80), "topic",
                Rule.UTF8_BEYOND_MAX, 4, 4, "3.1.1 §1.5.3 [MQTT-1.5.3-1]");
    }

    @Test
    void decode_50_properties() {
        DecodedPacket p = clean(decode(5, CLIENT,
                0x32, 0x0f,
                //   topic "a", packet id 1
                0x00, 0x01, 'a', 0x00, 0x01,
                //   properties length 8
                0x08,
                //     payload format indicator 1
                0x01, 0x01,
                //     content type "a/j"
                0x03, 0x00, 0x03, 'a', '/', 'j',
                // payload
                '{'), PacketType.PUBLISH);
        assertThat(Wire.field(p, "properties").children()).extracting(Field::name)
                .containsExactly("payload_format_indicator", "content_type");
        assertThat(value(p, "payload")).isEqualTo("7b");
    }

    @Test
    void decode_50_topic_alias_zero() {
        Finding f = error(decode(5, CLIENT, 0x30, 0x07, 0x00, 0x01, 'a', 0x03, 0x23, 0x00, 0x00), "properties",
                Rule.PROPERTIES_TOPIC_ALIAS_ZERO, 6, 3, "5.0 §3.3.2.3.4 [MQTT-3.3.2-8]");
        assertThat(f.message()).contains("Topic Alias 0");
    }

    @Test
    void decode_50_empty_topic_with_alias_is_fine() {
        clean(decode(5, CLIENT, 0x30, 0x06, 0x00, 0x00, 0x03, 0x23, 0x00, 0x01), PacketType.PUBLISH);
    }

    @Test
    void decode_50_empty_topic_without_alias() {
        error(decode(5, CLIENT, 0x30, 0x03, 0x00, 0x00, 0x00), "topic",
                Rule.PUBLISH_TOPIC_EMPTY_WITHOUT_ALIAS, 2, 2, "5.0 §3.3.2.1 [MQTT-3.3.2-1]");
    }

    @Test
    void decode_50_subscription_identifier_from_client() {
        error(decode(5, CLIENT, 0x30, 0x06, 0x00, 0x01, 'a', 0x02, 0x0b, 0x01), "properties",
                Rule.PUBLISH_SUBSCRIPTION_IDENTIFIER_FROM_CLIENT, 2, 0, "5.0 §3.3.2.3.8 [MQTT-3.3.4-6]");
    }

    @Test
    void decode_50_subscription_identifier_from_broker_is_fine() {
        clean(decode(5, BROKER, 0x30, 0x06, 0x00, 0x01, 'a', 0x02, 0x0b, 0x01), PacketType.PUBLISH);
    }

    @Test
    void decode_50_duplicate_content_type() {
        assertThat(error(decode(5, CLIENT, 0x30, 0x0b, 0x00, 0x01, 'a', 0x07, 0x03, 0x00, 0x01, 'x', 0x03, 0x00,
                0x00), "properties", Rule.PROPERTIES_DUPLICATE, 10, 1, "5.0 §2.2.2.2").message()).contains("duplicate");
    }

    @Test
    void decode_50_session_expiry_not_allowed() {
        error(decode(5, CLIENT, 0x30, 0x09, 0x00, 0x01, 'a', 0x05, 0x11, 0x00, 0x00, 0x00, 0x01), "properties",
                Rule.PROPERTIES_NOT_ALLOWED, 6, 1, "5.0 §2.2.2.2");
    }

    @Test
    void decode_50_payload_format_indicator_2() {
        error(decode(5, CLIENT, 0x30, 0x06, 0x00, 0x01, 'a', 0x02, 0x01, 0x02), "properties",
                Rule.PROPERTIES_NOT_BOOLEAN, 7, 1, "5.0 §3 (Payload Format Indicator)");
    }

    @Test
    void decode_50_user_property_twice_is_fine() {
        clean(decode(5, CLIENT, 0x30, 0x12, 0x00, 0x01, 'a', 0x0e,
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v',
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'w'), PacketType.PUBLISH);
    }

    @Test
    void decode_50_non_minimal_property_length_is_an_error() {
        assertThat(error(decode(5, CLIENT, 0x30, 0x05, 0x00, 0x01, 'a', 0x80, 0x00), "properties",
                Rule.VARINT_NON_MINIMAL, 5, 2, "5.0 §1.5.5 [MQTT-1.5.5-1]").spec())
                .contains("[MQTT-1.5.5-1]");
    }

    @Test
    void decode_50_payload_format_utf8_but_payload_is_not() {
        Finding f = error(decode(5, CLIENT, 0x30, 0x0b,
                //   topic "a", properties: payload format indicator 1
                0x00, 0x01, 'a', 0x02, 0x01, 0x01,
                //   payload "ab" then the UTF-8 encoding of a surrogate half (ED A0 80)
                'a', 'b', 0xed, 0xa0, 0x80), "payload", Rule.PAYLOAD_NOT_UTF8, 10, 3, "5.0 §3.3.2.3.2 [MQTT-3.3.2-4]");
        assertThat(f.offset()).isEqualTo(10);
        assertThat(f.spec()).contains("[MQTT-3.3.2-4]");
    }

    @Test
    void decode_50_payload_format_utf8_allows_control_characters() {
        clean(decode(5, CLIENT, 0x30, 0x0d, 0x00, 0x01, 'a', 0x02, 0x01, 0x01,
                '{', '}', '\n', 0x00, 0xe2, 0x82, 0xac), PacketType.PUBLISH);
    }

    @Test
    void decode_311_qos1_without_packet_id() {
        // The topic "a" fills the declared length: the packet identifier a QoS 1 PUBLISH needs is missing.
        Finding f = error(decode(4, CLIENT, 0x32, 0x03, 0x00, 0x01, 'a'), "packet_id",
                Rule.FIELD_MISSING, 5, 0, "3.1.1 §2.2.3");
        assertThat(f.offset()).isEqualTo(5);
    }

    @Test
    void decode_50_empty_response_topic() {
        // Response Topic is a Topic Name: at least one character [MQTT-4.7.3-1]
        error(decode(5, CLIENT, 0x30, 0x08, 0x00, 0x01, 'a',
                //   properties: response topic "" (08 00 00)
                0x03, 0x08, 0x00, 0x00, 'x'), "properties",
                Rule.PROPERTIES_RESPONSE_TOPIC_EMPTY, 6, 3, "5.0 §3.3.2.3.5 [MQTT-3.3.2-13] [MQTT-4.7.3-1]");
    }
}
