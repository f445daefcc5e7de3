package io.mqscope.capture;

import java.util.List;

/**
 * What a capture file holds for MQTT.
 *
 * @param conversations MQTT, MQTT over WebSocket and TLS conversations, by start time
 * @param notes         remarks about the file: skipped blocks, damage, frames that were not TCP, other connections
 * @param frames        frames read
 */
public record Capture(List<Conversation> conversations, List<String> notes, long frames) {
    public Capture {
        conversations = List.copyOf(conversations);
        notes = List.copyOf(notes);
    }
}
