package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import io.mqscope.ui.settings.WindowLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 14 item 8: the window opens at a size that fits the screen, and the next start restores the size and the
 * divider positions the user left.
 */
@ExtendWith(ApplicationExtension.class)
class WindowLayoutFxTest {
    private static MainView open(Stage stage, WindowLayout layout) {
        return MainView.show(stage, UiSettings.DEFAULT, null, new NoBackend(), ProfileRepository.inMemory(List.of()),
                new TaskExecutor(Runnable::run, Platform::runLater), layout);
    }

    private static SplitPane mainSplit(Stage stage) {
        return (SplitPane) stage.getScene().lookup(".split-pane");
    }

    @Test
    void size_and_dividers_come_back(FxRobot robot) throws Exception {
        Stage first = Fx.read(Stage::new);
        MainView a = Fx.read(() -> open(first, null));
        double screenWidth = Fx.read(() -> Screen.getPrimary().getVisualBounds().getWidth());
        double screenHeight = Fx.read(() -> Screen.getPrimary().getVisualBounds().getHeight());
        assertThat(Fx.read(first::getWidth)).isLessThanOrEqualTo(screenWidth).isGreaterThan(screenWidth * 0.8);
        assertThat(Fx.read(first::getHeight)).isLessThanOrEqualTo(screenHeight).isGreaterThan(screenHeight * 0.8);

        robot.interact(() -> {
            first.setWidth(1100);
            first.setHeight(700);
            mainSplit(first).setDividerPositions(0.31);
        });
        WaitForAsyncUtils.waitForFxEvents();
        WindowLayout left = Fx.read(a::layout);
        Path file = Files.createTempDirectory("mqscope-window").resolve("ui.properties");
        new SettingsFile(file).saveWindow(left);
        robot.interact(() -> {
            a.shutdown();
            first.close();
        });

        WindowLayout loaded = new SettingsFile(file).loadWindow();
        assertThat(loaded.width()).isEqualTo(1100);
        assertThat(loaded.height()).isEqualTo(700);
        assertThat(loaded.dividers()).hasSameSizeAs(left.dividers());
        Stage second = Fx.read(Stage::new);
        MainView b = Fx.read(() -> open(second, loaded));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Fx.read(second::getWidth)).isCloseTo(1100, within(1.0));
        assertThat(Fx.read(second::getHeight)).isCloseTo(700, within(1.0));
        assertThat(Fx.read(() -> mainSplit(second).getDividerPositions()[0])).isCloseTo(0.31, within(0.01));
        robot.interact(() -> {
            b.shutdown();
            second.close();
        });
    }

    @Test
    void an_unreadable_layout_file_is_no_layout() throws Exception {
        Path file = Files.createTempDirectory("mqscope-window").resolve("ui.properties");
        Files.writeString(file.resolveSibling("window.properties"), "width=abc\n");
        assertThat(new SettingsFile(file).loadWindow()).isNull();
        assertThat(new SettingsFile(file.resolveSibling("none.properties")).loadWindow()).isNull();
    }
}
