package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static io.mqscope.wire.Wire.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** UNSUBACK: 3.1.1 §3.11, 5.0 §3.11. */
class UnsubAckTest {

    @Test
    void decode_311() {
        clean(decode(4, BROKER,
                // fixed header
                0xb0, 0x02,
                //   packet identifier 1
                0x00, 0x01), PacketType.UNSUBACK);
    }

    @Test
    void decode_311_remaining_length_3() {
        error(decode(4, BROKER, 0xb0, 0x03, 0x00, 0x01, 0x00), "remaining_length",
                Rule.REMAINING_LENGTH_FIXED, 1, 1, "3.1.1 §3.11.1");
    }

    @Test
    void decode_packet_id_0() {
        error(decode(4, BROKER, 0xb0, 0x02, 0x00, 0x00), "packet_id",
                Rule.PACKET_ID_ZERO, 2, 2, "3.1.1 §2.3.1 [MQTT-2.3.1-1]");
    }

    @Test
    void decode_wrong_flags() {
        error(decode(4, BROKER, 0xb2, 0x02, 0x00, 0x01), "header_flags",
                Rule.HEADER_FLAGS_RESERVED, 0, 1, "3.1.1 §2.2.2 [MQTT-2.2.2-1] [MQTT-2.2.2-2]");
    }

    @Test
    void decode_50_reason_codes() {
        DecodedPacket p = clean(decode(5, BROKER, 0xb0, 0x05, 0x00, 0x01, 0x00, 0x00, 0x11), PacketType.UNSUBACK);
        assertThat(value(p, "reason_codes")).isEqualTo(List.of(0, 0x11));
    }

    @Test
    void decode_50_invalid_reason_code() {
        error(decode(5, BROKER, 0xb0, 0x04, 0x00, 0x01, 0x00, 0x02), "reason_codes",
                Rule.REASON_CODES_NOT_ALLOWED, 5, 1, "5.0 §3.11.3");
    }

    @Test
    void decode_50_missing_reason_codes() {
        error(decode(5, BROKER, 0xb0, 0x03, 0x00, 0x01, 0x00), "reason_codes",
                Rule.REASON_CODES_MISSING, 5, 0, "5.0 §3.11.3");
    }
}
