package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A run gives its records back as a stable sort by time would, whether they stayed in memory or went to the file. */
class PcapSpillProperties {

    @Property(tries = 300)
    void runs_read_back_as_a_stable_sort_by_time(@ForAll @Size(max = 300) List<@IntRange(min = -3, max = 40)
                                                         Integer> steps,
                                                 @ForAll @IntRange(min = 1, max = 4) int runs,
                                                 @ForAll boolean tiny) throws Exception {
        try (PcapSpill spill = tiny ? new PcapSpill(300, 40) : new PcapSpill()) {
            List<PcapSpill.Run> r = new ArrayList<>();
            List<List<long[]>> expected = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                r.add(spill.run());
                expected.add(new ArrayList<>());
            }
            long time = 1000;
            for (int i = 0; i < steps.size(); i++) {
                // mostly forward, sometimes back (a packet handed over late), often the same time
                int step = steps.get(i);
                long t = step < 0 ? time + step * 7L : time + step / 10;
                time = Math.max(time, t);
                int which = i % runs;
                r.get(which).add(t, "record " + i + " at " + t + " \u00e9\u4e2d\n");
                expected.get(which).add(new long[] {t, i});
                // the budget holds, give or take the buffer that has just grown
                assertThat(spill.buffered()).isLessThanOrEqualTo(tiny ? 300 + 1024 : PcapSpill.BUDGET);
            }
            for (int i = 0; i < runs; i++) {
                List<String> want = expected.get(i).stream().sorted(Comparator.comparingLong(x -> x[0]))
                        .map(x -> "record " + x[1] + " at " + x[0] + " \u00e9\u4e2d\n").toList();
                List<String> got = new ArrayList<>();
                r.get(i).forEach(got::add);
                assertThat(got).containsExactlyElementsOf(want);
                assertThat(r.get(i).size()).isEqualTo(want.size());
            }
        }
    }
}
