package io.mqscope.wire;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A root-cause explanation beyond the spec (a padded Remaining Length, a TLS client at a plain port, ...): the rule
 * that names it and its argument values.
 */
public record Diagnosis(Rule rule, List<Object> args) {
    public Diagnosis {
        args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    public static Diagnosis of(Rule rule, Object... args) {
        assert args.length == rule.args().size() : rule + " takes " + rule.args() + ", not " + args.length;
        return new Diagnosis(rule, Arrays.asList(args));
    }

    /** The English text. */
    public String message() {
        return message(Locale.ROOT);
    }

    public String message(Locale locale) {
        return Messages.render(rule.id(), rule.args(), args, locale);
    }
}
