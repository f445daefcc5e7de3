package io.mqscope.doctor;

import io.mqscope.wire.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

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

    /**
     * The same insight with its connections named otherwise (a capture's conversations by their place in the
     * report, a tap's clients with the tap's prefix): in {@link #conns}, in the packet references and in the words,
     * where an argument is a connection's name or a list of them.
     */
    public Insight renamed(UnaryOperator<String> rename) {
        Set<String> names = new HashSet<>(conns);
        packets.forEach(r -> names.add(r.conn()));
        List<Words> words = message.stream().map(w -> renamed(w, names, rename)).toList();
        return new Insight(rule, severity, conns.stream().map(rename).toList(),
                packets.stream().map(r -> new PacketRef(rename.apply(r.conn()), r.from(), r.index())).toList(),
                words, renamed(fix, names, rename), nanos);
    }

    private static Words renamed(Words w, Set<String> names, UnaryOperator<String> rename) {
        List<Object> args = new ArrayList<>(w.args().size());
        for (Object a : w.args()) {
            if (a instanceof String s && names.contains(s)) {
                args.add(rename.apply(s));
            } else if (a instanceof String s && s.contains(", ")
                    && Arrays.stream(s.split(", ")).allMatch(names::contains)) {
                args.add(String.join(", ", Arrays.stream(s.split(", ")).map(rename).toList()));
            } else {
                args.add(a);
            }
        }
        return new Words(w.key(), args);
    }
}
