package io.mqscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random and mutated bytes never make the decoder throw, and every span lies inside the input. */
class DecoderPropertiesTest {

    /** Well-formed packets of several types and versions, to be mutated. */
    private static final byte[][] SEEDS = {
        StreamDecoderTest.CONNECT,
        StreamDecoderTest.CONNECT_V5,
        StreamDecoderTest.SUBSCRIBE,
        Wire.bytes(0x30, 0x07, 0x00, 0x03, 'a', '/', 'b', 0x68, 0x69),
        Wire.bytes(0x32, 0x0f, 0x00, 0x01, 'a', 0x00, 0x01, 0x08, 0x01, 0x01, 0x03, 0x00, 0x03, 'a', '/', 'j', '{'),
        Wire.bytes(0x20, 0x09, 0x00, 0x00, 0x06, 0x22, 0x00, 0x0a, 0x21, 0x00, 0x14),
        Wire.bytes(0x90, 0x04, 0x00, 0x01, 0x01, 0x80),
        Wire.bytes(0xa2, 0x07, 0x00, 0x01, 0x00, 0x03, 'a', '/', 'b'),
        Wire.bytes(0xe0, 0x07, 0x00, 0x05, 0x11, 0x00, 0x00, 0x00, 0x01),
        Wire.bytes(0xf0, 0x09, 0x18, 0x07, 0x15, 0x00, 0x04, 'a', 'b', 'c', 'd'),
        Wire.bytes(0x10, 0x1a, 0x00, 0x00, 0x00, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0xc2, 0x00, 0x3c, 0x00, 0x0a,
                'c', 'n', '.', 'l', 'o', 'k', 'e', 'i', '-', '1', 0x00, 0x00, 0x00, 0x00),
    };

    @Property(tries = 3000)
    void random_bytes_never_throw(@ForAll @Size(max = 80) byte[] bytes, @ForAll @IntRange(min = 0, max = 5) int v,
                                  @ForAll boolean fromClient, @ForAll @IntRange(min = 1, max = 9) int piece) {
        check(bytes, v, fromClient, piece);
    }

    @Property(tries = 3000)
    void mutated_packets_never_throw(@ForAll("mutated") byte[] bytes, @ForAll @IntRange(min = 0, max = 5) int v,
                                     @ForAll boolean fromClient, @ForAll @IntRange(min = 1, max = 9) int piece) {
        check(bytes, v, fromClient, piece);
    }

    @Property(tries = 1000)
    void single_packets_never_throw(@ForAll("mutated") byte[] bytes, @ForAll @IntRange(min = 3, max = 5) int v) {
        if (bytes.length == 0) {
            return;
        }
        DecodedPacket p = PacketDecoder.decode(bytes, v, null);
        Wire.spansInside(p);
        HexDump.attribute(p);
        Summary.of(p);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<Integer> seed = Arbitraries.integers().between(0, SEEDS.length - 1);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 200);
        Arbitrary<Integer> value = Arbitraries.integers().between(0, 255);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
        return Combinators.combine(seed, Arbitraries.integers().between(1, 4).list().ofSize(3), position, value,
                kind).as((s, counts, pos, val, k) -> {
                    byte[] b = SEEDS[s].clone();
                    for (int n = 0; n < counts.get(0); n++) {
                        b = mutate(b, (pos + n * 7) % Math.max(1, b.length), val + n, k);
                    }
                    return b;
                });
    }

    private static byte[] mutate(byte[] b, int pos, int val, int kind) {
        if (b.length == 0) {
            return b;
        }
        switch (kind) {
            case 0 -> b[pos] = (byte) val;
            case 1 -> b[pos] ^= (byte) (1 << (val & 7));
            case 2 -> b = java.util.Arrays.copyOf(b, pos);
            case 3 -> {
                byte[] c = new byte[b.length + 1];
                System.arraycopy(b, 0, c, 0, pos);
                c[pos] = (byte) val;
                System.arraycopy(b, pos, c, pos + 1, b.length - pos);
                b = c;
            }
            default -> {
                byte[] c = new byte[b.length - 1];
                System.arraycopy(b, 0, c, 0, pos);
                System.arraycopy(b, pos + 1, c, pos, b.length - pos - 1);
                b = c;
            }
        }
        return b;
    }

    private static void check(byte[] bytes, int v, boolean fromClient, int piece) {
        Direction dir = fromClient ? Direction.CLIENT_TO_BROKER : Direction.BROKER_TO_CLIENT;
        StreamDecoder d = new StreamDecoder(dir, v == 1 || v == 2 ? 0 : v);
        List<DecodedPacket> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += piece) {
            d.feed(bytes, i, Math.min(piece, bytes.length - i), out::add);
        }
        d.finish(out::add);
        long total = 0;
        for (DecodedPacket p : out) {
            // Packets follow each other; only bytes skipped after lost framing leave a gap.
            assertThat(p.offset()).isGreaterThanOrEqualTo(total);
            total = p.offset() + p.length();
            Wire.spansInside(p);
            assertThat(p.type()).isNotNull();
            Field[] owners = HexDump.attribute(p);
            assertThat(owners).hasSize(p.length());
        }
        assertThat(total).as("every byte is in a packet or reported as undecoded").isLessThanOrEqualTo(bytes.length);
        for (Finding f : d.streamFindings()) {
            assertThat(f.offset()).isBetween(0, bytes.length);
            assertThat(f.offset() + f.length()).isBetween(0, bytes.length);
        }
    }
}
