package io.mqscope.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.profile.Profile;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.store.HistoryExport;
import io.mqscope.store.HistoryLimits;
import io.mqscope.store.HistoryQuery;
import io.mqscope.store.HistoryStore;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.messages.MessageRow;
import io.mqscope.ui.settings.UiSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages restored from the history and messages of the live session carry the same connection id, the
 * connection's (its profile's), so that whatever reads the id treats them alike (issue 15).
 */
class RestoredIdsTest {

    private static MessageEvent msg(String sessionId, int i, String topic) {
        return new MessageEvent(sessionId, i, Instant.ofEpochSecond(1_700_000_000L + i), false, topic, 0, false,
                false, ("v" + i).getBytes(StandardCharsets.UTF_8), MessageProperties.NONE);
    }

    @Test
    void restored_and_live_messages_of_a_connection_carry_its_id(@TempDir Path dir) throws Exception {
        Profile a = Profile.builder().id("a").name("A").host("127.0.0.1").port(1).build();
        Profile b = Profile.builder().id("b").name("B").host("127.0.0.1").port(2).build();
        try (HistoryStore earlier = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            earlier.record("a", msg("s1", 1, "old/1"));
            earlier.record("a", msg("s1", 2, "old/2"));
        }
        try (HistoryStore history = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            MainViewModel vm = new MainViewModel(UiSettings.DEFAULT, null,
                    new AppBackend(BrokerSettings.ephemeral(), history), ProfileRepository.inMemory(List.of(a, b)),
                    TaskExecutor.sameThread());
            ConnectionEntry ea = entry(vm, "a");
            ConnectionEntry eb = entry(vm, "b");
            vm.connections().selectedProperty().set(eb);
            vm.pulse(System.nanoTime());
            // the session of this run has an id of its own; what it reports enters the log under the connection's
            ea.live().listener().onMessage(msg("s42", 3, "new/3"));
            vm.pulse(System.nanoTime() + 1_000_000_000L);
            assertThat(ea.unreadProperty().get()).as("the live one is new, the restored ones are not").isEqualTo(1);
            vm.connections().selectedProperty().set(ea);
            vm.pulse(System.nanoTime() + 2_000_000_000L);
            List<MessageEvent> shown = vm.messages().visible().stream().map(MessageRow::event).toList();
            assertThat(shown).extracting(MessageEvent::topic).containsExactly("old/1", "old/2", "new/3");
            assertThat(shown).extracting(MessageEvent::connectionId).containsOnly("a");
            // the search and the export read the same ids from the store and from memory
            history.record("a", shown.get(2));
            history.flush(10_000);
            assertThat(history.search(HistoryQuery.all("a"), 10).newest()).extracting(MessageEvent::connectionId)
                    .containsOnly("a");
            Path out = dir.resolve("mem.jsonl");
            HistoryExport.write(shown, out, HistoryExport.Format.JSON_LINES, p -> { }, () -> false);
            assertThat(Files.readAllLines(out)).hasSize(3).allMatch(l -> l.contains("\"connection\":\"a\""));
        }
    }

    private static ConnectionEntry entry(MainViewModel vm, String id) {
        return vm.connections().entries().stream().filter(e -> id.equals(e.profile().id())).findFirst()
                .orElseThrow();
    }
}
