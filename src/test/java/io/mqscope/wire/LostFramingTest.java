package io.mqscope.wire;

import static io.mqscope.wire.Wire.CLIENT;
import static io.mqscope.wire.Wire.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Finding the framing again is linear in the input (issue 13 item 2), measured as work done (positions examined
 * plus bytes of candidate packets decoded), never as wall time.
 */
class LostFramingTest {

    /**
     * Lost framing ({@code 30 ff ff ff ff 7f}: a 5-byte Remaining Length), then 5-byte units {@code 30 r r r 00}: each
     * unit starts a PUBLISH of Remaining Length {@code declared} whose end falls on another unit's {@code 30}, so
     * each one passes the cheap checks and is malformed only when decoded (its topic holds a NUL byte).
     */
    static byte[] crafted(int size, int declared) {
        assertThat((4 + declared) % 5).as("the candidate's end falls on a unit").isZero();
        byte[] unit = bytes(0x30, declared & 0x7f | 0x80, declared >> 7 & 0x7f | 0x80, declared >> 14, 0x00);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(bytes(0x30, 0xff, 0xff, 0xff, 0xff, 0x7f));
        while (out.size() + unit.length <= size) {
            out.writeBytes(unit);
        }
        return out.toByteArray();
    }

    /** Each candidate declares half the input, so an unbounded search would decode about n * n / 20 bytes. */
    static StreamDecoder decodeHalfLength(int size) {
        int declared = size / 2 / 5 * 5 + 1; // 4 + declared is a multiple of 5
        byte[] b = crafted(size, declared);
        StreamDecoder d = new StreamDecoder(CLIENT, 4).expectConnectionStart(false);
        List<DecodedPacket> out = d.decodeAll(b);
        assertThat(out).hasSize(1); // the lost framing's fixed header; the rest is skipped
        assertThat(d.streamFindings()).singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo(Rule.STREAM_SKIPPED_TO_END));
        return d;
    }

    @Test
    void resync_work_grows_linearly_with_the_input() {
        StreamDecoder one = decodeHalfLength(1 << 20);
        StreamDecoder four = decodeHalfLength(4 << 20);
        assertThat(one.resyncCandidates()).isPositive();
        double ratio = (double) four.resyncWork() / one.resyncWork();
        assertThat(ratio).as("work %d for 1 MiB, %d for 4 MiB", one.resyncWork(), four.resyncWork())
                .isBetween(3.0, 5.0);
        // The bound itself: at most WORK_PER_BYTE bytes decoded per byte skipped, plus one candidate.
        long n = 4 << 20;
        assertThat(four.resyncWork()).isLessThanOrEqualTo((LostFraming.WORK_PER_BYTE + 1) * n + n / 2 + 5);
    }

    @Test
    void the_crafted_input_of_the_issue_is_searched_in_bounded_work() {
        // 30 fd ff ff 03: a PUBLISH of 8 MiB + 5 bytes whose end is the start of another; 10 MB in all.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(0x30, 0xff, 0xff, 0xff, 0xff, 0x7f));
        byte[] unit = bytes(0x30, 0xfd, 0xff, 0xff, 0x03);
        while (out.size() < 10_000_000) {
            out.writeBytes(unit);
        }
        StreamDecoder d = new StreamDecoder(CLIENT, 4).expectConnectionStart(false);
        d.decodeAll(out.toByteArray());
        long n = out.size();
        assertThat(d.resyncWork()).isLessThanOrEqualTo((LostFraming.WORK_PER_BYTE + 1) * n + (8 << 20) + 10);
    }

    @Test
    void a_large_packet_right_after_the_lost_framing_is_still_found() {
        // The first candidate is always tried, whatever its size: a 1 MiB PUBLISH after the lost framing.
        int rl = 1 << 20;
        byte[] b = new byte[5 + 4 + rl + 2];
        System.arraycopy(bytes(0x30, 0xff, 0xff, 0xff, 0xff), 0, b, 0, 5);
        System.arraycopy(bytes(0x30, 0x80, 0x80, 0x40, 0x00, 0x01, 'a'), 0, b, 5, 7);
        System.arraycopy(bytes(0xc0, 0x00), 0, b, b.length - 2, 2);
        StreamDecoder d = new StreamDecoder(CLIENT, 4).expectConnectionStart(false);
        List<DecodedPacket> out = d.decodeAll(b);
        assertThat(out).extracting(DecodedPacket::type)
                .containsExactly(PacketType.PUBLISH, PacketType.PUBLISH, PacketType.PINGREQ);
        assertThat(out.get(1).malformed()).isFalse();
        assertThat(d.resyncCandidates()).isEqualTo(1);
    }
}
