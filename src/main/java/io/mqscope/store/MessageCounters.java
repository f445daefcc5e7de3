package io.mqscope.store;

import io.mqscope.payload.TopicNames;
import io.mqscope.session.MessageEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running counts of a session's messages: totals in and out, per topic (up to {@link #MAX_TOPICS} distinct topics,
 * the rest counted together), and the incoming rate over the last few seconds. Counts are never evicted with the
 * log: they cover every message since the last {@link #reset()}.
 */
public final class MessageCounters {
    /** Distinct topics counted one by one; a flood of unique topics must not grow memory without bound. */
    public static final int MAX_TOPICS = 10_000;
    private static final int RATE_SECONDS = 5;

    private long messagesIn;
    private long messagesOut;
    private long bytesIn;
    private long bytesOut;
    private long otherTopicsIn;
    private final Map<String, long[]> perTopicIn = new HashMap<>();
    /** Incoming messages per whole second of {@link System#nanoTime()}, ring of RATE_SECONDS + 1. */
    private final long[] bucketSecond = new long[RATE_SECONDS + 1];
    private final long[] bucketCount = new long[RATE_SECONDS + 1];

    public synchronized void record(MessageEvent m) {
        if (m.outgoing()) {
            messagesOut++;
            bytesOut += m.payload().length;
            return;
        }
        messagesIn++;
        bytesIn += m.payload().length;
        long[] c = perTopicIn.get(m.topic());
        if (c != null) {
            c[0]++;
        } else if (perTopicIn.size() < MAX_TOPICS) {
            perTopicIn.put(m.topic(), new long[] {1});
        } else {
            otherTopicsIn++;
        }
        long sec = Math.floorDiv(m.nanoTime(), 1_000_000_000L);
        int b = (int) Math.floorMod(sec, (long) bucketSecond.length);
        if (bucketSecond[b] != sec) {
            bucketSecond[b] = sec;
            bucketCount[b] = 0;
        }
        bucketCount[b]++;
    }

    /** Messages received since the last reset (cheaper than a {@link #snapshot()}: no per-topic copy). */
    public synchronized long messagesIn() {
        return messagesIn;
    }

    /** Messages published since the last reset. */
    public synchronized long messagesOut() {
        return messagesOut;
    }

    /** Incoming messages per second, averaged over the last complete seconds before {@code nowNanos}. */
    public synchronized double ratePerSecond(long nowNanos) {
        long now = Math.floorDiv(nowNanos, 1_000_000_000L);
        long sum = 0;
        for (int i = 0; i < bucketSecond.length; i++) {
            long s = bucketSecond[i];
            if (s < now && s >= now - RATE_SECONDS && (s != 0 || bucketCount[i] != 0)) {
                sum += bucketCount[i];
            }
        }
        return sum / (double) RATE_SECONDS;
    }

    public synchronized MessageStats snapshot() {
        Map<String, Long> topics = new LinkedHashMap<>();
        perTopicIn.forEach((t, c) -> topics.put(t, c[0]));
        return new MessageStats(messagesIn, messagesOut, bytesIn, bytesOut, topics, otherTopicsIn,
                ratePerSecond(System.nanoTime()));
    }

    /**
     * Incoming counts per subscription: each filter's count is the sum over the topics it matches, so a message
     * matched by two overlapping filters counts for both (as the broker delivers it to both in MQTT 3.1.1).
     */
    public synchronized Map<String, Long> perFilter(Collection<String> topicFilters) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String f : topicFilters) {
            long n = 0;
            for (Map.Entry<String, long[]> e : perTopicIn.entrySet()) {
                if (TopicNames.matches(f, e.getKey())) {
                    n += e.getValue()[0];
                }
            }
            out.put(f, n);
        }
        return out;
    }

    public synchronized void reset() {
        messagesIn = messagesOut = bytesIn = bytesOut = otherTopicsIn = 0;
        perTopicIn.clear();
        java.util.Arrays.fill(bucketSecond, 0);
        java.util.Arrays.fill(bucketCount, 0);
    }
}
