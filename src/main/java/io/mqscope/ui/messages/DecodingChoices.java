package io.mqscope.ui.messages;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.ProtoChoice;
import io.mqscope.payload.TopicNames;
import java.util.ArrayList;
import java.util.List;

/**
 * How payloads are decoded, remembered per topic filter ("sensors/+/reading" as Protobuf of type X). The newest
 * rule whose filter matches a topic decides; a filter remembered again replaces its old rule. FX thread only.
 */
public final class DecodingChoices {
    /** One remembered choice; {@code proto} is set for Protobuf. */
    public record Rule(String filter, PayloadFormat format, ProtoChoice proto) {
    }

    private final List<Rule> rules = new ArrayList<>();

    public void remember(String filter, PayloadFormat format, ProtoChoice proto) {
        rules.removeIf(r -> r.filter().equals(filter));
        rules.add(new Rule(filter, format, proto));
    }

    public void forget(String filter) {
        rules.removeIf(r -> r.filter().equals(filter));
    }

    /** The rule for {@code topic}, or null. */
    public Rule forTopic(String topic) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (TopicNames.matches(rules.get(i).filter(), topic)) {
                return rules.get(i);
            }
        }
        return null;
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }
}
