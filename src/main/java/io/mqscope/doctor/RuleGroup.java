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
}
