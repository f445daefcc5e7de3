package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The capture report's "+12.345 ms" is built by hand for speed; it must be what the formatter writes. */
class DecodePcapSinceTest {
    private static String formatter(long nanos) {
        return String.format(Locale.ROOT, "+%.3f ms", nanos / 1e6);
    }

    @Property(tries = 5000)
    void same_as_the_formatter(@ForAll @LongRange(min = -5_000_000_000L, max = 2_000_000_000_000_000L) long nanos) {
        assertThat(DecodePcap.since(nanos)).isEqualTo(formatter(nanos));
    }

    @Property(tries = 3000)
    void same_at_the_rounding_boundaries(@ForAll @LongRange(min = 0, max = 999_999_999_999L) long micros) {
        for (long rest : new long[] {0, 1, 499, 500, 501, 999}) {
            long nanos = micros * 1000 + rest;
            assertThat(DecodePcap.since(nanos)).isEqualTo(formatter(nanos));
        }
    }

    @Test
    void examples() {
        assertThat(DecodePcap.since(300_000)).isEqualTo("+0.300 ms");
        assertThat(DecodePcap.since(1_000_000_000_000L)).isEqualTo("+1000000.000 ms");
        assertThat(DecodePcap.since(1_234_567)).isEqualTo("+1.235 ms");
        // a packet stamped before its conversation began (clock steps in a merged capture) keeps the old form
        assertThat(DecodePcap.since(-1_500_000)).isEqualTo("+-1.500 ms");
    }
}
