package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.breaks;
import static io.mqscope.wire.Wire.bytes;
import static io.mqscope.wire.Wire.decode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per rule that the packet-type tests do not pin down: the rule's id, the span it blames and the spec
 * reference it cites, on hand-annotated bytes.
 */
class RuleSpansTest {

    // ---- Remaining Length (3.1.1 §2.2.3, 5.0 §2.1.4) ----

    @Test
    void remaining_length_declares_more_than_present() {
        Finding f = breaks(decode(4, BROKER,
                // fixed header: PUBACK
                0x40,
                //   remaining length 2
                0x02,
                //   packet identifier, cut after one byte
                0x00), Rule.REMAINING_LENGTH_TRUNCATED, 1, 1, "3.1.1 §2.2.3");
        assertThat(f.message()).isEqualTo("remaining_length declares 2 but only 1 bytes present (1 missing): the "
                + "packet is truncated");
    }

    @Test
    void remaining_length_declares_less_than_present() {
        Finding f = breaks(decode(5, BROKER,
                // fixed header: PUBACK
                0x40,
                //   remaining length 2
                0x02,
                //   packet identifier 1
                0x00, 0x01,
                // two bytes beyond the declared end
                0x00, 0x00), Rule.REMAINING_LENGTH_EXTRA_BYTES, 1, 1, "5.0 §2.1.4");
        assertThat(f.message()).endsWith("(2 extra bytes)");
    }

    @Test
    void remaining_length_longer_than_4_bytes() {
        breaks(decode(4, CLIENT,
                // fixed header: PINGREQ
                0xc0,
                //   remaining length: four bytes, the fourth still with the continuation bit
                0x80, 0x80, 0x80, 0x80,
                0x01), Rule.REMAINING_LENGTH_TOO_LONG, 1, 4, "3.1.1 §2.2.3");
    }

    @Test
    void remaining_length_cut_short() {
        breaks(decode(4, CLIENT,
                // fixed header: PUBLISH
                0x30,
                //   remaining length whose only byte has the continuation bit
                0x80), Rule.REMAINING_LENGTH_CUT_SHORT, 1, 1, "3.1.1 §2.2.3");
    }

    @Test
    void remaining_length_padded_is_an_error_in_5() {
        Finding f = breaks(decode(5, CLIENT,
                // fixed header: PINGREQ
                0xc0,
                //   remaining length 0 written in two bytes
                0x80, 0x00), Rule.REMAINING_LENGTH_PADDED, 1, 2, "5.0 §1.5.5 [MQTT-1.5.5-1]");
        assertThat(f.message()).contains("value 0 encoded in 2 bytes (80 00), minimal is 00 (1 byte)");
    }

    @Test
    void remaining_length_padded_is_a_warning_in_311() {
        breaks(decode(4, CLIENT, 0xc0, 0x80, 0x00), Rule.REMAINING_LENGTH_PADDED_311, 1, 2, "3.1.1 §2.2.3");
    }

    // ---- data types (3.1.1 §1.5, 5.0 §1.5) ----

    @Test
    void string_runs_past_the_end() {
        Finding f = breaks(decode(4, CLIENT,
                // fixed header: PUBLISH QoS 0
                0x30,
                //   remaining length 4
                0x04,
                // variable header
                //   topic length 9, but only 2 bytes follow
                0x00, 0x09, 'a', '/'), Rule.STRING_OVERRUN, 2, 4, "3.1.1 §1.5.3");
        assertThat(f.field()).isEqualTo("topic");
        assertThat(f.message()).isEqualTo("topic length 9 runs past the end of the packet (only 2 bytes left)");
    }

    @Test
    void binary_runs_past_the_end() {
        breaks(decode(4, CLIENT,
                // fixed header: CONNECT
                0x10,
                //   remaining length 17
                0x11,
                //   protocol name "MQTT", level 4
                0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
                //   connect flags: password flag and user name flag
                0xc2,
                //   keep alive 60
                0x00, 0x3c,
                //   client id ""
                0x00, 0x00,
                //   user name ""
                0x00, 0x00,
                //   password length 5, one byte present
                0x00, 0x05, 'p'), Rule.BINARY_OVERRUN, 16, 3, "3.1.1 §1.5.3");
    }

