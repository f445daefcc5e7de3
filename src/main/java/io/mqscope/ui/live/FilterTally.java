package io.mqscope.ui.live;

import io.mqscope.payload.TopicNames;
import io.mqscope.session.MessageEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Received messages per subscription filter, counted as they arrive (on the session's I/O threads), not as the FX
 * thread reads the bounded log: under a flood the log drops its oldest messages before a pulse reads them, and a
 * counter fed from what the pulse read lost them (issue 14 item 18: 48,904 shown after 50,000 messages).
 */
public final class FilterTally {
    private record Counter(String filter, LongAdder count) {
    }

    /** Replaced whole when the filters change; read without a lock by the I/O threads. */
    private volatile Counter[] counters = new Counter[0];

    /** The filters to count (the profile's subscriptions); a filter kept from before keeps its count. */
    public synchronized void setFilters(List<String> filters) {
        Map<String, Counter> old = new HashMap<>();
        for (Counter c : counters) {
            old.put(c.filter(), c);
        }
        Counter[] next = filters.stream().distinct()
                .map(f -> old.getOrDefault(f, new Counter(f, new LongAdder()))).toArray(Counter[]::new);
        counters = next;
    }

    /** Counts one message against every filter it matches; outgoing messages are not counted. */
    public void record(MessageEvent m) {
        if (m.outgoing()) {
            return;
        }
        for (Counter c : counters) {
            if (TopicNames.matches(c.filter(), m.topic())) {
                c.count().increment();
            }
        }
    }

    /** Messages received that match {@code filter} since it was first counted; 0 for a filter not counted. */
    public long count(String filter) {
        for (Counter c : counters) {
            if (c.filter().equals(filter)) {
                return c.count().sum();
            }
        }
        return 0;
    }
}
