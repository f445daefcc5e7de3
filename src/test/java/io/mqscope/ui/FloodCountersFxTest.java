package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.session.PublishRequest;
import io.mqscope.session.Session;
import io.mqscope.store.SessionLog;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.ui.settings.UiSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14 item 18: 50,000 messages through the built-in broker; every counter says 50,000. The subscription counter
 * read 48,904 once: it counted what the pulse read from the bounded log, and the log had dropped the rest by then.
 * The buffer keeps at most 100 messages here, so kept + dropped adds up to what went through, and the status bar says
 * both.
 */
@ExtendWith(ApplicationExtension.class)
class FloodCountersFxTest {
    private static final int N = 50_000;
    private static final int WINDOW = 500;
    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        // a buffer of 100 messages: it drops most messages before a pulse reads them, as 10,000 did in the real flood
        window = BuiltInBrokerWindow.with().settings(new UiSettings(java.util.Locale.ENGLISH, false, 100, 100, null))
                .open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
    }

    @Test
    void every_counter_says_fifty_thousand(FxRobot robot) {
        MainViewModel vm = window.vm();
        ConnectionEntry local = window.connectLocalBroker(robot);
        robot.interact(() -> {
            vm.subscriptions().filterProperty().set("flood/#");
            vm.subscriptions().qosProperty().set(1);
            assertThat(vm.subscriptions().add()).isTrue();
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> Fx.read(() -> vm.subscriptions().statusProperty().get())
                .equals(I18n.t("subscriptions.subscribed", "flood/#")));
        Session s = local.live().session();
        // QoS 1 both ways, in windows of 500: the broker's per-client queue drops what a slow subscriber has not
        // taken beyond its limit, and then nothing could add up (the app's counters are what this test is about)
        for (int from = 0; from < N; from += WINDOW) {
            CompletableFuture<?>[] sent = new CompletableFuture<?>[WINDOW];
            for (int i = 0; i < WINDOW; i++) {
                int n = from + i;
                sent[i] = s.publish(new PublishRequest("flood/" + (n % 10),
                        ("m" + n).getBytes(StandardCharsets.UTF_8), 1, false, null));
            }
            CompletableFuture.allOf(sent).join();
            long expected = from + WINDOW;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> local.live().receivedCount(), org.hamcrest.Matchers.is(expected));
        }
        assertThat(local.live().sentCount()).isEqualTo(N);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Fx.read(() -> vm.subscriptions().rows().get(0).countProperty().get()) == N);
        SessionLog log = local.live().log();
        long kept = log.messages().entries().size();
        long dropped = log.messages().entries().evicted();
        assertThat(kept + dropped).as("kept + dropped: every message in and out").isEqualTo(2L * N);
        // nothing arrives any more: the status bar's next refresh holds the final numbers
        await().atMost(Duration.ofSeconds(10)).until(() -> Fx.read(() -> vm.statusBufferProperty().get()).equals(
                I18n.t("status.bufferDropped", kept, log.messages().entries().maxEntries(),
                        log.packets().entries().size(), log.packets().entries().maxEntries(), dropped)));
    }
}
