package io.mqscope.ui.chart;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The chart's files: CSV of the kept points (text made on the FX thread from a consistent state, written off it) and
 * PNG of the drawn pixels (through a BufferedImage, so javafx-swing is not needed).
 */
final class ChartExport {
    private ChartExport() {
    }

    /**
     * One row per point: {@code time,epoch_ms,topic,path,value}. The header names are column identifiers for
     * spreadsheets and scripts, not sentences, so they are not translated.
     */
    static String csv(List<Points> series) {
        StringBuilder s = new StringBuilder("time,epoch_ms,topic,path,value\n");
        for (Points c : series) {
            String topic = quote(c.topic());
            String path = quote(c.path());
            for (int i = 0; i < c.time().length; i++) {
                s.append(Instant.ofEpochMilli(c.time()[i])).append(',').append(c.time()[i]).append(',')
                        .append(topic).append(',').append(path).append(',').append(c.value()[i]).append('\n');
            }
        }
        return s.toString();
    }

    /** A copy of a series' points, taken on the FX thread, to be written on another. */
    record Points(String topic, String path, long[] time, double[] value) {
        static Points of(ChartSeries c) {
            SeriesData d = c.data();
            long[] t = new long[d.size()];
            double[] v = new double[d.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = d.time(i);
                v[i] = d.value(i);
            }
            return new Points(c.topic(), c.path().text(), t, v);
        }
    }

    /** RFC 4180 quoting where a field needs it. */
    static String quote(String f) {
        if (f.indexOf(',') < 0 && f.indexOf('"') < 0 && f.indexOf('\n') < 0 && f.indexOf('\r') < 0) {
            return f;
        }
        return '"' + f.replace("\"", "\"\"") + '"';
    }

    static void write(File file, String text) throws IOException {
        Files.writeString(file.toPath(), text, StandardCharsets.UTF_8);
    }

    static void png(File file, int[] argb, int width, int height) throws IOException {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, width, height, argb, 0, width);
        if (!ImageIO.write(out, "png", file)) {
            throw new IOException(io.mqscope.ui.I18n.t("chart.noPngWriter"));
        }
    }
}
