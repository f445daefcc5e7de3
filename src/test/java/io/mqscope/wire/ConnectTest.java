package io.mqscope.wire;

import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static io.mqscope.wire.Wire.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CONNECT: 3.1.1 §3.1, 5.0 §3.1, MQTT 3.1 (MQIsdp). */
class ConnectTest {

    @Test
    void decode_311_minimal() {
        DecodedPacket p = clean(decode(4, CLIENT,
                // fixed header
                0x10,
                //   remaining length
                0x16,
                // variable header
                //   protocol name
                0x00, 0x04, 'M', 'Q', 'T', 'T',
                //   protocol level
                0x04,
                //   connect flags: clean session
                0x02,
                //   keep alive
                0x00, 0x3c,
                // payload
                //   client identifier
                0x00, 0x0a, 'c', 'n', '.', 'l', 'o', 'k', 'e', 'i', '-', '1'), PacketType.CONNECT);
        assertThat(value(p, "protocol_name")).isEqualTo("MQTT");
        assertThat(value(p, "protocol_level")).isEqualTo(4);
        assertThat(value(p, "clean_session")).isEqualTo(true);
        assertThat(value(p, "keepalive")).isEqualTo(60);
        assertThat(value(p, "client_id")).isEqualTo("cn.lokei-1");
        assertThat(Wire.field(p, "client_id").offset()).isEqualTo(12);
        assertThat(Wire.field(p, "client_id").length()).isEqualTo(12);
        assertThat(p.protocolVersion()).isEqualTo(4);
    }

    @Test
    void decode_31_mqisdp() {
        DecodedPacket p = clean(decode(4, CLIENT,
                // fixed header
                0x10, 0x11,
                //   protocol name "MQIsdp", level 3
                0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03,
                //   flags, keep alive
                0x02, 0x00, 0x3c,
                //   client id "kit"
                0x00, 0x03, 'k', 'i', 't'), PacketType.CONNECT);
        assertThat(p.protocolVersion()).isEqualTo(3);
    }

    @Test
    void decode_311_will_user_password() {
        DecodedPacket p = clean(decode(4, CLIENT,
                0x10, 0x23,
                0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
                //   flags: user, password, will retain, will qos 1, will, clean
                0xee, 0x00, 0x1e,
                //   client id, will topic, will message, user name, password
                0x00, 0x01, 'c',
                0x00, 0x03, 'w', '/', 't',
                0x00, 0x03, 'b', 'y', 'e',
                0x00, 0x04, 'u', 's', 'e', 'r',
                0x00, 0x04, 'p', 'a', 's', 's'), PacketType.CONNECT);
        assertThat(value(p, "will_topic")).isEqualTo("w/t");
        assertThat(value(p, "will_payload")).isEqualTo("627965");
        assertThat(value(p, "username")).isEqualTo("user");
        assertThat(value(p, "password")).isEqualTo("70617373");
        assertThat(value(p, "will_qos")).isEqualTo(1);
    }

    @Test
    void decode_50_properties() {
        DecodedPacket p = clean(decode(5, CLIENT,
                0x10, 0x1d,
                0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c,
                //   properties length 15
                0x0f,
                //     session expiry interval 3600
                0x11, 0x00, 0x00, 0x0e, 0x10,
                //     receive maximum 20
                0x21, 0x00, 0x14,
                //     user property "k" "v"
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v',
                //   client id "x"
                0x00, 0x01, 'x'), PacketType.CONNECT);
        assertThat(value(p, "clean_start")).isEqualTo(true);
        Field props = Wire.field(p, "properties");
        assertThat(props.children()).extracting(Field::name)
                .containsExactly("session_expiry_interval", "receive_maximum", "user_property");
        assertThat(props.children().get(0).value()).isEqualTo(3600L);
    }

