package io.mqscope.store;

import java.util.Map;

/**
 * A snapshot of {@link MessageCounters}.
 *
 * @param perTopicIn     incoming messages per topic (at most {@link MessageCounters#MAX_TOPICS} topics)
 * @param otherTopicsIn  incoming messages on topics beyond that limit
 * @param ratePerSecond  incoming messages per second over the last few seconds
 */
public record MessageStats(long messagesIn, long messagesOut, long bytesIn, long bytesOut,
                           Map<String, Long> perTopicIn, long otherTopicsIn, double ratePerSecond) {
    public MessageStats {
        perTopicIn = Map.copyOf(perTopicIn);
    }
}
