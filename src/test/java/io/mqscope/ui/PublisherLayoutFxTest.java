package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 14 item 10: the publisher does not call an untouched topic empty on first start, and its error coming and
 * going moves no control (a click meant for a format button lands on it).
 */
@ExtendWith(ApplicationExtension.class)
class PublisherLayoutFxTest {
    private MainView view;
    private ExecutorService io;

    @Start
    void start(Stage stage) {
        io = Executors.newSingleThreadExecutor();
        view = DesktopApp.open(stage, UiSettings.DEFAULT, new NoBackend(), ProfileRepository.inMemory(List.of()), io);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::shutdown);
        io.shutdownNow();
    }

    /** The error line keeps its height with a no-break space when there is no error. */
    private static boolean blank(String s) {
        return s.replace((char) 0xa0, ' ').isBlank();
    }

    private static double sceneY(Node n) {
        return n.localToScene(n.getLayoutBounds()).getMinY();
    }

    @Test
    void the_topic_is_checked_after_the_first_edit_and_nothing_moves(FxRobot robot) {
        Label error = robot.lookup("#topicError").queryAs(Label.class);
        Node json = robot.lookup("#modeJSON").query();
        assertThat(Fx.read(() -> blank(error.getText()))).as("no error before anything was typed").isTrue();
        double before = Fx.read(() -> sceneY(json));

        robot.clickOn("#publishTopic").write("a/+");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Fx.read(error::getText)).contains("'+'");
        assertThat(Fx.read(() -> sceneY(json))).isEqualTo(before);

        robot.eraseText(3);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Fx.read(error::getText)).isEqualTo(TopicText.nameError(""));
        robot.write("a/b");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Fx.read(() -> blank(error.getText()))).isTrue();
        assertThat(Fx.read(() -> sceneY(json))).isEqualTo(before);
    }
}
