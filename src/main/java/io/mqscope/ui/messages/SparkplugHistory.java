package io.mqscope.ui.messages;

import io.mqscope.payload.SparkplugReading;
import io.mqscope.payload.SparkplugTopic;
import io.mqscope.payload.SparkplugTracker;
import io.mqscope.session.MessageEvent;
import java.util.List;

/**
 * Reads one Sparkplug B message in the light of those before it in the connection's log: from the edge node's
 * last NBIRTH up to the message, so its aliases get their names and a sequence gap shows. Done when a message is
 * selected; the look-back is bounded so a selection under a flood stays quick.
 */
final class SparkplugHistory {
    static final int LOOK_BACK = 20_000;

    private SparkplugHistory() {
    }

    /** The reading of {@code m}, or null when its topic is not a Sparkplug B payload topic. */
    static SparkplugReading read(List<MessageEvent> log, MessageEvent m) {
        SparkplugTopic t = SparkplugTopic.parse(m.topic());
        if (t == null || !t.protobuf()) {
            return null;
        }
        int at = -1;
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i) == m) {
                at = i;
                break;
            }
        }
        int from = at;
        for (int i = at - 1; i >= 0 && at - i <= LOOK_BACK; i--) {
            SparkplugTopic o = SparkplugTopic.parse(log.get(i).topic());
            if (o != null && !log.get(i).outgoing() && o.edgeNodeKey().equals(t.edgeNodeKey())) {
                from = i;
                if (o.type().equals("NBIRTH")) {
                    break;
                }
            }
        }
        SparkplugTracker tracker = new SparkplugTracker();
        if (at >= 0) {
            for (int i = from; i < at; i++) {
                MessageEvent e = log.get(i);
                SparkplugTopic o = SparkplugTopic.parse(e.topic());
                if (o != null && !e.outgoing() && o.edgeNodeKey().equals(t.edgeNodeKey())) {
                    tracker.accept(e.topic(), e.payload());
                }
            }
        }
        return tracker.accept(m.topic(), m.payload());
    }
}