    @Test
    void property_length_is_a_variable_byte_integer_cut_short() {
        breaks(decode(5, BROKER,
                // fixed header: PUBACK
                0x40,
                //   remaining length 4
                0x04,
                //   packet identifier 1, reason code 0
                0x00, 0x01, 0x00,
                //   property length whose only byte has the continuation bit
                0x80), Rule.VARINT_CUT_SHORT, 5, 1, "5.0 §1.5.5");
    }

    @Test
    void utf8_null_character() {
        breaks(decode(4, CLIENT,
                // fixed header: PUBLISH QoS 0
                0x30, 0x05,
                //   topic "a\0b"
                0x00, 0x03, 'a', 0x00, 'b'), Rule.UTF8_NULL_CHARACTER, 5, 1, "3.1.1 §1.5.3 [MQTT-1.5.3-2]");
    }

    @Test
    void utf8_surrogate() {
        breaks(decode(5, CLIENT,
                // fixed header: PUBLISH QoS 0
                0x30, 0x06,
                //   topic: ED A0 80 encodes U+D800, a surrogate
                0x00, 0x03, 0xed, 0xa0, 0x80,
                //   property length 0
                0x00), Rule.UTF8_SURROGATE, 4, 3, "5.0 §1.5.4 [MQTT-1.5.4-1]");
    }

    // ---- CONNECT (§3.1) ----

    @Test
    void connect_reserved_flag() {
        Finding f = breaks(decode(4, CLIENT,
                // fixed header: CONNECT
                0x10, 0x0c,
                //   protocol name "MQTT", level 4
                0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04,
                //   connect flags: clean session and the reserved bit 0
                0x03,
                //   keep alive 60
                0x00, 0x3c,
                //   client id ""
                0x00, 0x00), Rule.CONNECT_RESERVED_FLAG, 9, 1, "3.1.1 §3.1.2.3 [MQTT-3.1.2-3]");
        assertThat(f.rule().id()).isEqualTo("connect.reserved_flag");
    }

    @Test
    void connect_protocol_name() {
        breaks(decode(4, CLIENT,
                0x10, 0x0c,
                //   protocol name "MQTX"
                0x00, 0x04, 'M', 'Q', 'T', 'X', 0x04,
                0x02, 0x00, 0x3c, 0x00, 0x00), Rule.CONNECT_PROTOCOL_NAME, 2, 6, "3.1.1 §3.1.2.1 [MQTT-3.1.2-1]");
    }

    @Test
    void connect_will_qos_3() {
        breaks(decode(5, CLIENT,
                0x10, 0x0d,
                0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05,
                //   connect flags: will QoS 3 (bits 4-3), will flag, clean start
                0x1e,
                0x00, 0x3c,
                //   property length 0
                0x00,
                0x00, 0x00), Rule.CONNECT_WILL_QOS3, 9, 1, "5.0 §3.1.2.6 [MQTT-3.1.2-12]");
    }

    // ---- PUBLISH (§3.3) ----

    @Test
    void publish_qos_3() {
        breaks(decode(4, CLIENT,
                // fixed header: PUBLISH with both QoS bits set
                0x36, 0x05,
                0x00, 0x01, 'a',
                //   packet identifier 1
                0x00, 0x01), Rule.PUBLISH_QOS3, 0, 1, "3.1.1 §3.3.1.2 [MQTT-3.3.1-4]");
    }

    @Test
    void publish_dup_on_qos_0() {
        breaks(decode(4, CLIENT,
                // fixed header: PUBLISH, DUP set, QoS 0
                0x38, 0x03,
                0x00, 0x01, 'a'), Rule.PUBLISH_DUP_QOS0, 0, 1, "3.1.1 §3.3.1.1 [MQTT-3.3.1-2]");
    }

    @Test
    void topic_name_with_a_wildcard() {
        breaks(decode(4, CLIENT,
                0x30, 0x05,
                //   topic "a/+"
                0x00, 0x03, 'a', '/', '+'), Rule.TOPIC_NAME_WILDCARD, 6, 1, "3.1.1 §3.3.2.1 [MQTT-3.3.2-2]");
    }

    // ---- SUBSCRIBE (§3.8) ----

    @Test
    void topic_filter_with_a_misplaced_hash() {
        breaks(decode(4, CLIENT,
                // fixed header: SUBSCRIBE
                0x82, 0x07,
                //   packet identifier 1
                0x00, 0x01,
                //   topic filter "a#"
                0x00, 0x02, 'a', '#',
                //   requested QoS 0
                0x00), Rule.TOPIC_FILTER_MULTI_LEVEL_WILDCARD, 7, 1, "3.1.1 §4.7.1.2 [MQTT-4.7.1-2]");
    }

