package io.mqscope.ui;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Test events as a session delivers them. */
public final class Events {
    private Events() {
    }

    public static MessageEvent msg(String topic, String payload, boolean outgoing) {
        return new MessageEvent("c", System.nanoTime(), Instant.now(), outgoing, topic, 0, false, false,
                payload.getBytes(StandardCharsets.UTF_8), MessageProperties.NONE);
    }
}
