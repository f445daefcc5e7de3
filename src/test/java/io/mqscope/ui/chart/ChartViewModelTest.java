package io.mqscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartViewModelTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final ChartViewModel vm = new ChartViewModel(TaskExecutor.sameThread(), now::get, 1_000);

    private MessageEvent msg(String topic, String payload, long at) {
        return new MessageEvent("c", at * 1_000_000, Instant.ofEpochMilli(at), false, topic, 0, false, false,
                payload.getBytes(StandardCharsets.UTF_8), MessageProperties.NONE);
    }

    @Test
    void series_take_the_numbers_of_matching_topics() {
        assertThat(vm.add("sensors/+/temp", "$")).isNull();
        assertThat(vm.add("sensors/#", "$.sensors[0].value")).isNull();
        long t = now.get();
        vm.accept(List.of(msg("sensors/a/temp", "21.5", t), msg("sensors/b/temp", "{\"x\":1}", t + 1),
                msg("sensors/j", "{\"sensors\":[{\"value\":7}]}", t + 2), msg("other", "1", t + 3)));
        ChartSeries temp = vm.series().get(0);
        ChartSeries json = vm.series().get(1);
        assertThat(temp.data().size()).isEqualTo(1);
        assertThat(temp.data().value(0)).isEqualTo(21.5);
        assertThat(temp.skipped()).isEqualTo(1);
        assertThat(temp.lastProblem()).startsWith("not a number");
        // sensors/# also matched the two temp topics: one is not JSON, the other lacks the path
        assertThat(json.data().size()).isEqualTo(1);
        assertThat(json.data().value(0)).isEqualTo(7);
        assertThat(json.data().time(0)).isEqualTo(t + 2);
        assertThat(json.skipped()).isEqualTo(2);
    }

    @Test
    void our_own_publishes_are_not_plotted() {
        vm.add("t", "$");
        vm.accept(List.of(new MessageEvent("c", 1, Instant.ofEpochMilli(5), true, "t", 0, false, false,
                "1".getBytes(StandardCharsets.UTF_8), MessageProperties.NONE), msg("t", "2", 6)));
        assertThat(vm.series().get(0).data().size()).isEqualTo(1);
        assertThat(vm.series().get(0).data().value(0)).isEqualTo(2);
    }

    @Test
    void bad_topic_or_path_is_refused_with_the_reason() {
        assertThat(vm.add("", "$")).isEqualTo("Enter a topic.");
        assertThat(vm.add("a/#/b", "$")).startsWith("Not a valid topic filter");
        assertThat(vm.add("a", "$.x[")).startsWith("Column 5");
        assertThat(vm.series()).isEmpty();
    }

    @Test
    void bounded_per_series_under_a_long_flood() {
        vm.add("f", "$.v");
        long t = now.get();
        for (int batch = 0; batch < 100; batch++) {
            List<MessageEvent> b = new java.util.ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                b.add(msg("f", "{\"v\":" + (batch * 1000 + i) + "}", t++));
            }
            vm.accept(b);
        }
        SeriesData d = vm.series().get(0).data();
        assertThat(d.size()).isLessThanOrEqualTo(1_000);
        assertThat(d.total()).isEqualTo(100_000);
        assertThat(d.value(d.size() - 1)).isEqualTo(99_999);
    }

    @Test
    void window_pause_zoom_and_pan_choose_the_span() {
        vm.windowMinutesProperty().set(5);
        assertThat(vm.range()).isEqualTo(new ChartViewModel.Range(now.get() - 300_000, now.get()));
        vm.zoom(0.5, 1.0);
        assertThat(vm.range().to() - vm.range().from()).isEqualTo(150_000);
        vm.pausedProperty().set(true);
        long pausedAt = now.get();
        now.addAndGet(60_000);
        assertThat(vm.range().to()).as("paused: the axis stays").isEqualTo(pausedAt);
        vm.pan(-0.5);
        assertThat(vm.range().to()).isEqualTo(pausedAt - 75_000);
        vm.live();
        assertThat(vm.pausedProperty().get()).isFalse();
        assertThat(vm.range()).isEqualTo(new ChartViewModel.Range(now.get() - 300_000, now.get()));
        vm.windowMinutesProperty().set(0);
        assertThat(vm.range().to() - vm.range().from()).isEqualTo(ChartViewModel.MIN_SPAN);
    }

    @Test
    void candidates_offer_the_numbers_of_a_payload() {
        assertThat(ChartViewModel.candidates("23.5".getBytes(StandardCharsets.UTF_8))).containsExactly("$");
        assertThat(ChartViewModel.candidates("{\"t\":1,\"h\":[2]}".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("$.t", "$.h[0]");
        assertThat(ChartViewModel.candidates("hello".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void csv_export_writes_every_kept_point(@TempDir Path dir) throws Exception {
        vm.add("a,b", "$");
        vm.accept(List.of(msg("a,b", "1.5", 1_000), msg("a,b", "2", 2_000)));
        Path f = dir.resolve("c.csv");
        vm.exportCsv(f.toFile());
        assertThat(Files.readAllLines(f)).containsExactly("time,epoch_ms,topic,path,value",
                "1970-01-01T00:00:01Z,1000,\"a,b\",$,1.5", "1970-01-01T00:00:02Z,2000,\"a,b\",$,2.0");
        assertThat(vm.statusProperty().get()).isEqualTo("Saved c.csv");
        vm.exportCsv(dir.resolve("no/such/dir.csv").toFile());
        assertThat(vm.statusProperty().get()).startsWith("Cannot write dir.csv");
    }

    @Test
    void png_export_writes_an_image(@TempDir Path dir) throws Exception {
        int[] argb = new int[20 * 10];
        java.util.Arrays.fill(argb, 0xff336699);
        Path f = dir.resolve("c.png");
        vm.exportPng(f.toFile(), argb, 20, 10);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(f.toFile());
        assertThat(img.getWidth()).isEqualTo(20);
        assertThat(img.getRGB(5, 5) & 0xffffff).isEqualTo(0x336699);
    }
}
