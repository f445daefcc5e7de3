package io.mqscope.ui.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.profile.Profile;
import io.mqscope.session.MessageEvent;
import io.mqscope.session.MessageProperties;
import io.mqscope.store.HistoryLimits;
import io.mqscope.store.HistoryStore;
import io.mqscope.ui.DesktopApp;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 15, time range: "From … to …" in the real window takes two typed local times and finds what the stored
 * history holds between them (not only the rows in memory), with its count, combined with the search box; a time
 * that does not read is marked and said.
 */
@ExtendWith(ApplicationExtension.class)
class TimeRangeFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** One message a minute from 08:00 to 09:59 on that day, local time; every tenth says "alarm". */
    private static final LocalDateTime START = LocalDateTime.of(2026, 1, 31, 8, 0);

    @TempDir
    static Path dir;

    private HistoryStore history;
    private AppBackend backend;
    private ExecutorService pool;
    private MainView view;

    @Start
    void start(Stage stage) throws Exception {
        stage.setWidth(1280);
        stage.setHeight(820);
        try (HistoryStore earlier = HistoryStore.openIn(dir, HistoryLimits.DEFAULT)) {
            for (int i = 0; i < 120; i++) {
                String text = i % 10 == 0 ? "alarm " + i : "reading " + i;
                earlier.record(Profile.LOCAL_BROKER_ID, new MessageEvent("s1", i,
                        START.plusMinutes(i).atZone(ZoneId.systemDefault()).toInstant(), false, "plant/" + i, 0, false,
                        false, text.getBytes(StandardCharsets.UTF_8), MessageProperties.NONE));
            }
        }
        history = HistoryStore.openIn(dir, HistoryLimits.DEFAULT);
        backend = new AppBackend(BrokerSettings.ephemeral(), history);
        pool = Executors.newCachedThreadPool();
        view = DesktopApp.open(stage, UiSettings.DEFAULT, backend, ProfileRepository.inMemory(List.of()), pool);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::shutdown);
        backend.shutdown();
        pool.shutdownNow();
        history.close();
    }

    private String countText(FxRobot robot) {
        return Fx.read(() -> robot.lookup("#searchCount").queryAs(Label.class).getText());
    }

    @Test
    void a_typed_range_finds_the_stored_messages_in_it(FxRobot robot) {
        // restored at start, then cleared from memory: what the range finds comes from the disk
        await().atMost(WAIT).until(() -> Fx.read(() -> view.viewModel().messages().visible().size()) == 120);
        robot.interact(() -> view.viewModel().messages().clear());
        // the range's fields show only while it is chosen
        assertThat(Fx.read(() -> robot.lookup("#filterFrom").query().getParent().isVisible())).isFalse();

        robot.interact(() -> robot.lookup("#filterTime").queryAs(ChoiceBox.class)
                .setValue(HistorySearchViewModel.TimeRange.CUSTOM));
        assertThat(Fx.read(() -> robot.lookup("#filterFrom").query().getParent().isVisible())).isTrue();
        robot.clickOn("#filterFrom").write("2026-01-31 08:30");
        robot.clickOn("#filterTo").write("2026-01-31 09:00");
        // 08:30 to 08:59
        await().atMost(WAIT).until(() -> countText(robot).equals(I18n.t("search.count", 30)));
        assertThat(Fx.read(() -> view.viewModel().messages().visible().stream().map(r -> r.event().topic())
                .toList())).hasSize(30).startsWith("plant/30").endsWith("plant/59");

        // with the search box: alarms in the range
        robot.clickOn("#messageSearch").write("alarm");
        await().atMost(WAIT).until(() -> countText(robot).equals(I18n.t("search.count", 3)));

        // an hour that does not exist: marked, said, and the range is not used (every alarm of the day)
        robot.doubleClickOn("#filterTo");
        robot.interact(() -> robot.lookup("#filterTo").queryAs(TextField.class).setText("2026-01-31 24:30"));
        await().atMost(WAIT).until(() -> countText(robot).equals(I18n.t("search.count", 12)));
        assertThat(Fx.read(() -> robot.lookup("#searchError").queryAs(Label.class).getText()))
                .isEqualTo(I18n.t("filter.time.invalid"));
        assertThat(Fx.read(() -> robot.lookup("#filterTo").query().getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("danger")))).isTrue();
    }
}
