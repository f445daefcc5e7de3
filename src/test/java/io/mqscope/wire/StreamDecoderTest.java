package io.mqscope.wire;

import static io.mqscope.wire.Wire.BROKER;
import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing in any split, several packets per chunk, sequence rules, version learning, truncation. */
class StreamDecoderTest {
    static final byte[] CONNECT = bytes(0x10, 0x16, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c,
            0x00, 0x0a, 'c', 'n', '.', 'l', 'o', 'k', 'e', 'i', '-', '1');
    static final byte[] CONNECT_V5 = bytes(0x10, 0x0e, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c,
            0x00, 0x00, 0x01, 'x');
    static final byte[] SUBSCRIBE = bytes(0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 'a', '/', 'b', 0x00);
    static final byte[] PINGREQ = bytes(0xc0, 0x00);

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static List<DecodedPacket> feedInPieces(StreamDecoder d, byte[] all, int piece) {
        List<DecodedPacket> out = new ArrayList<>();
        for (int i = 0; i < all.length; i += piece) {
            d.feed(all, i, Math.min(piece, all.length - i), out::add);
        }
        d.finish(out::add);
        return out;
    }

    @Test
    void three_packets_in_one_chunk() {
        StreamDecoder d = new StreamDecoder(CLIENT, 0);
        List<DecodedPacket> ps = d.feed(concat(CONNECT, SUBSCRIBE, PINGREQ));
        assertThat(ps).extracting(DecodedPacket::type)
                .containsExactly(PacketType.CONNECT, PacketType.SUBSCRIBE, PacketType.PINGREQ);
        assertThat(ps).extracting(DecodedPacket::offset).containsExactly(0L, 24L, 34L);
        assertThat(ps).extracting(DecodedPacket::index).containsExactly(0, 1, 2);
        assertThat(ps).noneMatch(DecodedPacket::malformed);
        assertThat(d.protocolVersion()).isEqualTo(4);
    }

    @Test
    void one_byte_at_a_time_gives_the_same_packets() {
        byte[] all = concat(CONNECT, SUBSCRIBE, PINGREQ, PINGREQ);
        List<DecodedPacket> whole = new StreamDecoder(CLIENT, 0).decodeAll(all);
        for (int piece = 1; piece <= 7; piece++) {
            List<DecodedPacket> split = feedInPieces(new StreamDecoder(CLIENT, 0), all, piece);
            assertThat(split).hasSameSizeAs(whole);
            for (int i = 0; i < whole.size(); i++) {
                assertThat(split.get(i).raw()).isEqualTo(whole.get(i).raw());
                assertThat(split.get(i).findings()).isEqualTo(whole.get(i).findings());
                assertThat(split.get(i).offset()).isEqualTo(whole.get(i).offset());
            }
        }
    }

    @Test
    void nothing_is_emitted_before_the_packet_is_complete() {
        StreamDecoder d = new StreamDecoder(CLIENT, 4);
        assertThat(d.feed(new byte[] {0x10})).isEmpty();
        assertThat(d.feed(new byte[] {0x16, 0x00})).isEmpty();
        assertThat(d.feed(java.util.Arrays.copyOfRange(CONNECT, 3, CONNECT.length))).hasSize(1);
    }

    @Test
    void learns_the_version_from_connect() {
        StreamDecoder d = new StreamDecoder(CLIENT, 0);
        d.feed(CONNECT_V5);
        assertThat(d.protocolVersion()).isEqualTo(5);
        // DISCONNECT with a reason code: valid only in 5.0
        List<DecodedPacket> ps = d.feed(bytes(0xe0, 0x01, 0x04));
        assertThat(ps.get(0).malformed()).isFalse();
        assertThat(ps.get(0).protocolVersion()).isEqualTo(5);
    }

    @Test
    void shared_version_is_used_by_the_other_direction() {
        StreamDecoder d = new StreamDecoder(BROKER, 0);
        d.setProtocolVersion(5);
        DecodedPacket p = d.feed(bytes(0x20, 0x03, 0x00, 0x00, 0x00)).get(0);
        assertThat(p.malformed()).isFalse();
        assertThat(p.protocolVersion()).isEqualTo(5);
    }

