package io.mqscope.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.wire.Direction;
import io.mqscope.wire.StreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PacketTap} reads each buffer where it is: a heap buffer in place (at its array offset), a direct one through
 * one reused array. Whatever the buffers and their split, the packets are the bytes a {@link StreamDecoder} fed
 * the whole stream decodes, and each event's wall-clock time is derived from its monotonic time.
 */
class PacketTapBuffersTest {

    // CONNECT (MQTT 3.1.1, client id "a"), then three QoS 0 PUBLISH to "a/b", then a PINGREQ
    private static final byte[] STREAM = HexFormat.of().parseHex(
            "100d00044d5154540402003c000161" // CONNECT: remaining length 13, "MQTT", level 4, keep alive 60, "a"
            + "30070003612f626869" // PUBLISH QoS 0: remaining length 7, topic "a/b", "hi"
            + "30070003612f62686a"
            + "30070003612f62686b"
            + "c000"); // PINGREQ

    @Test
    void heap_slices_direct_buffers_and_any_split_give_the_packets_of_the_whole_stream() {
        List<String> expected = new ArrayList<>();
        new StreamDecoder(Direction.CLIENT_TO_BROKER, 0).feed(STREAM, 0, STREAM.length,
                p -> expected.add(p.type() + " " + HexFormat.of().formatHex(p.raw()) + " " + p.findings()));
        assertThat(expected).hasSize(5);

        for (int split = 1; split < STREAM.length; split++) {
            List<String> seen = new ArrayList<>();
            PacketTap tap = tap(seen);
            // a heap buffer whose bytes start inside a larger array
            byte[] padded = new byte[split + 7];
            System.arraycopy(STREAM, 0, padded, 7, split);
            ByteBuf heap = Unpooled.wrappedBuffer(padded).slice(7, split);
            ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(STREAM.length - split);
            direct.writeBytes(STREAM, split, STREAM.length - split);
            try {
                tap.observe(heap);
                tap.observe(direct);
                assertThat(heap.readerIndex()).isZero();
                assertThat(direct.readerIndex()).isZero();
            } finally {
                heap.release();
                direct.release();
            }
            assertThat(seen).as("split at %d", split).isEqualTo(expected);
        }
    }

    @Test
    void a_direct_read_larger_than_the_reused_array_grows_it() {
        List<String> seen = new ArrayList<>();
        PacketTap tap = tap(seen);
        byte[] many = Arrays.copyOf(STREAM, 15);
        ByteBuf first = Unpooled.directBuffer().writeBytes(many);
        byte[] rest = new byte[STREAM.length - 15];
        System.arraycopy(STREAM, 15, rest, 0, rest.length);
        ByteBuf second = Unpooled.directBuffer().writeBytes(rest);
        tap.observe(first);
        tap.observe(second);
        first.release();
        second.release();
        assertThat(seen).hasSize(5);
        assertThat(tap.offset()).isEqualTo(STREAM.length);
    }

    @Test
    void event_times_follow_the_wall_clock_and_the_monotonic_spacing() {
        long t0 = System.nanoTime();
        Instant a = EventClock.wallTime(t0);
        Instant b = EventClock.wallTime(t0 + 250_000_000L);

        assertThat(Duration.between(a, Instant.now()).abs()).isLessThan(Duration.ofSeconds(2));
        assertThat(Duration.between(a, b)).isEqualTo(Duration.ofMillis(250));
    }

    private static PacketTap tap(List<String> seen) {
        RelayListener listener = new RelayListener() {
            @Override
            public void onPacket(PacketEvent e) {
                assertThat(Duration.between(e.time(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(2));
                seen.add(e.packet().type() + " " + HexFormat.of().formatHex(e.packet().raw()) + " "
                        + e.packet().findings());
            }
        };
        return new PacketTap("c1", Direction.CLIENT_TO_BROKER, listener, (type, value) -> { });
    }
}
