package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static io.mqscope.wire.Wire.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CONNACK: 3.1.1 §3.2, 5.0 §3.2. */
class ConnackTest {

    @Test
    void decode_311_accepted() {
        DecodedPacket p = clean(decode(4, BROKER,
                // fixed header
                0x20, 0x02,
                //   connect acknowledge flags
                0x00,
                //   return code
                0x00), PacketType.CONNACK);
        assertThat(value(p, "session_present")).isEqualTo(false);
        assertThat(value(p, "return_code")).isEqualTo(0);
        assertThat(value(p, "return_code_name")).isEqualTo("Connection Accepted");
    }

    @Test
    void decode_311_not_authorized_session_present_0() {
        DecodedPacket p = clean(decode(4, BROKER, 0x20, 0x02, 0x00, 0x05), PacketType.CONNACK);
        assertThat(value(p, "return_code_name")).isEqualTo("Connection Refused, not authorized");
    }

    @Test
    void decode_311_reserved_return_code() {
        assertThat(error(decode(4, BROKER, 0x20, 0x02, 0x00, 0x06), "return_code",
                Rule.CONNACK_RETURN_CODE_RESERVED, 3, 1, "3.1.1 §3.2.2.3 Table 3.1").offset()).isEqualTo(3);
    }

    @Test
    void decode_311_reserved_ack_flags() {
        error(decode(4, BROKER, 0x20, 0x02, 0x02, 0x00), "ack_flags",
                Rule.CONNACK_RESERVED_FLAGS, 2, 1, "3.1.1 §3.2.2.1");
    }

    @Test
    void decode_311_session_present_with_error() {
        assertThat(error(decode(4, BROKER, 0x20, 0x02, 0x01, 0x05), "ack_flags",
                Rule.CONNACK_SESSION_PRESENT_ON_REFUSAL, 2, 1,
                "3.1.1 §3.2.2.2 [MQTT-3.2.2-4]").spec()).contains("[MQTT-3.2.2-4]");
    }

    @Test
    void decode_311_wrong_remaining_length() {
        error(decode(4, BROKER, 0x20, 0x03, 0x00, 0x00, 0x00), "remaining_length",
                Rule.REMAINING_LENGTH_FIXED, 1, 1, "3.1.1 §3.2.1");
    }

    @Test
    void decode_311_too_short() {
        error(decode(4, BROKER, 0x20, 0x01, 0x00), "remaining_length",
                Rule.REMAINING_LENGTH_TOO_SMALL, 1, 1, "3.1.1 §3.2.1");
    }

    @Test
    void decode_from_client() {
        error(decode(4, CLIENT, 0x20, 0x02, 0x00, 0x00), "packet_type",
                Rule.PACKET_TYPE_BROKER_ONLY, 0, 1, "3.1.1 §2.2.1 Table 2.1");
    }

    @Test
    void decode_wrong_header_flags() {
        error(decode(4, BROKER, 0x21, 0x02, 0x00, 0x00), "header_flags",
                Rule.HEADER_FLAGS_RESERVED, 0, 1, "3.1.1 §2.2.2 [MQTT-2.2.2-1] [MQTT-2.2.2-2]");
    }

    @Test
    void decode_50_properties() {
        DecodedPacket p = clean(decode(5, BROKER,
                0x20, 0x09,
                //   ack flags, reason code
                0x00, 0x00,
                //   properties length 6: topic alias maximum 10, receive maximum 20
                0x06, 0x22, 0x00, 0x0a, 0x21, 0x00, 0x14), PacketType.CONNACK);
        assertThat(value(p, "reason_name")).isEqualTo("Success");
        assertThat(value(p, "topic_alias_maximum")).isEqualTo(10);
    }

    @Test
    void decode_50_invalid_reason_code() {
        assertThat(error(decode(5, BROKER, 0x20, 0x03, 0x00, 0x04, 0x00), "reason_code",
                Rule.CONNACK_REASON_CODE_NOT_ALLOWED, 3, 1, "5.0 §3.2.2.2").message())
                .contains("not valid in CONNACK");
    }

    @Test
    void decode_50_session_present_with_error() {
        error(decode(5, BROKER, 0x20, 0x03, 0x01, 0x87, 0x00), "ack_flags",
                Rule.CONNACK_SESSION_PRESENT_ON_ERROR, 2, 1, "5.0 §3.2.2.1.1 [MQTT-3.2.2-6]");
    }

    @Test
    void decode_50_maximum_qos_2_is_an_error() {
        error(decode(5, BROKER, 0x20, 0x05, 0x00, 0x00, 0x02, 0x24, 0x02), "properties",
                Rule.PROPERTIES_NOT_BOOLEAN, 6, 1, "5.0 §3 (Maximum QoS)");
    }

    @Test
    void decode_50_property_not_allowed() {
        error(decode(5, BROKER, 0x20, 0x05, 0x00, 0x00, 0x02, 0x17, 0x01), "properties",
                Rule.PROPERTIES_NOT_ALLOWED, 5, 1, "5.0 §2.2.2.2");
    }

    @Test
    void decode_50_without_property_length() {
        // 5.0 §3.2.2.3: a 5.0 CONNACK has no short form, unlike PUBACK or DISCONNECT
        Finding f = error(decode(5, BROKER, 0x20, 0x02, 0x00, 0x00), "properties",
                Rule.CONNACK_MISSING_PROPERTIES, 4, 0, "5.0 §3.2.2.3.1");
        assertThat(f.offset()).isEqualTo(4);
    }

    @Test
    void decode_31_first_byte_is_unused() {
        // MQTT 3.1 has no session present flag: the first byte of the variable header is reserved and not used
        clean(decode(3, BROKER, 0x20, 0x02, 0x01, 0x05), PacketType.CONNACK);
    }
}
