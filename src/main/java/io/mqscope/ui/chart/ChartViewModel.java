package io.mqscope.ui.chart;

import com.fasterxml.jackson.databind.JsonNode;
import io.mqscope.payload.ParseResult;
import io.mqscope.payload.TopicNames;
import io.mqscope.session.MessageEvent;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Numbers over time from the messages the active connection receives: several series (topic filter + value path),
 * fed once per drain from the messages the window takes anyway, never per message. Pause freezes the time axis
 * (points are still kept); "last N minutes" and zoom choose the span; pan moves a paused view. Exports run on the
 * I/O executor.
 */
public final class ChartViewModel {
    /** Points kept per series before the oldest half is thinned (the issue asks for at least 10,000). */
    public static final int CAPACITY = 20_000;
    /** The shortest span zoom goes down to, and the span of a chart with almost no points. */
    static final long MIN_SPAN = 1_000;
    /** Received messages that wait while a batch is read, at most (5 s of a 20,000 msg/s flood). */
    static final int MAX_WAITING = 100_000;

    private final ObservableList<ChartSeries> series = FXCollections.observableArrayList();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    /** 0: everything kept; else the last N minutes. */
    private final IntegerProperty windowMinutes = new SimpleIntegerProperty(5);
    private final LongProperty version = new SimpleLongProperty();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final TaskExecutor tasks;
    private final LongSupplier clock;
    private final int capacity;
    private long pausedAt;
    /** The span chosen by zooming (0: the window's). */
    private long zoomSpan;
    private int nextColor;
    private final List<MessageEvent> waiting = new ArrayList<>();
    private boolean reading;
    private long dropped;

    public ChartViewModel(TaskExecutor tasks) {
        this(tasks, System::currentTimeMillis, CAPACITY);
    }

    /** @param clock wall-clock milliseconds (message times are wall-clock instants) */
    public ChartViewModel(TaskExecutor tasks, LongSupplier clock, int capacity) {
        this.tasks = tasks;
        this.clock = clock;
        this.capacity = capacity;
        paused.addListener((o, a, p) -> {
            pausedAt = clock.getAsLong();
            changed();
        });
        windowMinutes.addListener((o, a, b) -> {
            zoomSpan = 0;
            changed();
        });
    }

    /** A new series; returns null, or why the topic filter or the path cannot be used (said in the UI language). */
    public String add(String topic, String path) {
        String t = topic == null ? "" : topic.strip();
        if (t.isEmpty()) {
            return I18n.t("chart.topicRequired");
        }
        ParseResult<String> tf = TopicNames.validateFilter(t);
        if (!tf.ok()) {
            return I18n.t("chart.topicInvalid", tf.error());
        }
        ParseResult<ValuePath> p = ValuePath.parse(path);
        if (!p.ok()) {
            return p.error();
        }
        series.add(new ChartSeries(t, p.value(), nextColor++, capacity));
        changed();
        return null;
    }

    public void remove(ChartSeries s) {
        series.remove(s);
        changed();
    }

    /**
     * The messages of one drain: each series takes the number of every received message its topic filter matches.
     * The numbers are read on the I/O executor, one batch at a time in order; messages that arrive meanwhile wait
     * here (at most {@link #MAX_WAITING}; beyond, the oldest are dropped and counted).
     */
    public void accept(List<MessageEvent> batch) {
        if (series.isEmpty()) {
            return;
        }
        for (MessageEvent m : batch) {
            if (!m.outgoing()) {
                waiting.add(m); // what the broker delivered; our own publishes come back too when subscribed
            }
        }
        if (waiting.size() > MAX_WAITING) {
            int drop = waiting.size() - MAX_WAITING;
            waiting.subList(0, drop).clear();
            dropped += drop;
        }
        if (!reading) {
            readWaiting();
        }
    }

    private void readWaiting() {
        if (waiting.isEmpty() || series.isEmpty()) {
            waiting.clear();
            return;
        }
        List<MessageEvent> work = new ArrayList<>(waiting);
        waiting.clear();
        List<ChartSeries> targets = List.copyOf(series);
        reading = true;
        BackgroundTask.wrap(() -> ChartFeed.read(work, targets)).onSuccess(points -> {
            reading = false;
            apply(targets, points);
            readWaiting();
        }).onFailure(e -> {
            reading = false;
            readWaiting();
        }).executeWith(tasks);
    }

