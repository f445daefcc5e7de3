package io.mqscope.ui.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mqscope.session.MessageEvent;
import io.mqscope.ui.I18n;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the numbers of a batch of messages for every series, off the FX thread: reading JSON for 20,000 messages a
 * second is most of a chart's cost (streamed, see {@link ValuePath#read(byte[])}), so the FX thread only appends the
 * points this returns. Reads only what a series
 * never changes (its topic filter and path).
 */
final class ChartFeed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartFeed() {
    }

    /** The points (and problems) of one series from one batch. */
    static final class Points {
        long[] time = new long[16];
        double[] value = new double[16];
        int size;
        long skipped;
        String lastProblem;

        void add(long t, double v) {
            if (size == time.length) {
                time = Arrays.copyOf(time, size * 2);
                value = Arrays.copyOf(value, size * 2);
            }
            time[size] = t;
            value[size++] = v;
        }
    }

    /** For each of {@code series}, in order, what the messages of {@code batch} gave it. */
    static Points[] read(List<MessageEvent> batch, List<ChartSeries> series) {
        Points[] out = new Points[series.size()];
        for (int s = 0; s < out.length; s++) {
            out[s] = new Points();
        }
        for (MessageEvent m : batch) {
            for (int s = 0; s < out.length; s++) {
                ChartSeries c = series.get(s);
                if (!c.matches(m.topic())) {
                    continue;
                }
                ValuePath.Reading r = c.path().root() ? ValuePath.text(new String(m.payload(), StandardCharsets.UTF_8))
                        : c.path().read(m.payload());
                if (r.ok()) {
                    out[s].add(m.time().toEpochMilli(), r.value());
                } else {
                    out[s].skipped++;
                    out[s].lastProblem = r.problem();
                }
            }
        }
        return out;
    }

    static JsonNode json(byte[] payload) {
        try {
            return payload.length == 0 ? null : JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }
}
