package io.mqscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesDataTest {

    @Test
    void stays_within_capacity_and_keeps_every_point_until_full() {
        SeriesData d = new SeriesData(10_000);
        for (int i = 0; i < 10_000; i++) {
            d.add(i, i);
        }
        assertThat(d.size()).isEqualTo(10_000);
        assertThat(d.value(9_999)).isEqualTo(9_999);
        for (int i = 0; i < 1_000_000; i++) {
            d.add(10_000 + i, Math.sin(i / 100.0));
        }
        assertThat(d.size()).isLessThanOrEqualTo(10_000).isGreaterThan(5_000);
        assertThat(d.total()).isEqualTo(1_010_000);
        // time stays ordered after thinning, and the newest point is exact
        for (int i = 1; i < d.size(); i++) {
            assertThat(d.time(i)).isGreaterThanOrEqualTo(d.time(i - 1));
        }
        assertThat(d.time(d.size() - 1)).isEqualTo(1_009_999);
    }

    @Test
    void thinning_keeps_the_peak_and_the_dip() {
        SeriesData d = new SeriesData(1_000);
        for (int i = 0; i < 200_000; i++) {
            double v = i == 1234 ? 1e6 : i == 98_765 ? -1e6 : (i % 7);
            d.add(i, v);
        }
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        long maxAt = -1;
        long minAt = -1;
        for (int i = 0; i < d.size(); i++) {
            if (d.value(i) > max) {
                max = d.value(i);
                maxAt = d.time(i);
            }
            if (d.value(i) < min) {
                min = d.value(i);
                minAt = d.time(i);
            }
        }
        assertThat(d.size()).isLessThanOrEqualTo(1_000);
        assertThat(max).isEqualTo(1e6);
        assertThat(maxAt).isEqualTo(1234);
        assertThat(min).isEqualTo(-1e6);
        assertThat(minAt).isEqualTo(98_765);
    }

    @Test
    void a_time_before_the_last_is_taken_as_the_last() {
        SeriesData d = new SeriesData(16);
        d.add(100, 1);
        d.add(90, 2);
        assertThat(d.time(1)).isEqualTo(100);
    }

    @Test
    void columns_hold_min_and_max_per_pixel_and_count_points_in_range() {
        SeriesData d = new SeriesData(1_000);
        for (int i = 0; i < 100; i++) {
            d.add(i, i % 10);
        }
        SeriesData.Columns c = d.columns(0, 99, 10);
        assertThat(c.points()).isEqualTo(100);
        assertThat(c.min()).containsOnly(0.0);
        assertThat(c.max()).containsOnly(9.0);
        SeriesData.Columns part = d.columns(50, 59, 100);
        assertThat(part.points()).isEqualTo(10);
        assertThat(part.min()[99]).isEqualTo(9.0);
        assertThat(part.min()[1]).isNaN(); // a column with no point
        assertThat(d.columns(200, 300, 10).points()).isZero();
    }
}
