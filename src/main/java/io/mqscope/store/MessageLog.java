package io.mqscope.store;

import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;

/**
 * The messages of one session, in and out, bounded by bytes, with running counters. Append from any thread.
 */
public final class MessageLog {
    /** 32 MiB: a few hundred thousand small messages. */
    public static final long DEFAULT_MAX_BYTES = 32L << 20;

    /** Object headers, the record, its Instant and array headers: measured roughly, rounded up. */
    static final int MESSAGE_OVERHEAD = 160;

    private final BoundedLog<MessageEvent> log;
    private final MessageCounters counters = new MessageCounters();

    public MessageLog() {
        this(DEFAULT_MAX_BYTES);
    }

    public MessageLog(long maxBytes) {
        this(maxBytes, Integer.MAX_VALUE);
    }

    /** @param maxMessages also keep no more than this many messages (the user's setting) */
    public MessageLog(long maxBytes, int maxMessages) {
        log = new BoundedLog<>(maxBytes, maxMessages, MessageLog::weigh);
    }

    public long append(MessageEvent message) {
        counters.record(message);
        return log.append(message);
    }

    public BoundedLog<MessageEvent> entries() {
        return log;
    }

    public MessageCounters counters() {
        return counters;
    }

    /** Approximate heap bytes held by a message: payload, topic, properties and object overhead. */
    public static long weigh(MessageEvent m) {
        long w = MESSAGE_OVERHEAD + m.payload().length + 2L * m.topic().length() + m.connectionId().length() * 2L;
        MessageProperties p = m.properties();
        if (p != null && p != MessageProperties.NONE) {
            w += 64;
            w += p.correlationData() == null ? 0 : p.correlationData().length;
            w += p.responseTopic() == null ? 0 : 2L * p.responseTopic().length();
            w += p.contentType() == null ? 0 : 2L * p.contentType().length();
            for (UserProperty u : p.userProperties()) {
                w += 48 + 2L * (u.name().length() + u.value().length());
            }
            w += 16L * p.subscriptionIdentifiers().size();
        }
        return w;
    }
}
