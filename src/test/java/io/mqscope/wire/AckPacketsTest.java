package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.breaks;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PUBACK, PUBREC, PUBREL and PUBCOMP share one layout (3.1.1 §3.4-3.7, 5.0 §3.4-3.7): packet identifier, then in
 * 5.0 an optional reason code and properties. One test per rule, run for each of the four.
 */
class AckPacketsTest {

    /** What tells the four apart: the first byte, who sends them, and a reason code each accepts or refuses. */
    enum Ack {
        PUBACK(0x40, BROKER, 0x10, 0x92),
        PUBREC(0x50, BROKER, 0x10, 0x92),
        PUBREL(0x62, CLIENT, 0x92, 0x10),
        PUBCOMP(0x70, BROKER, 0x92, 0x10);

        final int first;
        final Direction from;
        final int validCode;
        final int invalidCode;

        Ack(int first, Direction from, int validCode, int invalidCode) {
            this.first = first;
            this.from = from;
            this.validCode = validCode;
            this.invalidCode = invalidCode;
        }

        PacketType type() {
            return PacketType.valueOf(name());
        }

        /** The section of the spec, e.g. 4 for PUBACK (§3.4). */
        int section() {
            return first >> 4;
        }
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void decode_311(Ack a) {
        DecodedPacket p = clean(decode(4, a.from,
                // fixed header
                a.first,
                //   remaining length
                0x02,
                // variable header
                //   packet identifier 1
                0x00, 0x01), a.type());
        assertThat(value(p, "packet_id")).isEqualTo(1);
        assertThat(Wire.field(p, "packet_id").offset()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void decode_wrong_header_flags(Ack a) {
        DecodedPacket p = decode(4, a.from,
                // fixed header: the flags of PUBREL 0010 on the others, 0000 on PUBREL
                a.first ^ 0x02,
                //   remaining length
                0x02,
                //   packet identifier 1
                0x00, 0x01);
        if (a == Ack.PUBREL) {
            breaks(p, Rule.HEADER_FLAGS_0010, 0, 1, "3.1.1 §3.6.1 [MQTT-3.6.1-1]");
        } else {
            breaks(p, Rule.HEADER_FLAGS_RESERVED, 0, 1, "3.1.1 §2.2.2 [MQTT-2.2.2-1] [MQTT-2.2.2-2]");
        }
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void decode_packet_id_0(Ack a) {
        Finding f = breaks(decode(4, a.from,
                a.first, 0x02,
                //   packet identifier 0
                0x00, 0x00), Rule.PACKET_ID_ZERO, 2, 2, "3.1.1 §2.3.1 [MQTT-2.3.1-1]");
        assertThat(f.message()).isEqualTo("packet_id 0 in " + a.name() + "; packet identifiers must be non-zero");
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void decode_remaining_length_too_small_for_packet_id(Ack a) {
        DecodedPacket p = decode(4, a.from,
                a.first,
                //   remaining length 1: the packet identifier needs 2
                0x01,
                0x00);
        breaks(p, Rule.REMAINING_LENGTH_TOO_SMALL, 1, 1, "3.1.1 §3." + a.section() + ".1");
        assertThat(p.findings().get(1).rule()).isEqualTo(Rule.FIELD_CUT_SHORT);
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void decode_311_remaining_length_3(Ack a) {
        Finding f = breaks(decode(4, a.from,
                a.first,
                //   remaining length 3: 3.1.1 has no reason code
                0x03,
                0x00, 0x01,
                0x00), Rule.REMAINING_LENGTH_FIXED, 1, 1, "3.1.1 §3." + a.section() + ".1");
        assertThat(f.message()).isEqualTo(a.name() + " has remaining_length 2 in MQTT 3.1.1, not 3");
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void decode_50_short_form(Ack a) {
        DecodedPacket p = clean(decode(5, a.from, a.first, 0x02, 0x00, 0x01), a.type());
        assertThat(value(p, "reason_code")).isEqualTo(0);
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void decode_50_reason_code(Ack a) {
        DecodedPacket p = clean(decode(5, a.from,
                a.first, 0x03,
                //   packet identifier
                0x00, 0x01,
                //   reason code
                a.validCode), a.type());
        assertThat(value(p, "reason_code")).isEqualTo(a.validCode);
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void decode_50_reason_string(Ack a) {
        DecodedPacket p = clean(decode(5, a.from,
                a.first, 0x09,
                0x00, 0x01,
                a.validCode,
                //   properties length 5
                0x05,
                //     reason string "no"
                0x1f, 0x00, 0x02, 'n', 'o'), a.type());
        assertThat(value(p, "reason_string")).isEqualTo("no");
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void decode_50_reason_code_not_valid_here(Ack a) {
        breaks(decode(5, a.from,
                a.first, 0x03,
                0x00, 0x01,
                //   reason code the packet type does not allow
                a.invalidCode), Rule.REASON_CODE_NOT_ALLOWED, 4, 1, "5.0 §2.4 Table 2-6");
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void decode_50_property_not_allowed(Ack a) {
        Finding f = breaks(decode(5, a.from,
                a.first, 0x06,
                0x00, 0x01,
                0x00,
                //   properties length 2
                0x02,
                //     topic alias (PUBLISH only)
                0x23, 0x01), Rule.PROPERTIES_NOT_ALLOWED, 6, 1, "5.0 §2.2.2.2");
        assertThat(f.message()).isEqualTo("property 0x23 (Topic Alias) is not allowed in " + a.name()
                + ": Protocol Error");
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void decode_50_bytes_after_the_properties(Ack a) {
        Finding f = breaks(decode(5, a.from,
                a.first, 0x05,
                0x00, 0x01,
                0x00,
                //   properties length 0
                0x00,
                //   one byte too many
                0xff), Rule.PROPERTIES_TRAILING_BYTES, 6, 1, "5.0 §3." + a.section() + ".2");
        assertThat(f.message()).isEqualTo("1 byte left after the " + a.name() + " properties");
    }
}
