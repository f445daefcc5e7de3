package io.mqscope.ui;

import io.mqscope.session.MessageEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Topics seen in messages, newest last, for the topic fields' auto-completion (subscribe filter, publish topic).
 * Fed by the FX thread once per pulse; ControlsFX asks for suggestions on a thread of its own, hence the lock.
 * Bounded: a flood over random topics keeps only the latest {@link #MAX} names.
 */
public final class SeenTopics {
    static final int MAX = 5_000;
    private static final int SUGGESTIONS = 15;
    private final LinkedHashSet<String> topics = new LinkedHashSet<>();

    public synchronized void addAll(List<MessageEvent> batch) {
        for (MessageEvent m : batch) {
            // re-added at the end: the newest come first in suggestions
            topics.remove(m.topic());
            topics.add(m.topic());
        }
        Iterator<String> it = topics.iterator();
        while (topics.size() > MAX && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** Up to 15 topics containing {@code typed} (case-insensitive), newest first; those starting with it first. */
    public synchronized List<String> suggest(String typed) {
        String t = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return List.of();
        }
        List<String> starting = new ArrayList<>();
        List<String> containing = new ArrayList<>();
        List<String> all = new ArrayList<>(topics);
        for (int i = all.size() - 1; i >= 0 && starting.size() < SUGGESTIONS; i--) {
            String topic = all.get(i);
            String lower = topic.toLowerCase(Locale.ROOT);
            if (lower.equals(t)) {
                continue;
            }
            if (lower.startsWith(t)) {
                starting.add(topic);
            } else if (lower.contains(t) && containing.size() < SUGGESTIONS) {
                containing.add(topic);
            }
        }
        starting.addAll(containing);
        return List.copyOf(starting.subList(0, Math.min(SUGGESTIONS, starting.size())));
    }
}
