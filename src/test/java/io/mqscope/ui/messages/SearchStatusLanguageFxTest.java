package io.mqscope.ui.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.ui.DesktopApp;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.NoBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Messages view's search status ("N matches") follows a live language switch made in the Settings dialog: the
 * view model keeps what the line says as a key and arguments and says it again; nothing is searched again.
 */
@ExtendWith(ApplicationExtension.class)
class SearchStatusLanguageFxTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private ExecutorService pool;
    private MainView main;

    @Start
    void start(Stage stage) {
        pool = Executors.newCachedThreadPool();
        stage.setWidth(1280);
        stage.setHeight(820);
        main = DesktopApp.open(stage, UiSettings.DEFAULT, new NoBackend(), ProfileRepository.inMemory(List.of()),
                pool);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(main::shutdown);
        robot.interact(() -> I18n.setLocale(I18n.ENGLISH));
        pool.shutdownNow();
    }

    private static String count(FxRobot robot) {
        return Fx.read(() -> robot.lookup("#searchCount").queryAs(Label.class).getText());
    }

    @Test
    void the_search_status_is_said_again_in_chinese(FxRobot robot) {
        HistorySearchViewModel search = main.viewModel().search();
        robot.interact(() -> search.searchProperty().set("nothing-matches-this"));
        await().atMost(WAIT).until(() -> count(robot).equals("0 matches"));

        robot.clickOn("#settingsButton");
        robot.clickOn("简体中文");
        robot.clickOn("OK");

        await().atMost(WAIT).until(() -> count(robot).equals("0 条匹配"));
        assertThat(Fx.read(() -> search.statusProperty().get())).isEqualTo("0 条匹配");
        assertThat(Fx.read(() -> search.searchProperty().get())).isEqualTo("nothing-matches-this");
    }
}
