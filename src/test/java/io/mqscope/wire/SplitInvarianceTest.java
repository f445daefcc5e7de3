package io.mqscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The stream decoder gives the same packets and findings whatever the split of its input. */
class SplitInvarianceTest {

    @Property(tries = 3000)
    void random_bytes(@ForAll @Size(max = 80) byte[] bytes, @ForAll @IntRange(min = 0, max = 5) int v,
                      @ForAll boolean fromClient, @ForAll("cuts") List<Integer> cuts) {
        assertSameWhateverTheSplit(bytes, v, fromClient, cuts);
    }

    @Property(tries = 3000)
    void mutated_packets(@ForAll("mutated") byte[] bytes, @ForAll @IntRange(min = 0, max = 5) int v,
                         @ForAll boolean fromClient, @ForAll("cuts") List<Integer> cuts) {
        assertSameWhateverTheSplit(bytes, v, fromClient, cuts);
    }

    @Property(tries = 2000)
    void mutated_streams(@ForAll("streams") byte[] bytes, @ForAll @IntRange(min = 0, max = 5) int v,
                         @ForAll boolean fromClient, @ForAll("cuts") List<Integer> cuts) {
        assertSameWhateverTheSplit(bytes, v, fromClient, cuts);
    }

    /** The case the issue names: whole, one UNSUBACK; split after byte 2 it used to be UNSUBACK + RESERVED0. */
    @Example
    void unsuback_with_a_short_remaining_length() {
        byte[] b = Wire.bytes(0xb0, 0x00, 0x03, 0x00);
        assertSameWhateverTheSplit(b, 4, false, List.of(2));
        assertThat(decode(b, 4, false, List.of(2))).hasSize(1);
    }

    @Example
    void padded_zero_length_packet_split_anywhere() {
        byte[] b = Wire.bytes(0xc0, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00);
        for (int cut = 1; cut < b.length; cut++) {
            assertSameWhateverTheSplit(b, 4, true, List.of(cut));
        }
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 100).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return new DecoderPropertiesTest().mutated();
    }

    /** Two or three mutated packets in a row, as a stream carries them. */
    @Provide
    Arbitrary<byte[]> streams() {
        return mutated().list().ofMinSize(2).ofMaxSize(3).map(parts -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        });
    }

    private static void assertSameWhateverTheSplit(byte[] bytes, int v, boolean fromClient, List<Integer> cuts) {
        List<String> whole = decode(bytes, v, fromClient, List.of());
        List<String> split = decode(bytes, v, fromClient, cuts);
        assertThat(split).as("split at %s of %s", cuts, HexDump.hex(bytes, " ")).isEqualTo(whole);
    }

    /** Packets and stream findings, described completely, from feeding {@code bytes} cut at {@code cuts}. */
    private static List<String> decode(byte[] bytes, int v, boolean fromClient, List<Integer> cuts) {
        Direction dir = fromClient ? Direction.CLIENT_TO_BROKER : Direction.BROKER_TO_CLIENT;
        StreamDecoder d = new StreamDecoder(dir, v == 1 || v == 2 ? 0 : v);
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int cut : new TreeSet<>(cuts)) {
            if (cut > from && cut < bytes.length) {
                d.feed(bytes, from, cut - from, p -> out.add(describe(p)));
                from = cut;
            }
        }
        d.feed(bytes, from, bytes.length - from, p -> out.add(describe(p)));
        d.finish(p -> out.add(describe(p)));
        for (Finding f : d.streamFindings()) {
            out.add("stream " + describe(f));
        }
        return out;
    }

    private static String describe(DecodedPacket p) {
        StringBuilder sb = new StringBuilder();
        sb.append(p.index()).append(' ').append(p.offset()).append(' ').append(p.type()).append(' ')
                .append(HexDump.hex(p.raw(), " ")).append(" rl=").append(p.remainingLength()).append(" v=")
                .append(p.protocolVersion()).append(' ').append(p.fields());
        for (Finding f : p.findings()) {
            sb.append("\n  ").append(describe(f));
        }
        if (p.cause() != null) {
            sb.append("\n  diagnosis ").append(p.cause().rule().id()).append(": ").append(p.diagnosis());
        }
        if (p.repaired() != null) {
            sb.append("\n  repaired ").append(HexDump.hex(p.repaired(), " "));
        }
        return sb.toString();
    }

    private static String describe(Finding f) {
        return f.rule().id() + " " + f.severity() + " " + f.field() + " @" + f.offset() + "+" + f.length() + " ["
                + f.spec() + "] " + f.message();
    }
}
