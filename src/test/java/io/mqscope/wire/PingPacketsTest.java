package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.breaks;
import static io.mqscope.wire.Wire.clean;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PINGREQ and PINGRESP: a fixed header only (3.1.1 §3.12-3.13, 5.0 §3.12-3.13). */
class PingPacketsTest {

    enum Ping {
        PINGREQ(0xc0, CLIENT, BROKER),
        PINGRESP(0xd0, BROKER, CLIENT);

        final int first;
        final Direction from;
        final Direction never;

        Ping(int first, Direction from, Direction never) {
            this.first = first;
            this.from = from;
            this.never = never;
        }

        PacketType type() {
            return PacketType.valueOf(name());
        }
    }

    @ParameterizedTest
    @EnumSource(Ping.class)
    void decode(Ping p) {
        clean(Wire.decode(4, p.from,
                // fixed header
                p.first,
                //   remaining length 0
                0x00), p.type());
    }

    @ParameterizedTest
    @EnumSource(Ping.class)
    void decode_50(Ping p) {
        clean(Wire.decode(5, p.from, p.first, 0x00), p.type());
    }

    @ParameterizedTest
    @EnumSource(Ping.class)
    void decode_wrong_flags(Ping p) {
        Finding f = breaks(Wire.decode(4, p.from,
                // fixed header with flags 0001
                p.first | 0x01,
                0x00), Rule.HEADER_FLAGS_RESERVED, 0, 1, "3.1.1 §2.2.2 [MQTT-2.2.2-1] [MQTT-2.2.2-2]");
        assertThat(f.message()).isEqualTo("reserved flags 0001 for " + p.name() + " must be 0000");
    }

    @ParameterizedTest
    @EnumSource(Ping.class)
    void decode_remaining_length_1(Ping p) {
        Finding f = breaks(Wire.decode(4, p.from,
                p.first,
                //   remaining length 1
                0x01,
                0x00), Rule.REMAINING_LENGTH_FIXED, 1, 1, "3.1.1 §3." + p.type().ordinal() + ".1");
        assertThat(f.message()).isEqualTo(p.name() + " has remaining_length 0 in MQTT 3.1.1, not 1");
    }

    @ParameterizedTest
    @EnumSource(Ping.class)
    void decode_50_remaining_length_1(Ping p) {
        breaks(Wire.decode(5, p.from, p.first, 0x01, 0x00), Rule.REMAINING_LENGTH_FIXED_5, 1, 1,
                "5.0 §3." + p.type().ordinal() + ".1");
    }

    @ParameterizedTest
    @EnumSource(Ping.class)
    void decode_wrong_direction(Ping p) {
        breaks(Wire.decode(4, p.never, p.first, 0x00), p == Ping.PINGREQ ? Rule.PACKET_TYPE_CLIENT_ONLY
                : Rule.PACKET_TYPE_BROKER_ONLY, 0, 1, "3.1.1 §2.2.1 Table 2.1");
    }

    @ParameterizedTest
    @EnumSource(Ping.class)
    void decode_truncated(Ping p) {
        breaks(Wire.decode(4, p.from,
                // fixed header without its remaining length
                p.first), Rule.REMAINING_LENGTH_MISSING, 1, 0, "3.1.1 §2.2.3");
    }
}