    @Test
    void unknown_version_falls_back_to_50_when_only_50_fits() {
        StreamDecoder d = new StreamDecoder(BROKER, 0).expectConnectionStart(false);
        DecodedPacket p = d.feed(bytes(0x20, 0x09, 0x00, 0x00, 0x06, 0x22, 0x00, 0x0a, 0x21, 0x00, 0x14)).get(0);
        assertThat(p.malformed()).isFalse();
        assertThat(p.protocolVersion()).isEqualTo(5);
        assertThat(p.findings()).anyMatch(f -> f.severity() == Severity.INFO && f.message().contains("5.0"));
        assertThat(d.protocolVersion()).isEqualTo(5);
        // a SUBACK that both versions could read is now read as 5.0: properties length 0, reason code 0x00
        DecodedPacket suback = d.feed(bytes(0x90, 0x04, 0x00, 0x01, 0x00, 0x00)).get(0);
        assertThat(Wire.value(suback, "reason_codes")).isEqualTo(List.of(0));
    }

    @Test
    void first_packet_must_be_connect() {
        DecodedPacket p = new StreamDecoder(CLIENT, 4).feed(PINGREQ).get(0);
        Finding f = Wire.error(p, "sequence", Rule.SEQUENCE_FIRST_NOT_CONNECT, 0, 1, "3.1.1 §3.1 [MQTT-3.1.0-1]");
        assertThat(f.spec()).contains("[MQTT-3.1.0-1]");
    }

    @Test
    void first_packet_from_broker_must_be_connack() {
        DecodedPacket p = new StreamDecoder(BROKER, 4).feed(bytes(0xd0, 0x00)).get(0);
        assertThat(Wire.error(p, "sequence",
                Rule.SEQUENCE_FIRST_NOT_CONNACK, 0, 1, "3.1.1 §3.2 [MQTT-3.2.0-1]").spec()).contains("[MQTT-3.2.0-1]");
    }

    @Test
    void fragments_need_not_start_with_connect() {
        DecodedPacket p = new StreamDecoder(CLIENT, 4).expectConnectionStart(false).feed(PINGREQ).get(0);
        assertThat(p.malformed()).isFalse();
    }

    @Test
    void second_connect_is_a_sequence_error() {
        List<DecodedPacket> ps = new StreamDecoder(CLIENT, 0).feed(concat(CONNECT, CONNECT));
        assertThat(ps.get(0).malformed()).isFalse();
        assertThat(Wire.error(ps.get(1), "sequence",
                Rule.SEQUENCE_SECOND_CONNECT, 0, 1, "3.1.1 §3.1 [MQTT-3.1.0-2]").spec()).contains("[MQTT-3.1.0-2]");
    }

    @Test
    void a_packet_after_disconnect_is_a_sequence_error() {
        // 3.1.1 [MQTT-3.14.4-2]: after DISCONNECT the client sends nothing more (e0 00, then a PINGREQ c0 00)
        List<DecodedPacket> ps = new StreamDecoder(CLIENT, 4).expectConnectionStart(false).feed(bytes(0xe0, 0x00,
                0xc0, 0x00));
        assertThat(ps.get(0).malformed()).isFalse();
        assertThat(Wire.error(ps.get(1), "sequence",
                Rule.SEQUENCE_AFTER_DISCONNECT, 0, 1,
                "3.1.1 §3.14.4 [MQTT-3.14.4-2]").spec()).contains("[MQTT-3.14.4-2]");
    }

    @Test
    void second_connack_is_a_sequence_error() {
        List<DecodedPacket> ps = new StreamDecoder(BROKER, 4).feed(bytes(0x20, 0x02, 0x00, 0x00, 0x20, 0x02,
                0x00, 0x00));
        Wire.error(ps.get(1), "sequence", Rule.SEQUENCE_SECOND_CONNACK, 0, 1, "3.1.1 §3.2");
    }

    @Test
    void connack_from_the_client_blames_the_packet_type() {
        DecodedPacket p = new StreamDecoder(CLIENT, 4).expectConnectionStart(false)
                .feed(bytes(0x20, 0x02, 0x00, 0x00)).get(0);
        Wire.error(p, "packet_type", Rule.PACKET_TYPE_BROKER_ONLY, 0, 1, "3.1.1 §2.2.1 Table 2.1");
    }

    @Test
    void pubrel_with_flags_0000() {
        DecodedPacket p = new StreamDecoder(CLIENT, 4).expectConnectionStart(false)
                .feed(bytes(0x60, 0x02, 0x00, 0x01)).get(0);
        assertThat(Wire.error(p, "header_flags",
                Rule.HEADER_FLAGS_0010, 0, 1, "3.1.1 §3.6.1 [MQTT-3.6.1-1]").spec()).contains("[MQTT-3.6.1-1]");
    }

