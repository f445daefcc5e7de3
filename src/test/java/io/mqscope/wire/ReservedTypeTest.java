package io.mqscope.wire;

import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Packet type 0 (reserved in every version). */
class ReservedTypeTest {

    @Test
    void decode_type_0() {
        DecodedPacket p = decode(4, CLIENT,
                // fixed header: type 0
                0x00, 0x02,
                // body
                0x12, 0x34);
        assertThat(p.type()).isEqualTo(PacketType.RESERVED0);
        assertThat(error(p, "packet_type",
                Rule.PACKET_TYPE_RESERVED, 0, 1, "3.1.1 §2.2.1 Table 2.1").spec()).contains("Table 2.1");
        assertThat(Wire.value(p, "payload")).isEqualTo("1234");
    }

    @Test
    void decode_type_0_in_50() {
        assertThat(error(decode(5, CLIENT, 0x00, 0x00), "packet_type",
                Rule.PACKET_TYPE_RESERVED, 0, 1, "5.0 §2.1.2 Table 2-1").spec()).startsWith("5.0");
    }
}
