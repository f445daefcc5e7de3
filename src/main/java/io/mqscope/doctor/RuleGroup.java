package io.mqscope.doctor;

import java.util.List;

/** A few related rules: each hook adds what it found to {@code out}. */
interface RuleGroup {

    default void packet(Track t, Observation.Packet p, List<Insight> out) {
    }

    default void closed(Track t, Observation.Closed c, List<Insight> out) {
    }

    default void tick(long now, List<Insight> out) {
    }

    /** The input ended at {@code now} (a capture file): what waited for more time is decided with what is known. */
    default void end(long now, List<Insight> out) {
        tick(now, out);
    }
}