    @Test
    void truncated_last_packet_is_reported_at_finish() {
        StreamDecoder d = new StreamDecoder(CLIENT, 4);
        assertThat(d.feed(java.util.Arrays.copyOf(CONNECT, 10))).isEmpty();
        List<DecodedPacket> rest = new ArrayList<>();
        d.finish(rest::add);
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).type()).isEqualTo(PacketType.CONNECT);
        Wire.error(rest.get(0), "remaining_length", Rule.REMAINING_LENGTH_TRUNCATED, 1, 1, "3.1.1 §2.2.3");
        assertThat(d.streamFindings()).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("ends inside a CONNECT");
            assertThat(f.length()).isEqualTo(10);
        });
    }

    @Test
    void finish_without_sink_still_reports() {
        StreamDecoder d = new StreamDecoder(CLIENT, 4);
        d.feed(bytes(0x30, 0x05, 0x00));
        d.finish();
        assertThat(d.streamFindings()).hasSize(1);
    }

    @Test
    void lost_framing_reports_the_garbage_and_resyncs_on_a_packet() {
        StreamDecoder d = new StreamDecoder(CLIENT, 4).expectConnectionStart(false);
        List<DecodedPacket> ps = new ArrayList<>(d.feed(bytes(0x30, 0xff, 0xff, 0xff, 0xff)));
        ps.addAll(d.feed(bytes(0x7f, 0x00, 0x99)));
        ps.addAll(d.feed(concat(SUBSCRIBE, PINGREQ)));
        d.finish(ps::add);
        assertThat(ps).extracting(DecodedPacket::type)
                .containsExactly(PacketType.PUBLISH, PacketType.SUBSCRIBE, PacketType.PINGREQ);
        Wire.error(ps.get(0), "remaining_length", Rule.REMAINING_LENGTH_TOO_LONG, 1, 4, "3.1.1 §2.2.3");
        assertThat(ps.get(1).malformed()).isFalse();
        assertThat(ps.get(1).offset()).isEqualTo(8);
        assertThat(d.streamFindings()).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("3 bytes after the lost framing").contains("found again");
            assertThat(f.offset()).isEqualTo(5);
        });
    }

    @Test
    void lost_framing_without_a_boundary_reports_the_rest_at_finish() {
        StreamDecoder d = new StreamDecoder(CLIENT, 4).expectConnectionStart(false);
        List<DecodedPacket> ps = new ArrayList<>(d.feed(bytes(0x30, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00)));
        d.finish(ps::add);
        assertThat(ps).hasSize(1);
        assertThat(d.streamFindings()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("2 bytes after the lost framing").contains("could be found again"));
    }

    @Test
    void offsets_continue_across_feeds() {
        StreamDecoder d = new StreamDecoder(CLIENT, 0);
        d.feed(CONNECT);
        assertThat(d.feed(PINGREQ).get(0).offset()).isEqualTo(24);
    }

    @Test
    void empty_feeds_are_harmless() {
        StreamDecoder d = new StreamDecoder(CLIENT, 0);
        assertThat(d.feed(new byte[0])).isEmpty();
        d.finish();
        assertThat(d.streamFindings()).isEmpty();
    }

    @Test
    void a_huge_declared_length_is_not_buffered() {
        StreamDecoder d = new StreamDecoder(CLIENT, 4).expectConnectionStart(false);
        // remaining length 268,435,455 (ff ff ff 7f), then a PINGREQ
        List<DecodedPacket> ps = new ArrayList<>(d.feed(bytes(0x30, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x01, 0xc0, 0x00)));
        d.finish(ps::add);
        // Only the fixed header is read, so nothing is said about the body (issue 13 item 13: it said "only 0
        // bytes present" with bytes following).
        assertThat(ps.get(0).findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.REMAINING_LENGTH_BEYOND_BUFFER);
            assertThat(f.message()).isEqualTo("remaining_length 268435455 is beyond what this decoder buffers "
                    + "(64 MiB): the framing is treated as lost");
        });
        assertThat(ps).extracting(DecodedPacket::type).endsWith(PacketType.PINGREQ);
    }

    @Test
    void a_stream_ending_inside_a_packet_compares_bytes_with_bytes() {
        StreamDecoder d = new StreamDecoder(CLIENT, 4).expectConnectionStart(false);
        d.decodeAll(bytes(0x30, 0x0b, 0x00, 0x03, 'a', '/', 'b', 'h', 'i'));
        assertThat(d.streamFindings()).singleElement().satisfies(f -> assertThat(f.message()).isEqualTo(
                "the stream ends inside a PUBLISH packet: 9 of its 13 bytes present (remaining_length declares 11 "
                        + "after the 2-byte fixed header)"));
        assertThat(d.streamFindings().get(0).message(java.util.Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("数据流在一个 PUBLISH 报文中途结束：它的 13 字节只有 9 字节（remaining_length 在 2 字节的固定报头之后"
                        + "声明了 11 字节）");
    }
}
