package io.mqscope.ui.chart;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The plot, drawn on a Canvas: JavaFX's LineChart makes a node per point and lays them out on every change, which
 * at 10,000 points per series takes far longer than a frame. Here each series is reduced to one min/max stroke per
 * pixel column ({@link SeriesData#columns}), so a redraw costs the width, not the points. It redraws at most once
 * per pulse: when the view model says something changed, and while live, when the time axis has moved (every
 * {@link #LIVE_REDRAW_NANOS}). Colours come from the stylesheet through hidden labels, so light and dark both work.
 */
final class ChartCanvas extends Region {
    static final int PALETTE = 8;
    private static final long LIVE_REDRAW_NANOS = 100_000_000L;
    private static final double LEFT = 64;
    private static final double RIGHT = 12;
    private static final double TOP = 10;
    private static final double BOTTOM = 26;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final ChartViewModel vm;
    private final Canvas canvas = new Canvas();
    private final Label axis = new Label();
    private final Label grid = new Label();
    private final Label[] series = new Label[PALETTE];
    private final AnimationTimer timer;
    private boolean dirty = true;
    private long lastDraw;
    private int plotted;
    private long redraws;

    ChartCanvas(ChartViewModel vm, io.mqscope.ui.ViewListeners listeners) {
        this.vm = vm;
        getStyleClass().add("chart-plot");
        setId("chartCanvas");
        axis.getStyleClass().add("chart-axis");
        grid.getStyleClass().add("chart-grid");
        getChildren().add(canvas);
        for (Label l : new Label[] {axis, grid}) {
            hide(l);
        }
        for (int i = 0; i < PALETTE; i++) {
            series[i] = new Label();
            series[i].getStyleClass().add("chart-series-" + i);
            hide(series[i]);
        }
        listeners.onChange(vm.versionProperty(), (o, a, b) -> dirty = true);
        widthProperty().addListener((o, a, b) -> dirty = true);
        heightProperty().addListener((o, a, b) -> dirty = true);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (!shown()) {
                    return; // a hidden tab's chart stays dirty and draws when shown again
                }
                boolean live = !vm.pausedProperty().get() && !vm.series().isEmpty();
                if (dirty || live && now - lastDraw >= LIVE_REDRAW_NANOS) {
                    dirty = false;
                    lastDraw = now;
                    draw();
                }
            }
        };
        // only a chart on screen draws: the timer runs while the node is in a scene (its tab shown or not, a
        // hidden tab's content is off the scene graph)
        sceneProperty().addListener((o, a, s) -> {
            if (s == null) {
                timer.stop();
            } else {
                dirty = true;
                timer.start();
            }
        });
    }

    /** On screen: in a scene, and neither it nor a parent hidden (a TabPane hides the content of other tabs). */
    private boolean shown() {
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return getScene() != null;
    }

    private void hide(Label l) {
        l.setManaged(false);
        l.setVisible(false);
        getChildren().add(l);
    }

    /** The colour of series {@code i}, as the stylesheet says. */
    Paint color(int i) {
        return series[i % PALETTE].getTextFill();
    }

    /** The same, followed through theme changes (for the legend's swatches). */
    javafx.beans.value.ObservableValue<Paint> colorProperty(int i) {
        return series[i % PALETTE].textFillProperty();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.floor(getWidth()));
        canvas.setHeight(Math.floor(getHeight()));
    }

    /** Points inside the drawn span at the last redraw, over all series (tests read it). */
    int plotted() {
        return plotted;
    }

    long redraws() {
        return redraws;
    }

    private void draw() {
        redraws++;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        double pw = w - LEFT - RIGHT;
        double ph = h - TOP - BOTTOM;
        if (pw < 20 || ph < 20) {
            return;
        }
        int cols = (int) pw;
        ChartViewModel.Range r = vm.range();
        SeriesData.Columns[] all = new SeriesData.Columns[vm.series().size()];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int points = 0;
        for (int s = 0; s < all.length; s++) {
            all[s] = vm.series().get(s).data().columns(r.from(), r.to(), cols);
            points += all[s].points();
            for (int c = 0; c < cols; c++) {
                if (!Double.isNaN(all[s].min()[c])) {
                    lo = Math.min(lo, all[s].min()[c]);
                    hi = Math.max(hi, all[s].max()[c]);
                }
            }
        }
        plotted = points;
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            lo -= 1;
            hi += 1;
        } else {
            double pad = (hi - lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        axes(g, r, lo, hi, pw, ph);
        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, pw, ph);
        g.clip();
        g.setLineWidth(1.5);
        for (int s = 0; s < all.length; s++) {
            g.setStroke(color(vm.series().get(s).color()));
            line(g, all[s], lo, hi, ph);
        }
        g.restore();
    }

    /** Joins the columns that have points; a column with several draws its min-max extent. */
    private static void line(GraphicsContext g, SeriesData.Columns c, double lo, double hi, double ph) {
        double k = ph / (hi - lo);
        boolean open = false;
        g.beginPath();
        for (int x = 0; x < c.min().length; x++) {
            if (Double.isNaN(c.min()[x])) {
                continue;
            }
            double px = LEFT + x + 0.5;
            double yMin = TOP + (hi - c.min()[x]) * k;
            double yMax = TOP + (hi - c.max()[x]) * k;
            if (!open) {
                g.moveTo(px, yMin);
                open = true;
            } else {
                g.lineTo(px, yMin);
            }
            if (yMax != yMin) {
                g.lineTo(px, yMax);
                g.moveTo(px, yMax);
                g.lineTo(px, yMin);
            }
        }
        g.stroke();
        if (c.points() == 1) {
            for (int x = 0; x < c.min().length; x++) {
                if (!Double.isNaN(c.min()[x])) {
                    g.strokeOval(LEFT + x - 2, TOP + (hi - c.min()[x]) * k - 2, 4, 4);
                }
            }
        }
    }

    private void axes(GraphicsContext g, ChartViewModel.Range r, double lo, double hi, double pw, double ph) {
        g.setFont(Font.font(11));
        g.setLineWidth(1);
        g.setStroke(grid.getTextFill());
        g.strokeRect(LEFT + 0.5, TOP + 0.5, pw, ph);
        g.setFill(axis.getTextFill());
        double step = niceStep((hi - lo) / 5);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v = Math.ceil(lo / step) * step; v <= hi; v += step) {
            double y = Math.round(TOP + (hi - v) / (hi - lo) * ph) + 0.5;
            g.setStroke(grid.getTextFill());
            g.strokeLine(LEFT, y, LEFT + pw, y);
            g.fillText(label(v, step), LEFT - 6, y);
        }
        long span = r.to() - r.from();
        long tstep = (long) niceStep(span / 6.0);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (long t = (r.from() / tstep + 1) * tstep; t <= r.to(); t += tstep) {
            double x = Math.round(LEFT + (t - r.from()) * pw / span) + 0.5;
            g.setStroke(grid.getTextFill());
            g.strokeLine(x, TOP, x, TOP + ph);
            g.fillText(CLOCK.format(Instant.ofEpochMilli(t)), x, TOP + ph + 6);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (raw <= 0 || !Double.isFinite(raw)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    private static String label(double v, double step) {
        if (Math.abs(v) < step / 1e6) {
            v = 0;
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
        return String.format(java.util.Locale.ROOT, "%." + Math.min(decimals, 6) + "f", v);
    }

    /** The drawn chart as ARGB pixels, for PNG export (a snapshot on the FX thread; the file is written elsewhere). */
    Pixels pixels() {
        javafx.scene.image.WritableImage img = snapshot(null, null);
        int iw = (int) img.getWidth();
        int ih = (int) img.getHeight();
        int[] argb = new int[iw * ih];
        img.getPixelReader().getPixels(0, 0, iw, ih, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0,
                iw);
        return new Pixels(argb, iw, ih);
    }

    record Pixels(int[] argb, int width, int height) {
    }
}