    @Test
    void decode_wrong_protocol_name() {
        Finding f = error(decode(4, CLIENT, 0x10, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'X', 0x04, 0x02, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd'), "protocol_name",
                Rule.CONNECT_PROTOCOL_NAME, 2, 6, "3.1.1 §3.1.2.1 [MQTT-3.1.2-1]");
        assertThat(f.spec()).contains("[MQTT-3.1.2-1]");
        assertThat(f.offset()).isEqualTo(2);
    }

    @Test
    void decode_unsupported_protocol_level() {
        Finding f = error(decode(4, CLIENT, 0x10, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x06, 0x02, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd'), "protocol_level",
                Rule.CONNECT_PROTOCOL_LEVEL, 8, 1, "3.1.1 §3.1.2.2 [MQTT-3.1.2-2]");
        assertThat(f.spec()).contains("[MQTT-3.1.2-2]");
        assertThat(f.offset()).isEqualTo(8);
    }

    @Test
    void decode_mqisdp_with_level_4() {
        error(decode(4, CLIENT, 0x10, 0x10, 0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x04, 0x02, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd'), "protocol_level",
                Rule.CONNECT_PROTOCOL_LEVEL_31, 10, 1, "3.1.1 §3.1.2.2 [MQTT-3.1.2-2]");
    }

    @Test
    void decode_reserved_connect_flag() {
        Finding f = error(decode(4, CLIENT, 0x10, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x03, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd'), "connect_flags",
                Rule.CONNECT_RESERVED_FLAG, 9, 1, "3.1.1 §3.1.2.3 [MQTT-3.1.2-3]");
        assertThat(f.spec()).contains("[MQTT-3.1.2-3]");
    }

    @Test
    void decode_will_qos_without_will_flag() {
        assertThat(error(decode(4, CLIENT, 0x10, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x0a, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd'), "connect_flags",
                Rule.CONNECT_WILL_QOS_WITHOUT_WILL, 9, 1,
                "3.1.1 §3.1.2.6 [MQTT-3.1.2-13]").spec()).contains("[MQTT-3.1.2-13]");
    }

    @Test
    void decode_will_retain_without_will_flag() {
        assertThat(error(decode(4, CLIENT, 0x10, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x22, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd'), "connect_flags",
                Rule.CONNECT_WILL_RETAIN_WITHOUT_WILL, 9, 1,
                "3.1.1 §3.1.2.7 [MQTT-3.1.2-15]").spec()).contains("[MQTT-3.1.2-15]");
    }

    @Test
    void decode_will_qos_3() {
        assertThat(error(decode(4, CLIENT, 0x10, 0x14, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x1e, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd', 0x00, 0x01, 't', 0x00, 0x01, 'x'), "connect_flags",
                Rule.CONNECT_WILL_QOS3, 9, 1, "3.1.1 §3.1.2.6 [MQTT-3.1.2-14]").spec())
                .contains("[MQTT-3.1.2-14]");
    }

    @Test
    void decode_password_without_username_in_311() {
        assertThat(error(decode(4, CLIENT, 0x10, 0x12, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x42, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd', 0x00, 0x02, 'p', 'w'), "connect_flags",
                Rule.CONNECT_PASSWORD_WITHOUT_USERNAME, 9, 1,
                "3.1.1 §3.1.2.9 [MQTT-3.1.2-22]").spec()).contains("[MQTT-3.1.2-22]");
    }

    @Test
    void decode_password_without_username_is_fine_in_50() {
        clean(decode(5, CLIENT, 0x10, 0x13, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x42, 0x00, 0x3c, 0x00,
                0x00, 0x02, 'i', 'd', 0x00, 0x02, 'p', 'w'), PacketType.CONNECT);
    }

    @Test
    void decode_empty_client_id_without_clean_session() {
        assertThat(error(decode(4, CLIENT, 0x10, 0x0c, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x00, 0x00, 0x3c,
                0x00, 0x00), "client_id",
                Rule.CONNECT_CLIENT_ID_EMPTY_PERSISTENT, 12, 2,
                "3.1.1 §3.1.3.1 [MQTT-3.1.3-8]").spec()).contains("[MQTT-3.1.3-8]");
    }

    @Test
    void decode_empty_client_id_with_clean_session_is_fine() {
        clean(decode(4, CLIENT, 0x10, 0x0c, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c, 0x00, 0x00),
                PacketType.CONNECT);
    }

    @Test
    void decode_client_id_with_null_character() {
        Finding f = error(decode(4, CLIENT, 0x10, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c,
                0x00, 0x02, 'a', 0x00), "client_id", Rule.UTF8_NULL_CHARACTER, 15, 1, "3.1.1 §1.5.3 [MQTT-1.5.3-2]");
        assertThat(f.offset()).isEqualTo(15);
        assertThat(f.message()).contains("U+0000");
    }

    @Test
    void decode_client_id_length_overruns() {
        assertThat(error(decode(4, CLIENT, 0x10, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c,
                0x00, 0x09, 'i', 'd'), "client_id",
                Rule.STRING_OVERRUN, 12, 4, "3.1.1 §1.5.3").message()).contains("runs past the end");
    }

    @Test
    void decode_missing_username_announced_by_flag() {
        assertThat(error(decode(4, CLIENT, 0x10, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x82, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd'), "username", Rule.FIELD_MISSING, 16, 0, "3.1.1 §2.2.3").length()).isEqualTo(0);
    }

    @Test
    void decode_trailing_bytes_after_last_field() {
        error(decode(4, CLIENT, 0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd', 0xde, 0xad), "payload", Rule.CONNECT_TRAILING_BYTES, 16, 2, "3.1.1 §3.1.3");
    }

    @Test
    void decode_will_topic_with_wildcard() {
        error(decode(4, CLIENT, 0x10, 0x15, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x06, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd', 0x00, 0x03, 'a', '/', '#', 0x00, 0x00), "will_topic",
                Rule.TOPIC_NAME_WILDCARD, 20, 1, "3.1.1 §3.3.2.1 [MQTT-3.3.2-2]");
    }

    @Test
    void decode_wrong_header_flags() {
        assertThat(error(decode(4, CLIENT, 0x11, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd'), "header_flags",
                Rule.HEADER_FLAGS_RESERVED, 0, 1,
                "3.1.1 §2.2.2 [MQTT-2.2.2-1] [MQTT-2.2.2-2]").spec()).contains("[MQTT-2.2.2-");
    }

    @Test
    void decode_from_broker() {
        error(decode(4, BROKER, 0x10, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c,
                0x00, 0x02, 'i', 'd'), "packet_type", Rule.PACKET_TYPE_CLIENT_ONLY, 0, 1, "3.1.1 §2.2.1 Table 2.1");
    }

    @Test
    void decode_50_duplicate_property() {
        Finding f = error(decode(5, CLIENT, 0x10, 0x1e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c,
                0x0a, 0x11, 0x00, 0x00, 0x00, 0x0a, 0x11, 0x00, 0x00, 0x00, 0x14,
                0x00, 0x07, 'k', 'i', 't', '-', 'b', 'a', 'd'), "properties",
                Rule.PROPERTIES_DUPLICATE, 18, 1, "5.0 §2.2.2.2");
        assertThat(f.message()).contains("duplicate property 0x11 (Session Expiry Interval)");
        assertThat(f.offset()).isEqualTo(18);
    }

    @Test
    void decode_50_property_not_allowed_in_connect() {
        assertThat(error(decode(5, CLIENT, 0x10, 0x11, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c,
                0x03, 0x23, 0x00, 0x01, 0x00, 0x01, 'x'), "properties",
                Rule.PROPERTIES_NOT_ALLOWED, 13, 1, "5.0 §2.2.2.2").message()).contains("Topic Alias")
                .contains("not allowed in CONNECT");
    }

    @Test
    void decode_50_unknown_property() {
        assertThat(error(decode(5, CLIENT, 0x10, 0x0f, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c,
                0x01, 0x7f, 0x00, 0x01, 'x'), "properties",
                Rule.PROPERTIES_UNKNOWN, 13, 1, "5.0 §2.2.2.2").message()).contains("unknown property identifier 0x7f");
    }

    @Test
    void decode_50_property_length_overruns() {
        assertThat(error(decode(5, CLIENT, 0x10, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c,
                0x40, 0x00, 0x01, 'x'), "properties",
                Rule.PROPERTIES_OVERRUN, 12, 4, "5.0 §2.2.2.1").message()).contains("runs past the end");
    }

    @Test
    void decode_50_receive_maximum_zero() {
        error(decode(5, CLIENT, 0x10, 0x11, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c,
                0x03, 0x21, 0x00, 0x00, 0x00, 0x01, 'x'), "properties",
                Rule.PROPERTIES_RECEIVE_MAXIMUM_ZERO, 13, 3, "5.0 §3.1.2.11.3");
    }

    @Test
    void decode_50_request_problem_information_2() {
        error(decode(5, CLIENT, 0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c,
                0x02, 0x17, 0x02, 0x00, 0x01, 'x'), "properties",
                Rule.PROPERTIES_NOT_BOOLEAN, 14, 1, "5.0 §3 (Request Problem Information)");
    }

    @Test
    void decode_50_will_properties() {
        DecodedPacket p = clean(decode(5, CLIENT, 0x10, 0x19, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x06, 0x00, 0x3c,
                0x00, 0x00, 0x01, 'x',
                //   will properties: will delay interval 5
                0x05, 0x18, 0x00, 0x00, 0x00, 0x05,
                0x00, 0x01, 't', 0x00, 0x00), PacketType.CONNECT);
        assertThat(Wire.field(p, "will_properties").children().get(0).name()).isEqualTo("will_delay_interval");
    }

    @Test
    void decode_truncated() {
        Finding f = error(decode(4, CLIENT, 0x10, 0x16, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04), "remaining_length",
                Rule.REMAINING_LENGTH_TRUNCATED, 1, 1, "3.1.1 §2.2.3");
        assertThat(f.message()).contains("declares 22 but only 7 bytes present");
    }

    @Test
    void decode_31_client_id_longer_than_23_characters() {
        // MQTT 3.1 §3.1: the Client Identifier is 1 to 23 characters; a 3.1 broker answers CONNACK 2.
        int[] head = {0x10, 0x26,
                0x00, 0x06, 'M', 'Q', 'I', 's', 'd', 'p', 0x03,
                0x02, 0x00, 0x3c,
                //   client id: 24 x 'a'
                0x00, 0x18};
        int[] all = java.util.Arrays.copyOf(head, head.length + 24);
        java.util.Arrays.fill(all, head.length, all.length, 'a');
        Finding f = error(decode(3, CLIENT, all), "client_id",
                Rule.CONNECT_CLIENT_ID_TOO_LONG_31, 14, 26, "3.1 §3.1 (Client Identifier)");
        assertThat(f.offset()).isEqualTo(14);
        assertThat(f.message()).contains("24 characters");
        // 23 characters is fine
        int[] ok = java.util.Arrays.copyOf(all, all.length - 1);
        ok[1] = 0x25;
        ok[15] = 23;
        clean(decode(3, CLIENT, ok), PacketType.CONNECT);
    }

    @Test
    void decode_50_will_payload_format_utf8_but_payload_is_not() {
        Finding f = error(decode(5, CLIENT, 0x10, 0x17, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05,
                //   flags: will, clean start; keep alive; no properties
                0x06, 0x00, 0x3c, 0x00,
                //   client id "x"
                0x00, 0x01, 'x',
                //   will properties: payload format indicator 1
                0x02, 0x01, 0x01,
                //   will topic "t", will payload ff (never valid in UTF-8)
                0x00, 0x01, 't', 0x00, 0x01, 0xff), "will_payload",
                Rule.WILL_PAYLOAD_NOT_UTF8, 24, 1, "5.0 §3.1.3.2.3 [MQTT-3.1.3-9]");
        assertThat(f.offset()).isEqualTo(24);
        assertThat(f.spec()).contains("[MQTT-3.1.3-9]");
    }

    @Test
    void decode_mosquitto_bridge_level_with_bit_7() {
        // level 0x84: a mosquitto bridge (try_private) speaking 3.1.1; decodable, but non-standard
        DecodedPacket p = decode(4, CLIENT, 0x10, 0x0f, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x84,
                0x02, 0x00, 0x3c, 0x00, 0x03, 'b', 'r', 'g');
        Finding f = Wire.blames(p, Severity.WARNING, "protocol_level",
                Rule.CONNECT_BRIDGE_LEVEL, 8, 1, "3.1.1 §3.1.2.2 [MQTT-3.1.2-2]");
        assertThat(f.message()).contains("mosquitto bridge");
        assertThat(p.protocolVersion()).isEqualTo(4);
        assertThat(value(p, "client_id")).isEqualTo("brg");
    }

    @Test
    void decode_remaining_length_0() {
        // 10 00: like 30 00 or 82 00, a remaining_length too small for the first field is the root cause
        error(decode(4, CLIENT, 0x10, 0x00), "remaining_length", Rule.REMAINING_LENGTH_TOO_SMALL, 1, 1, "3.1.1 §3.1.1");
    }
}
