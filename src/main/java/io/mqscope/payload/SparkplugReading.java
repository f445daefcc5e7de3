package io.mqscope.payload;

import java.util.List;

/**
 * One Sparkplug B message as a {@link SparkplugTracker} read it: the topic's parts, the payload, each metric with the
 * name and data type it has after the birth certificate was applied, and notes (a sequence gap, an unknown alias, a
 * bdSeq that does not match). {@code error} and {@code errorOffset} are set when the payload did not decode.
 */
public record SparkplugReading(SparkplugTopic topic, SparkplugPayload payload, List<Resolved> metrics,
                               List<String> notes, String error, int errorOffset) {

    public SparkplugReading {
        metrics = List.copyOf(metrics);
        notes = List.copyOf(notes);
    }

    /** A metric with its name and data type, {@code fromBirth} when they came from the birth certificate. */
    public record Resolved(SparkplugPayload.Metric metric, String name, Integer datatype, boolean fromBirth) {
    }
}
