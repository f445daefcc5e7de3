package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static io.mqscope.wire.Wire.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DISCONNECT: 3.1.1 §3.14, 5.0 §3.14. */
class DisconnectTest {

    @Test
    void decode_311() {
        clean(decode(4, CLIENT,
                // fixed header
                0xe0, 0x00), PacketType.DISCONNECT);
    }

    @Test
    void decode_311_from_broker() {
        error(decode(4, BROKER, 0xe0, 0x00), "packet_type",
                Rule.PACKET_TYPE_DISCONNECT_FROM_BROKER, 0, 1, "3.1.1 §2.2.1 Table 2.1");
    }

    @Test
    void decode_311_remaining_length_1() {
        error(decode(4, CLIENT, 0xe0, 0x01, 0x00), "remaining_length",
                Rule.REMAINING_LENGTH_FIXED, 1, 1, "3.1.1 §3.14.1");
    }

    @Test
    void decode_wrong_flags() {
        error(decode(4, CLIENT, 0xe4, 0x00), "header_flags",
                Rule.HEADER_FLAGS_RESERVED, 0, 1, "3.1.1 §2.2.2 [MQTT-2.2.2-1] [MQTT-2.2.2-2]");
    }

    @Test
    void decode_50_short_form_reason() {
        DecodedPacket p = clean(decode(5, CLIENT,
                0xe0, 0x01,
                //   reason code: disconnect with will message
                0x04), PacketType.DISCONNECT);
        assertThat(value(p, "reason_name")).isEqualTo("Disconnect with Will Message");
    }

    @Test
    void decode_50_normal_without_reason() {
        DecodedPacket p = clean(decode(5, CLIENT, 0xe0, 0x00), PacketType.DISCONNECT);
        assertThat(value(p, "reason_name")).isEqualTo("Normal disconnection");
    }

    @Test
    void decode_50_from_broker_is_fine() {
        clean(decode(5, BROKER, 0xe0, 0x02, 0x8b, 0x00), PacketType.DISCONNECT);
    }

    @Test
    void decode_50_invalid_reason() {
        error(decode(5, CLIENT, 0xe0, 0x01, 0x01), "reason_code",
                Rule.REASON_CODE_NOT_ALLOWED, 2, 1, "5.0 §2.4 Table 2-6");
    }

    @Test
    void decode_50_session_expiry_from_broker() {
        error(decode(5, BROKER, 0xe0, 0x07, 0x00, 0x05, 0x11, 0x00, 0x00, 0x00, 0x01), "properties",
                Rule.DISCONNECT_SESSION_EXPIRY_FROM_BROKER, 3, 6, "5.0 §3.14.2.2.2 [MQTT-3.14.2-2]");
    }

    @Test
    void decode_50_session_expiry_from_client() {
        clean(decode(5, CLIENT, 0xe0, 0x07, 0x00, 0x05, 0x11, 0x00, 0x00, 0x00, 0x01), PacketType.DISCONNECT);
    }

    @Test
    void decode_50_server_only_reason_from_client() {
        error(decode(5, CLIENT, 0xe0, 0x01, 0x8b), "reason_code",
                Rule.DISCONNECT_REASON_BROKER_ONLY, 2, 1, "5.0 §3.14.2.1");
    }

    @Test
    void decode_50_client_only_reason_from_broker() {
        error(decode(5, BROKER, 0xe0, 0x01, 0x04), "reason_code",
                Rule.DISCONNECT_REASON_CLIENT_ONLY, 2, 1, "5.0 §3.14.2.1");
    }
}