    private void apply(List<ChartSeries> targets, ChartFeed.Points[] points) {
        boolean any = false;
        for (int i = 0; i < points.length; i++) {
            ChartSeries s = targets.get(i);
            ChartFeed.Points p = points[i];
            if (!series.contains(s) || p.size == 0 && p.skipped == 0) {
                continue; // removed meanwhile, or nothing for it
            }
            for (int k = 0; k < p.size; k++) {
                s.data().add(p.time[k], p.value[k]);
            }
            if (p.skipped > 0) {
                s.skip(p.skipped, p.lastProblem);
            }
            any = true;
        }
        if (any) {
            changed();
        }
    }

    /** Messages dropped because the numbers could not be read as fast as they came. */
    public long dropped() {
        return dropped;
    }

    /**
     * What "Chart this value…" offers for a payload: {@code $} when the payload is a number, else the paths of the
     * numbers in its JSON (at most 50), else nothing.
     */
    public static List<String> candidates(byte[] payload) {
        if (ValuePath.text(new String(payload, java.nio.charset.StandardCharsets.UTF_8)).ok()) {
            return List.of("$");
        }
        JsonNode json = ChartFeed.json(payload);
        return json == null ? List.of() : ValuePath.numberPaths(json, 50);
    }

    /** The time span on screen now, in wall-clock milliseconds. */
    public Range range() {
        long end = paused.get() ? pausedAt : clock.getAsLong();
        long span = zoomSpan > 0 ? zoomSpan : windowMinutes.get() > 0 ? windowMinutes.get() * 60_000L
                : Math.max(MIN_SPAN, end - earliest(end));
        return new Range(end - span, end);
    }

    private long earliest(long fallback) {
        long t = fallback;
        for (ChartSeries s : series) {
            if (s.data().size() > 0) {
                t = Math.min(t, s.data().time(0));
            }
        }
        return t;
    }

    /**
     * Zooms the time axis by {@code factor} (below 1 in, above 1 out) around {@code anchor}, a fraction of the width
     * from the left. A live chart keeps its right edge at now; a paused one keeps the anchor's time in place.
     */
    public void zoom(double factor, double anchor) {
        Range r = range();
        long span = r.to() - r.from();
        long next = Math.max(MIN_SPAN, Math.round(span * factor));
        if (paused.get()) {
            long at = r.from() + Math.round(span * anchor);
            pausedAt = at + Math.round(next * (1 - anchor));
        }
        zoomSpan = next;
        changed();
    }

    /** Moves the view by a fraction of its span (negative: back in time); a live chart pauses first. */
    public void pan(double fraction) {
        Range r = range();
        if (!paused.get()) {
            paused.set(true);
            pausedAt = r.to();
        }
        pausedAt += Math.round((r.to() - r.from()) * fraction);
        changed();
    }

    /** Back to the window's span and to now. */
    public void live() {
        zoomSpan = 0;
        paused.set(false);
        changed();
    }

    /** Writes every kept point of every series as CSV, on the I/O executor. */
    public void exportCsv(File file) {
        List<ChartExport.Points> points = series.stream().map(ChartExport.Points::of).toList();
        status.set("");
        BackgroundTask.wrapAction(() -> ChartExport.write(file, ChartExport.csv(points)))
                .onSuccess(v -> status.set(I18n.t("chart.exported", file.getName())))
                .onFailure(e -> status.set(I18n.t("chart.exportFailed", file.getName(), e.getMessage())))
                .executeWith(tasks);
    }

    /** Writes the chart's pixels (taken on the FX thread by the view) as PNG, on the I/O executor. */
    public void exportPng(File file, int[] argb, int width, int height) {
        status.set("");
        BackgroundTask.wrapAction(() -> ChartExport.png(file, argb, width, height))
                .onSuccess(v -> status.set(I18n.t("chart.exported", file.getName())))
                .onFailure(e -> status.set(I18n.t("chart.exportFailed", file.getName(), e.getMessage())))
                .executeWith(tasks);
    }

    private void changed() {
        version.set(version.get() + 1);
    }

    /** A time span in wall-clock milliseconds. */
    public record Range(long from, long to) {
    }

    public ObservableList<ChartSeries> series() { return series; }
    public BooleanProperty pausedProperty() { return paused; }
    public IntegerProperty windowMinutesProperty() { return windowMinutes; }
    /** Changes whenever what the chart shows changed: the view redraws on its next pulse. */
    public ReadOnlyLongProperty versionProperty() { return version; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
}
