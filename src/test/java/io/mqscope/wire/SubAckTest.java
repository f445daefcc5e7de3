package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static io.mqscope.wire.Wire.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SUBACK: 3.1.1 §3.9, 5.0 §3.9. */
class SubAckTest {

    @Test
    void decode_311_two_granted() {
        DecodedPacket p = clean(decode(4, BROKER,
                // fixed header
                0x90, 0x04,
                //   packet identifier 1
                0x00, 0x01,
                // payload: return codes
                0x01, 0x80), PacketType.SUBACK);
        assertThat(value(p, "return_codes")).isEqualTo(List.of(1, 0x80));
    }

    @Test
    void decode_311_invalid_return_code() {
        assertThat(error(decode(4, BROKER, 0x90, 0x04, 0x00, 0x01, 0x01, 0x03), "return_codes",
                Rule.RETURN_CODES_INVALID, 5, 1, "3.1.1 §3.9.3 [MQTT-3.9.3-2]").offset())
                .isEqualTo(5);
    }

    @Test
    void decode_no_return_codes() {
        error(decode(4, BROKER, 0x90, 0x02, 0x00, 0x01), "return_codes",
                Rule.RETURN_CODES_MISSING, 4, 0, "3.1.1 §3.9.3");
    }

    @Test
    void decode_wrong_flags() {
        error(decode(4, BROKER, 0x92, 0x03, 0x00, 0x01, 0x00), "header_flags",
                Rule.HEADER_FLAGS_RESERVED, 0, 1, "3.1.1 §2.2.2 [MQTT-2.2.2-1] [MQTT-2.2.2-2]");
    }

    @Test
    void decode_from_client() {
        error(decode(4, CLIENT, 0x90, 0x03, 0x00, 0x01, 0x00), "packet_type",
                Rule.PACKET_TYPE_BROKER_ONLY, 0, 1, "3.1.1 §2.2.1 Table 2.1");
    }

    @Test
    void decode_packet_id_0() {
        error(decode(4, BROKER, 0x90, 0x03, 0x00, 0x00, 0x00), "packet_id",
                Rule.PACKET_ID_ZERO, 2, 2, "3.1.1 §2.3.1 [MQTT-2.3.1-1]");
    }

    @Test
    void decode_50_reason_codes() {
        DecodedPacket p = clean(decode(5, BROKER, 0x90, 0x05, 0x00, 0x01, 0x00, 0x02, 0xa2), PacketType.SUBACK);
        assertThat(value(p, "reason_codes")).isEqualTo(List.of(2, 0xa2));
    }

    @Test
    void decode_50_reason_code_not_for_suback() {
        error(decode(5, BROKER, 0x90, 0x04, 0x00, 0x01, 0x00, 0x04), "reason_codes",
                Rule.REASON_CODES_NOT_ALLOWED, 5, 1, "5.0 §3.9.3");
    }
}
