package io.mqscope.ui.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.store.HistoryExport;
import io.mqscope.store.HistoryLimits;
import io.mqscope.store.HistoryStore;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistorySearchViewModelTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    static MessageEvent msg(int i, boolean out, int qos, boolean retain, Instant t, String topic, String text) {
        return new MessageEvent("s1", i, t, out, topic, qos, retain, false, text.getBytes(StandardCharsets.UTF_8),
                MessageProperties.NONE);
    }

    private static List<MessageEvent> sample() {
        List<MessageEvent> l = new ArrayList<>();
        l.add(msg(0, false, 0, false, NOW.minusSeconds(7200), "old/alarm", "alarm, long ago"));
        l.add(msg(1, false, 1, true, NOW.minusSeconds(60), "plant/a", "ALARM high"));
        l.add(msg(2, true, 2, false, NOW.minusSeconds(30), "cmd/a", "ack alarm"));
        l.add(msg(3, false, 0, false, NOW.minusSeconds(10), "plant/b", "quiet"));
        return l;
    }

    private HistorySearchViewModel model(HistoryStore store, MessagesViewModel messages, List<MessageEvent> memory) {
        HistorySearchViewModel s = new HistorySearchViewModel(store, messages, TaskExecutor.sameThread(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        s.setConnection("c1", () -> memory);
        return s;
    }

    @Test
    void search_in_the_stored_history_counts_filters_and_walks_the_hits() throws Exception {
        try (HistoryStore store = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            sample().forEach(m -> store.record("c1", m));
            store.flush(10_000);
            MessagesViewModel messages = new MessagesViewModel(100);
            // nothing in memory: what is found comes from the disk
            HistorySearchViewModel s = model(store, messages, List.of());
            s.searchProperty().set("alarm");
            assertThat(s.countProperty().get()).isEqualTo(3);
            assertThat(s.statusProperty().get()).isEqualTo(I18n.t("search.count", 3));
            assertThat(messages.visible()).hasSize(3);
            assertThat(messages.highlightProperty().get().text()).isEqualTo("alarm");

            s.next();
            assertThat(messages.selectedProperty().get().event().topic()).isEqualTo("old/alarm");
            s.previous();
            assertThat(messages.selectedProperty().get().event().topic()).isEqualTo("cmd/a");
            assertThat(s.hitText()).isEqualTo(I18n.t("search.hit", 3, 3));

            s.timeProperty().set(HistorySearchViewModel.TimeRange.LAST_HOUR);
            assertThat(s.countProperty().get()).isEqualTo(2);
            s.directionProperty().set(HistorySearchViewModel.DirectionChoice.IN);
            assertThat(s.countProperty().get()).isEqualTo(1);
            s.directionProperty().set(HistorySearchViewModel.DirectionChoice.ANY);
            s.retainProperty().set(true);
            assertThat(s.countProperty().get()).isEqualTo(1);
            s.retainProperty().set(null);
            s.qosProperty().set(2);
            assertThat(s.countProperty().get()).isEqualTo(1);
            s.qosProperty().set(null);
            messages.topicFilterProperty().set("plant/#");
            assertThat(s.countProperty().get()).isEqualTo(1);

            // an empty box: the live list again
            s.searchProperty().set("");
            assertThat(messages.showingResults()).isFalse();
            assertThat(s.countProperty().get()).isEqualTo(-1);
        }
    }

    @Test
    void filters_narrow_the_live_list_and_without_a_history_the_search_reads_memory() {
        MessagesViewModel messages = new MessagesViewModel(100);
        List<MessageEvent> memory = sample();
        messages.setSource(() -> memory, () -> { });
        HistorySearchViewModel s = model(null, messages, memory);
        assertThat(messages.visible()).hasSize(4);
        s.directionProperty().set(HistorySearchViewModel.DirectionChoice.OUT);
        assertThat(messages.visible()).extracting(r -> r.event().topic()).containsExactly("cmd/a");
        s.directionProperty().set(HistorySearchViewModel.DirectionChoice.ANY);
        s.timeProperty().set(HistorySearchViewModel.TimeRange.LAST_5_MINUTES);
        assertThat(messages.visible()).hasSize(3);
        s.searchProperty().set("ALARM");
        assertThat(s.countProperty().get()).isEqualTo(2);
    }

    @Test
    void export_writes_the_filtered_messages_as_json_lines_or_csv_with_progress_to_the_end() throws Exception {
        try (HistoryStore store = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            sample().forEach(m -> store.record("c1", m));
            store.record("c1", new MessageEvent("s1", 9, NOW, false, "bin", 0, false, false,
                    new byte[] {(byte) 0xff, 0, 'a'}, MessageProperties.NONE));
            store.flush(10_000);
            MessagesViewModel messages = new MessagesViewModel(100);
            HistorySearchViewModel s = model(store, messages, List.of());
            Path all = dir.resolve("all.jsonl");
            s.export().export(s.query(), List.of(), all, HistoryExport.Format.JSON_LINES);
            assertThat(s.export().progressProperty().get()).isEqualTo(1.0);
            assertThat(s.export().statusProperty().get()).isEqualTo(I18n.t("export.done", 5, all.toString()));
            List<String> lines = Files.readAllLines(all);
            assertThat(lines).hasSize(5);
            assertThat(lines.get(0)).contains("\"topic\":\"old/alarm\"", "\"payload_text\":\"alarm, long ago\"");
            // bytes that are not UTF-8: hex only, nothing guessed
            assertThat(lines.get(4)).contains("\"payload_hex\":\"ff0061\"").doesNotContain("payload_text");

            s.searchProperty().set("alarm");
            Path csv = dir.resolve("alarms.csv");
            s.export().export(s.query(), List.of(), csv, HistoryExport.Format.CSV);
            List<String> rows = Files.readAllLines(csv);
            assertThat(rows).hasSize(4);
            assertThat(rows.get(0)).isEqualTo("time,direction,topic,qos,retain,dup,payload_hex,payload_text");
            assertThat(rows.get(1)).endsWith(",\"alarm, long ago\"");
            assertThat(rows.get(3)).startsWith(NOW.minusSeconds(30) + ",out,cmd/a,2,false,false,61636b20616c61726d,");
        }
    }

    @Test
    void a_custom_time_range_searches_the_stored_history_with_the_other_filters() throws Exception {
        try (HistoryStore store = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            sample().forEach(m -> store.record("c1", m));
            store.flush(10_000);
            MessagesViewModel messages = new MessagesViewModel(100);
            HistorySearchViewModel s = model(store, messages, List.of());
            s.timeProperty().set(HistorySearchViewModel.TimeRange.CUSTOM);
            // nothing typed yet: the live list, no search
            assertThat(s.countProperty().get()).isEqualTo(-1);
            s.span().fromProperty().set("2026-03-01 11:58");
            s.span().toProperty().set("2026-03-01T11:59:45");
            // from the disk, nothing in memory: 11:59:00 and 11:59:30, not 10:00 or 11:59:50
            assertThat(s.countProperty().get()).isEqualTo(2);
            assertThat(messages.visible()).extracting(r -> r.event().topic()).containsExactly("plant/a", "cmd/a");
            s.directionProperty().set(HistorySearchViewModel.DirectionChoice.OUT);
            assertThat(s.countProperty().get()).isEqualTo(1);
            s.directionProperty().set(HistorySearchViewModel.DirectionChoice.ANY);
            s.searchProperty().set("ALARM");
            assertThat(s.countProperty().get()).isEqualTo(2);
            s.searchProperty().set("");
            // a date alone as the end takes in the whole day; an open start
            s.span().fromProperty().set("");
            s.span().toProperty().set("2026-03-01");
            assertThat(s.countProperty().get()).isEqualTo(4);
            s.span().toProperty().set("2026-02-28");
            assertThat(s.countProperty().get()).isZero();
            // the live list follows the same range
            assertThat(s.filter(NOW).test(sample().get(3))).isFalse();
            // what does not read says so and is not used
            s.span().toProperty().set("2026-03-01 25:00");
            assertThat(s.span().errorProperty().get()).isEqualTo(I18n.t("filter.time.invalid"));
            assertThat(s.query().to()).isNull();
            s.span().fromProperty().set("2026-03-02");
            s.span().toProperty().set("2026-03-01");
            assertThat(s.span().errorProperty().get()).isEqualTo(I18n.t("filter.time.order"));
            // the presets stay, and leave the range
            s.timeProperty().set(HistorySearchViewModel.TimeRange.LAST_HOUR);
            assertThat(s.query().from()).isEqualTo(NOW.minusSeconds(3600));
            assertThat(s.query().to()).isNull();
            assertThat(messages.showingResults()).isFalse();
        }
    }

    @Test
    void stored_matches_of_an_earlier_run_are_marked_restored_and_those_of_this_run_are_not() throws Exception {
        try (HistoryStore store = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            // this run began at NOW (the model's clock): the sample is older, one message came since
            sample().forEach(m -> store.record("c1", m));
            store.record("c1", msg(4, false, 0, false, NOW.plusSeconds(5), "plant/c", "alarm now"));
            store.flush(10_000);
            MessagesViewModel messages = new MessagesViewModel(100);
            HistorySearchViewModel s = model(store, messages, List.of());
            s.searchProperty().set("alarm");
            assertThat(messages.visible()).extracting(r -> r.event().topic() + " " + r.restored())
                    .containsExactly("old/alarm true", "plant/a true", "cmd/a true", "plant/c false");
            assertThat(messages.visible().get(0).time()).startsWith(MessageRow.RESTORED_MARK);
            assertThat(messages.visible().get(3).time()).doesNotContain(MessageRow.RESTORED_MARK.trim());
        }
        // searched in memory (no history on disk): the list's own marks decide, not the time
        MessagesViewModel messages = new MessagesViewModel(100);
        List<MessageEvent> memory = sample();
        messages.setRestored(m -> m == memory.get(1));
        messages.setSource(() -> memory, () -> { });
        HistorySearchViewModel s = model(null, messages, memory);
        s.searchProperty().set("alarm");
        assertThat(messages.visible()).extracting(r -> r.event().topic() + " " + r.restored())
                .containsExactly("old/alarm false", "plant/a true", "cmd/a false");
    }
}
