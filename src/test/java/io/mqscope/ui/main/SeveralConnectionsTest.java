package io.mqscope.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.broker.LocalBroker;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.SavedSubscription;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.session.PublishRequest;
import io.mqscope.store.HistoryLimits;
import io.mqscope.store.HistoryStore;
import io.mqscope.testing.EmbeddedHiveMq;
import io.mqscope.testing.Mosquitto;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.messages.MessageRow;
import io.mqscope.ui.settings.UiSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, several connections at once: two connections to two different brokers (the embedded HiveMQ and
 * mosquitto), both connected at the same time, each subscribed to the same filter. Each one's messages land in its
 * own log, list, history and counters; the one not on screen counts its unread messages until it is shown.
 */
class SeveralConnectionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void two_connections_to_two_brokers_keep_their_messages_apart(@TempDir Path dir) throws Exception {
        Mosquitto.assumeInstalled();
        SavedSubscription all = new SavedSubscription("two/#", 0, false, false, 0, null, null, null);
        try (LocalBroker hive = EmbeddedHiveMq.start(); Mosquitto mosquitto = Mosquitto.startNew();
             HistoryStore history = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            Profile a = Profile.builder().id("a").name("HiveMQ").host("127.0.0.1").port(hive.tcpPort())
                    .subscriptions(List.of(all)).build();
            Profile b = Profile.builder().id("b").name("mosquitto").host("127.0.0.1").port(mosquitto.tcpPort)
                    .subscriptions(List.of(all)).build();
            AppBackend backend = new AppBackend(BrokerSettings.ephemeral(), history);
            MainViewModel vm = new MainViewModel(UiSettings.DEFAULT, null, backend,
                    ProfileRepository.inMemory(List.of(a, b)), TaskExecutor.sameThread());
            ConnectionEntry ea = entry(vm, "a");
            ConnectionEntry eb = entry(vm, "b");
            vm.connections().connect(ea);
            vm.connections().connect(eb);
            await().atMost(WAIT).until(() -> {
                vm.pulse(System.nanoTime());
                return ea.stateProperty().get() == ConnectionState.CONNECTED
                        && eb.stateProperty().get() == ConnectionState.CONNECTED;
            });
            vm.connections().selectedProperty().set(ea);

            for (int i = 0; i < 3; i++) {
                ea.live().session().publish(request("two/a", "for A " + i)).get(10, TimeUnit.SECONDS);
                eb.live().session().publish(request("two/b", "for B " + i)).get(10, TimeUnit.SECONDS);
            }
            eb.live().session().publish(request("two/b", "for B 3")).get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> ea.live().receivedCount() == 3 && eb.live().receivedCount() == 4);
            await().atMost(WAIT).until(() -> {
                vm.pulse(System.nanoTime());
                return vm.messages().visible().size() == 6;
            });

            // A on screen: only A's messages; B counts what it received meanwhile
            assertThat(topics(vm.messages().visible())).containsOnly("two/a");
            assertThat(ea.unreadProperty().get()).isZero();
            assertThat(eb.unreadProperty().get()).isEqualTo(4);
            assertThat(eb.live().log().messages().entries().snapshot().items()).extracting(MessageEvent::topic)
                    .containsOnly("two/b").hasSize(8);

            // B on screen: its messages, its unread count read
            vm.connections().selectedProperty().set(eb);
            await().atMost(WAIT).until(() -> {
                vm.pulse(System.nanoTime());
                return vm.messages().visible().size() == 8;
            });
            assertThat(topics(vm.messages().visible())).containsOnly("two/b");
            assertThat(eb.unreadProperty().get()).isZero();

            // and each one's history holds its own
            history.flush(10_000);
            assertThat(history.last("a", 100)).extracting(MessageEvent::topic).containsOnly("two/a").hasSize(6);
            assertThat(history.last("b", 100)).extracting(MessageEvent::topic).containsOnly("two/b").hasSize(8);
            vm.connections().shutdown();
        }
    }

    private static ConnectionEntry entry(MainViewModel vm, String id) {
        return vm.connections().entries().stream().filter(e -> id.equals(e.profile().id())).findFirst()
                .orElseThrow();
    }

    private static PublishRequest request(String topic, String text) {
        return new PublishRequest(topic, text.getBytes(StandardCharsets.UTF_8), 1, false, MessageProperties.NONE);
    }

    private static List<String> topics(List<MessageRow> rows) {
        return rows.stream().map(r -> r.event().topic()).toList();
    }
}
