package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;

import org.junit.jupiter.api.Test;

/** PINGRESP: fixed header only. */
class PingRespTest {

    @Test
    void decode() {
        clean(Wire.decode(4, BROKER,
                // fixed header
                0xd0,
                //   remaining length 0
                0x00), PacketType.PINGRESP);
    }

    @Test
    void decode_50() {
        clean(Wire.decode(5, BROKER, 0xd0, 0x00), PacketType.PINGRESP);
    }

    @Test
    void decode_wrong_flags() {
        error(Wire.decode(4, BROKER, 0xd0 | 0x01, 0x00), "header_flags");
    }

    @Test
    void decode_remaining_length_1() {
        error(Wire.decode(4, BROKER, 0xd0, 0x01, 0x00), "remaining_length");
    }

    @Test
    void decode_wrong_direction() {
        error(Wire.decode(4, CLIENT, 0xd0, 0x00), "packet_type");
    }

    @Test
    void decode_truncated() {
        error(Wire.decode(4, BROKER, 0xd0), "remaining_length");
    }
}
