package io.mqscope.ui.chart;

import io.mqscope.payload.TopicNames;

/**
 * One line on the chart: the messages whose topic matches {@code topic} (a topic filter, wildcards allowed), the
 * number at {@code path} in each, and the points so far. Lives on the FX thread only (the drain fills it).
 */
public final class ChartSeries {
    private final String topic;
    private final ValuePath path;
    private final int color;
    private final SeriesData data;
    private long skipped;
    private String lastProblem = "";

    ChartSeries(String topic, ValuePath path, int color, int capacity) {
        this.topic = topic;
        this.path = path;
        this.color = color;
        this.data = new SeriesData(capacity);
    }

    public boolean matches(String messageTopic) {
        return TopicNames.matches(topic, messageTopic);
    }

    void skip(long messages, String problem) {
        skipped += messages;
        lastProblem = problem;
    }

    public String topic() {
        return topic;
    }

    public ValuePath path() {
        return path;
    }

    /** Index into the chart palette (the view owns the colours, the theme may change them). */
    public int color() {
        return color;
    }

    public SeriesData data() {
        return data;
    }

    /** Matching messages that had no number at the path. */
    public long skipped() {
        return skipped;
    }

    /** Why the last skipped message had no number (empty when none was skipped). */
    public String lastProblem() {
        return lastProblem;
    }
}
