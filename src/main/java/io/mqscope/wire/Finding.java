package io.mqscope.wire;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One problem (or remark) about bytes on the wire: the rule it breaks, the blamed span and the rule's arguments.
 *
 * @param rule     what is wrong; its id, default severity and message key
 * @param severity usually the rule's
 * @param field    the blamed field in snake_case, e.g. {@code remaining_length}
 * @param offset   byte offset of the blamed span: relative to the packet's first byte for packet findings,
 *                 relative to the start of the stream for stream-level findings
 * @param length   length of the blamed span in bytes (0 for "missing here")
 * @param spec     spec reference as it applies to the packet's version, e.g. {@code 3.1.1 §2.2.3 [MQTT-2.2.3-1]};
 *                 empty when beyond the spec
 * @param args     the values of {@link Rule#args()}, in that order
 */
public record Finding(Rule rule, Severity severity, String field, int offset, int length, String spec,
                      List<Object> args) {
    public Finding {
        args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    /** A finding with the rule's severity and its spec reference for {@code version}. */
    public static Finding of(Rule rule, int version, String field, int offset, int length, Object... args) {
        assert args.length == rule.args().size() : rule + " takes " + rule.args() + ", not " + args.length;
        return new Finding(rule, rule.severity(), field, offset, length, rule.spec(version, args),
                Arrays.asList(args));
    }

    /**
     * A finding whose text is not registered as a rule.
     *
     * @deprecated for callers outside the decoder that still build findings from prose (the relay); use a
     *             {@link Rule} with {@link #of}
     */
    @Deprecated
    public Finding(Severity severity, String field, int offset, int length, String message, String spec) {
        this(Rule.UNREGISTERED, severity, field, offset, length, spec, List.of(message));
    }

    /** True when the finding blames the field {@code name}. */
    public boolean blames(FieldName name) {
        return name.id().equals(field);
    }

    /** The same finding blaming another span. */
    public Finding at(int offset, int length) {
        return new Finding(rule, severity, field, offset, length, spec, args);
    }

    /** The English text, as the CLI prints it. */
    public String message() {
        return message(Locale.ROOT);
    }

    public String message(Locale locale) {
        return Messages.render(rule.id(), rule.args(), args, locale);
    }
}
