package io.mqscope.ui;

import static io.mqscope.ui.Events.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Topics seen complete the publish topic and the subscribe filter (ControlsFX auto-completion). */
@ExtendWith(ApplicationExtension.class)
class TopicCompletionFxTest {
    private MainView view;
    private ExecutorService pool;

    @Start
    void start(Stage stage) {
        pool = Executors.newSingleThreadExecutor();
        view = DesktopApp.open(stage, UiSettings.DEFAULT, new NoBackend(), ProfileRepository.inMemory(List.of()),
                pool);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::shutdown);
        pool.shutdownNow();
    }

    @Test
    void a_seen_topic_completes_the_publish_topic_and_the_filter(FxRobot robot) {
        robot.interact(() -> view.viewModel().seenTopics().addAll(List.of(msg("sensors/room1/temp", "21", false),
                msg("sensors/room2/temp", "19", false), msg("cmd/light", "on", false))));
        for (String id : List.of("#publishTopic", "#subscriptionFilter")) {
            TextField field = robot.lookup(id).queryAs(TextField.class);
            robot.interact(() -> field.setText(""));
            robot.clickOn(field).write("room1");
            await().until(() -> Fx.read(() -> robot.lookup(".auto-complete-popup .list-view").tryQuery()
                    .map(n -> new ArrayList<>(((ListView<?>) n).getItems())).orElse(new ArrayList<>()))
                    .contains("sensors/room1/temp"));
            robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
            assertThat(Fx.<String>read(field::getText)).as(id).isEqualTo("sensors/room1/temp");
        }
    }
}
