package io.mqscope.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.profile.Profile;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.store.HistoryLimits;
import io.mqscope.store.HistoryStore;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.settings.HistorySettings;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: on start, each connection shows its last messages again, from the history of an earlier run. */
class HistoryRestoreTest {

    @Test
    void each_connection_shows_its_last_messages_again_without_counting_them_unread(@TempDir Path dir)
            throws Exception {
        Profile a = Profile.builder().id("a").name("A").host("127.0.0.1").port(1).build();
        Profile b = Profile.builder().id("b").name("B").host("127.0.0.1").port(2).build();
        try (HistoryStore earlier = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            for (int i = 0; i < 3_000; i++) {
                earlier.record(i % 2 == 0 ? "a" : "b", new MessageEvent("s1", i, Instant.ofEpochSecond(i), false,
                        (i % 2 == 0 ? "a/" : "b/") + i, 0, false, false, ("v" + i).getBytes(StandardCharsets.UTF_8),
                        MessageProperties.NONE));
            }
        }
        try (HistoryStore history = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            MainViewModel vm = new MainViewModel(UiSettings.DEFAULT, new SettingsFile(dir.resolve("ui.properties")),
                    new AppBackend(BrokerSettings.ephemeral(), history), ProfileRepository.inMemory(List.of(a, b)),
                    TaskExecutor.sameThread());
            ConnectionEntry ea = entry(vm, "a");
            ConnectionEntry eb = entry(vm, "b");
            List<MessageEvent> restoredA = ea.live().log().messages().entries().snapshot().items();
            // the newest of each (as many as a list shows), in order
            assertThat(restoredA).hasSize(1_500);
            assertThat(restoredA.get(restoredA.size() - 1).topic()).isEqualTo("a/2998");
            assertThat(eb.live().log().messages().entries().snapshot().items()).extracting(MessageEvent::topic)
                    .allMatch(t -> t.startsWith("b/")).hasSize(1_500);
            // on screen after the next pulse, and not counted as new
            vm.connections().selectedProperty().set(ea);
            vm.pulse(System.nanoTime());
            assertThat(vm.messages().visible()).hasSize(1_500);
            assertThat(eb.unreadProperty().get()).isZero();
            assertThat(ea.live().receivedCount()).isZero();

            // the history's bounds in Settings: applied to the store and saved beside the settings
            vm.historyOnDisk().apply(new HistorySettings(300, 20));
            assertThat(HistorySettings.load(new SettingsFile(dir.resolve("ui.properties"))))
                    .isEqualTo(new HistorySettings(300, 20));
        }
    }

    private static ConnectionEntry entry(MainViewModel vm, String id) {
        return vm.connections().entries().stream().filter(e -> id.equals(e.profile().id())).findFirst()
                .orElseThrow();
    }
}
