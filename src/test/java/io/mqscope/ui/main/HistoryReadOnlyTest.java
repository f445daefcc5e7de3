package io.mqscope.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.profile.Profile;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.store.HistoryLimits;
import io.mqscope.store.HistoryStore;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.settings.HistorySettings;
import io.mqscope.ui.settings.UiSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second app instance on the same config directory (issue 15): its history is read-only, and the window says so
 * in the connections' message line, the status bar and Settings, in English and Chinese.
 */
class HistoryReadOnlyTest {
    @AfterEach
    void english() {
        I18n.setLocale(I18n.ENGLISH);
    }

    @Test
    void the_second_instance_reads_the_history_and_says_it_keeps_nothing(@TempDir Path dir) throws Exception {
        Profile a = Profile.builder().id("a").name("A").host("127.0.0.1").port(1).build();
        for (Locale l : List.of(I18n.ENGLISH, I18n.CHINESE)) {
            I18n.setLocale(l);
            try (HistoryStore first = HistoryStore.openIn(dir, HistoryLimits.DEFAULT);
                 HistoryStore second = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
                first.record("a", new MessageEvent("s1", 0, Instant.now(), false, "kept/by/first", 0, false, false,
                        "x".getBytes(StandardCharsets.UTF_8), MessageProperties.NONE));
                first.flush(10_000);
                MainViewModel vm = new MainViewModel(UiSettings.DEFAULT, null,
                        new AppBackend(BrokerSettings.ephemeral(), second), ProfileRepository.inMemory(List.of(a)),
                        TaskExecutor.sameThread());
                vm.historyOnDisk().opened(null, HistorySettings.DEFAULT);
                String said = I18n.t("history.readOnly", second.file().toString());
                assertThat(vm.connections().errorProperty().get()).isEqualTo(said).contains(second.file().toString());
                assertThat(vm.historyOnDisk().lossesProperty().get()).isEqualTo(I18n.t("history.readOnlyStatus"));
                assertThat(vm.historyOnDisk().state()).isEqualTo(said);
                // a refresh does not replace what the status bar says with a count of drops
                vm.historyOnDisk().refresh();
                assertThat(vm.historyOnDisk().lossesProperty().get()).isEqualTo(I18n.t("history.readOnlyStatus"));
                // what the writing instance keeps is shown again here
                var entry = vm.connections().entries().stream().filter(e -> "a".equals(e.profile().id()))
                        .findFirst().orElseThrow();
                assertThat(entry.live().log().messages().entries().snapshot().items())
                        .extracting(MessageEvent::topic).contains("kept/by/first");
            }
        }
        assertThat(I18n.t("history.readOnlyStatus")).isNotEqualTo("History: read-only (another MQScope keeps it)");
    }
}
