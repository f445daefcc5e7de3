package io.mqscope.doctor;

import io.mqscope.wire.Severity;
import java.util.List;
import java.util.Locale;

/**
 * What the doctor found in a conversation: the rule, its severity, the connections and packets it is about (so a
 * view can jump to them), what happened (one or more whole sentences) and the fix. Immutable; crosses threads.
 *
 * @param nanos the time of the observation that completed the evidence (the events' clock)
 */
public record Insight(DoctorRule rule, Severity severity, List<String> conns, List<PacketRef> packets,
                      List<Words> message, Words fix, long nanos) {

    public Insight {
        conns = List.copyOf(conns);
        packets = List.copyOf(packets);
        message = List.copyOf(message);
    }

    static Insight of(DoctorRule rule, List<String> conns, List<PacketRef> packets, Words fix, long nanos,
                      Words... message) {
        return new Insight(rule, rule.severity(), conns, packets, List.of(message), fix, nanos);
    }

    /** What happened, in {@code locale}: the sentences one after the other. */
    public String message(Locale locale) {
        StringBuilder sb = new StringBuilder();
        for (Words w : message) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(w.render(locale));
        }
        return sb.toString();
    }

    public String fix(Locale locale) {
        return fix.render(locale);
    }
}
