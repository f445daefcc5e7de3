package io.mqscope.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Damaged files never escape as anything but a result with notes or a CaptureException. */
class CaptureReaderProperties {
    static final byte[] PCAP = TestCaptures.pcap(false, false, 1, 65535, CaptureReaderTest.basic().fin(false)
            .frames(ip -> TestCaptures.ethernet(ip, true)));
    static final byte[] PCAPNG = TestCaptures.pcapng(false, new int[] {1, 276}, CaptureReaderTest.basic()
            .frames(ip -> TestCaptures.ethernet(ip, false)), java.util.Collections.nCopies(8, 0), List.of());

    @Property(tries = 400)
    void flipped_bytes_give_a_result_or_a_capture_exception(@ForAll boolean ng,
                                                            @ForAll @Size(max = 8) List<@IntRange(max = 100_000)
                                                                    Integer> positions,
                                                            @ForAll @Size(max = 8) List<Byte> values,
                                                            @ForAll @IntRange(max = 2000) int cut) throws Exception {
        byte[] file = (ng ? PCAPNG : PCAP).clone();
        for (int i = 0; i < Math.min(positions.size(), values.size()); i++) {
            file[positions.get(i) % file.length] = values.get(i);
        }
        byte[] input = java.util.Arrays.copyOf(file, Math.max(0, file.length - cut % (file.length + 1)));
        try {
            Capture c = CaptureReader.read(new ByteArrayInputStream(input), CaptureReader.Options.defaults());
            assertThat(c.conversations().size()).isLessThanOrEqualTo(8);
        } catch (CaptureException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.offset()).isBetween(0L, (long) input.length);
        }
    }

    @Property(tries = 50)
    void the_port_option_restricts_and_the_listener_sees_every_packet(@ForAll @IntRange(min = 1, max = 65535)
                                                                          int port) throws Exception {
        List<CapturedPacket> seen = new java.util.ArrayList<>();
        Capture c = CaptureReader.read(new ByteArrayInputStream(PCAP), new CaptureReader.Options(
                java.util.Set.of(port), true, seen::add));
        boolean matches = port == 1883 || port == 50_000;
        assertThat(c.conversations()).hasSize(matches ? 1 : 0);
        assertThat(seen).hasSize(matches ? 3 : 0);
    }
}
