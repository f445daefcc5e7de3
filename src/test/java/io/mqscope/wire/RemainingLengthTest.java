package io.mqscope.wire;

import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.blames;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Remaining Length, a Variable Byte Integer: 3.1.1 §2.2.3, 5.0 §1.5.5 and §2.1.4. */
class RemainingLengthTest {

    @Test
    void non_minimal_is_a_warning_in_311() {
        Finding f = blames(decode(4, CLIENT,
                // fixed header
                0x30,
                //   remaining length 5 as 85 00 (minimal: 05)
                0x85, 0x00,
                0x00, 0x01, 'a', 'x', 'y'), Severity.WARNING, "remaining_length",
                Rule.REMAINING_LENGTH_PADDED_311, 1, 2, "3.1.1 §2.2.3");
        assertThat(f.message()).contains("value 5 encoded in 2 bytes (85 00), minimal is 05");
        assertThat(f.offset()).isEqualTo(1);
        assertThat(f.length()).isEqualTo(2);
    }

    @Test
    void non_minimal_is_an_error_in_50() {
        assertThat(error(decode(5, CLIENT, 0x30, 0x86, 0x00, 0x00, 0x01, 'a', 0x00, 'x', 'y'), "remaining_length",
                Rule.REMAINING_LENGTH_PADDED, 1, 2, "5.0 §1.5.5 [MQTT-1.5.5-1]")
                .spec()).contains("[MQTT-1.5.5-1]");
    }

    @Test
    void longer_than_4_bytes() {
        Finding f = error(decode(4, CLIENT, 0x30, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x03, 'a', '/', 'b', 'x'),
                "remaining_length", Rule.REMAINING_LENGTH_TOO_LONG, 1, 4, "3.1.1 §2.2.3");
        assertThat(f.message()).contains("longer than 4 bytes").contains("0xff");
    }

    @Test
    void more_bytes_than_declared() {
        assertThat(error(decode(4, CLIENT, 0xc0, 0x00, 0x00), "remaining_length",
                Rule.REMAINING_LENGTH_EXTRA_BYTES, 1, 1, "3.1.1 §2.2.3").message())
                .contains("declares 0 but 1 bytes present (1 extra byte)");
    }

    @Test
    void fewer_bytes_than_declared() {
        assertThat(error(decode(4, CLIENT, 0x30, 0x10, 0x00, 0x01, 'a'), "remaining_length",
                Rule.REMAINING_LENGTH_TRUNCATED, 1, 1, "3.1.1 §2.2.3").message())
                .contains("declares 16 but only 3 bytes present (13 missing)");
    }

    @Test
    void missing_entirely() {
        error(decode(4, CLIENT, 0x30), "remaining_length", Rule.REMAINING_LENGTH_MISSING, 1, 0, "3.1.1 §2.2.3");
    }

    @Test
    void cut_short() {
        error(decode(4, CLIENT, 0x30, 0x80), "remaining_length", Rule.REMAINING_LENGTH_CUT_SHORT, 1, 1, "3.1.1 §2.2.3");
    }

    @Test
    void largest_four_byte_value_is_decoded() {
        DecodedPacket p = decode(4, CLIENT, 0x30, 0xff, 0xff, 0xff, 0x7f);
        assertThat(p.remainingLength()).isEqualTo(268_435_455);
        error(p, "remaining_length", Rule.REMAINING_LENGTH_TRUNCATED, 1, 4, "3.1.1 §2.2.3");
    }
}
