package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static io.mqscope.wire.Wire.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PUBREC: 3.1.1 §3.5, 5.0 §3.5. */
class PubRecTest {

    @Test
    void decode_311() {
        DecodedPacket p = clean(decode(4, BROKER,
                // fixed header
                0x50,
                //   remaining length
                0x02,
                // variable header
                //   packet identifier 1
                0x00, 0x01), PacketType.PUBREC);
        assertThat(value(p, "packet_id")).isEqualTo(1);
        assertThat(Wire.field(p, "packet_id").offset()).isEqualTo(2);
    }

    @Test
    void decode_wrong_header_flags() {
        error(decode(4, BROKER, 0x52, 0x02, 0x00, 0x01), "header_flags");
    }

    @Test
    void decode_packet_id_0() {
        error(decode(4, BROKER, 0x50, 0x02, 0x00, 0x00), "packet_id");
    }

    @Test
    void decode_remaining_length_too_small_for_packet_id() {
        error(decode(4, BROKER, 0x50, 0x01, 0x00), "remaining_length");
    }

    @Test
    void decode_311_remaining_length_3() {
        error(decode(4, BROKER, 0x50, 0x03, 0x00, 0x01, 0x00), "remaining_length");
    }

    @Test
    void decode_50_short_form() {
        DecodedPacket p = clean(decode(5, BROKER, 0x50, 0x02, 0x00, 0x01), PacketType.PUBREC);
        assertThat(value(p, "reason_code")).isEqualTo(0);
    }

    @Test
    void decode_50_reason_code() {
        DecodedPacket p = clean(decode(5, BROKER,
                0x50, 0x03,
                //   packet identifier
                0x00, 0x01,
                //   reason code
                0x10), PacketType.PUBREC);
        assertThat(value(p, "reason_code")).isEqualTo(0x10);
    }

    @Test
    void decode_50_reason_string() {
        DecodedPacket p = clean(decode(5, BROKER,
                0x50, 0x09,
                0x00, 0x01,
                0x10,
                //   properties length 5: reason string "no"
                0x05, 0x1f, 0x00, 0x02, 'n', 'o'), PacketType.PUBREC);
        assertThat(value(p, "reason_string")).isEqualTo("no");
    }

    @Test
    void decode_50_reason_code_not_valid_here() {
        error(decode(5, BROKER, 0x50, 0x03, 0x00, 0x01, 0x92), "reason_code");
    }

    @Test
    void decode_50_property_not_allowed() {
        error(decode(5, BROKER, 0x50, 0x06, 0x00, 0x01, 0x00, 0x02, 0x23, 0x01), "properties");
    }
}
