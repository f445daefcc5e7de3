package io.mqscope.wire;

import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.clean;
import static io.mqscope.wire.Wire.decode;
import static io.mqscope.wire.Wire.error;
import static io.mqscope.wire.Wire.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** AUTH (5.0 §3.15), and type 15 as RESERVED15 in 3.1.1. */
class AuthTest {

    @Test
    void decode_50_empty() {
        DecodedPacket p = clean(decode(5, CLIENT,
                // fixed header
                0xf0, 0x00), PacketType.AUTH);
        assertThat(value(p, "reason_code")).isEqualTo(0);
    }

    @Test
    void decode_50_continue_with_method() {
        DecodedPacket p = clean(decode(5, CLIENT,
                0xf0, 0x09,
                //   reason code: continue authentication
                0x18,
                //   properties length 7: authentication method "SCRAM"... shortened to "abcd"
                0x07, 0x15, 0x00, 0x04, 'a', 'b', 'c', 'd'), PacketType.AUTH);
        assertThat(value(p, "authentication_method")).isEqualTo("abcd");
    }

    @Test
    void decode_50_invalid_reason() {
        error(decode(5, CLIENT, 0xf0, 0x02, 0x80, 0x00), "reason_code",
                Rule.REASON_CODE_NOT_ALLOWED, 2, 1, "5.0 §2.4 Table 2-6");
    }

    @Test
    void decode_50_wrong_flags() {
        error(decode(5, CLIENT, 0xf1, 0x00), "header_flags", Rule.HEADER_FLAGS_RESERVED, 0, 1, "5.0 §2.1.3");
    }

    @Test
    void decode_50_property_not_allowed() {
        error(decode(5, CLIENT, 0xf0, 0x04, 0x18, 0x02, 0x24, 0x01), "properties",
                Rule.PROPERTIES_NOT_ALLOWED, 4, 1, "5.0 §2.2.2.2");
    }

    @Test
    void decode_311_is_reserved() {
        DecodedPacket p = decode(4, CLIENT, 0xf0, 0x00);
        assertThat(p.type()).isEqualTo(PacketType.RESERVED15);
        error(p, "packet_type", Rule.PACKET_TYPE_RESERVED_15, 0, 1, "3.1.1 §2.2.1 Table 2.1");
    }

    @Test
    void decode_50_continue_without_authentication_method() {
        // 5.0 §3.15.2.2.2: the Authentication Method must be present
        Finding f = error(decode(5, CLIENT, 0xf0, 0x02,
                //   reason code: continue authentication; property length 0
                0x18, 0x00), "properties", Rule.AUTH_MISSING_METHOD, 3, 1, "5.0 §3.15.2.2.2");
        assertThat(f.spec()).contains("3.15.2.2.2");
        // the one-byte form (reason code only) has no properties, hence no method either
        error(decode(5, CLIENT, 0xf0, 0x01, 0x19), "properties", Rule.AUTH_MISSING_METHOD, 3, 0, "5.0 §3.15.2.2.2");
    }
}