    @Test
    void subscribe_reserved_option_bits_in_5() {
        breaks(decode(5, CLIENT,
                0x82, 0x07,
                0x00, 0x01,
                //   property length 0
                0x00,
                //   topic filter "a"
                0x00, 0x01, 'a',
                //   subscription options with bit 7 set
                0x80), Rule.SUBSCRIBE_RESERVED_BITS, 8, 1, "5.0 §3.8.3.1 [MQTT-3.8.3-5]");
    }

    // ---- properties (5.0 §2.2.2) ----

    @Test
    void duplicate_property() {
        Finding f = breaks(decode(5, BROKER,
                // fixed header: PUBACK
                0x40, 0x0c,
                0x00, 0x01, 0x00,
                //   property length 8
                0x08,
                //     reason string "a"
                0x1f, 0x00, 0x01, 'a',
                //     reason string "b" again
                0x1f, 0x00, 0x01, 'b'), Rule.PROPERTIES_DUPLICATE, 10, 1, "5.0 §2.2.2.2");
        assertThat(f.message()).isEqualTo("duplicate property 0x1f (Reason String) in PUBACK: Protocol Error");
    }

    // ---- the stream ----

    @Test
    void second_connect_is_a_sequence_error() {
        byte[] connect = StreamDecoderTest.CONNECT;
        byte[] twice = new byte[connect.length * 2];
        System.arraycopy(connect, 0, twice, 0, connect.length);
        System.arraycopy(connect, 0, twice, connect.length, connect.length);
        List<DecodedPacket> ps = new StreamDecoder(CLIENT, 0).feed(twice);
        breaks(ps.get(1), Rule.SEQUENCE_SECOND_CONNECT, 0, 1, "3.1.1 §3.1 [MQTT-3.1.0-2]");
    }

    @Test
    void stream_ending_inside_a_packet() {
        StreamDecoder d = new StreamDecoder(CLIENT, 4).expectConnectionStart(false);
        // PINGREQ, then a PUBLISH whose remaining length 5 is followed by two bytes only
        d.feed(bytes(0xc0, 0x00, 0x30, 0x05, 0x00, 0x01));
        d.finish();
        Finding f = d.streamFindings().get(0);
        assertThat(f.rule()).isEqualTo(Rule.STREAM_TRUNCATED_DECLARED);
        assertThat(f.offset()).isEqualTo(2);
        assertThat(f.length()).isEqualTo(4);
        assertThat(f.spec()).isEqualTo("3.1.1 §2.2.3");
    }

    @Test
    void padded_remaining_length_is_diagnosed_with_its_rule() {
        DecodedPacket p = new StreamDecoder(CLIENT, 4).decodeAll(bytes(
                // fixed header: PINGREQ
                0xc0,
                //   remaining length 0, padded to 4 bytes
                0x00, 0x00, 0x00, 0x00)).get(0);
        Finding f = breaks(p, Rule.REMAINING_LENGTH_PADDED_LITERAL, 1, 1, "3.1.1 §2.2.3");
        // the literal reading's finding, extended by what the padding did
        assertThat(((Finding) f.args().get(0)).rule()).isEqualTo(Rule.REMAINING_LENGTH_EXTRA_BYTES);
        assertThat(f.message()).isEqualTo("remaining_length declares 0 but 3 bytes present (3 extra bytes); read "
                + "literally the body starts 00 00 00 ...");
        assertThat(p.cause().rule()).isEqualTo(Rule.DIAGNOSIS_PADDED_REMAINING_LENGTH);
        assertThat(p.repaired()).containsExactly(0xc0, 0x00);
    }

    @Test
    void padding_of_a_zero_length_packet_in_a_live_stream_is_its_own_packet() {
        StreamDecoder d = new StreamDecoder(CLIENT, 4).expectConnectionStart(false);
        List<DecodedPacket> first = d.feed(bytes(0xc0, 0x00));
        assertThat(first).extracting(DecodedPacket::type).containsExactly(PacketType.PINGREQ);
        DecodedPacket padding = d.feed(bytes(0x00, 0x00, 0x00)).get(0);
        breaks(padding, Rule.REMAINING_LENGTH_PADDING, 0, 3, "3.1.1 §2.2.3");
        assertThat(padding.cause().rule()).isEqualTo(Rule.DIAGNOSIS_PADDED_REMAINING_LENGTH);
    }
}
