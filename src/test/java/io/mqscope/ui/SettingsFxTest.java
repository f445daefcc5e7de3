package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Settings dialog switches language and theme in the real window, and the choice is saved. */
@ExtendWith(ApplicationExtension.class)
class SettingsFxTest {
    private MainView view;
    private Path file;
    private ExecutorService io;

    @Start
    void start(Stage stage) throws Exception {
        // the primary stage is shared by all FX test classes: one that left a small scene (ImportDialogFxTest's
        // 400x500) would leave the main window too small to show the controls clicked here
        stage.setWidth(1280);
        stage.setHeight(820);
        file = Files.createTempDirectory("mqscope-ui").resolve("ui.properties");
        io = Executors.newSingleThreadExecutor();
        view = DesktopApp.open(stage, UiSettings.DEFAULT, new SettingsFile(file), new NoBackend(),
                ProfileRepository.inMemory(List.of()), io);
    }

    @AfterEach
    void restore(FxRobot robot) {
        // the language and the theme are process-wide: leave them as the next test expects them
        robot.interact(() -> {
            view.shutdown();
            I18n.setLocale(I18n.ENGLISH);
            ThemeSwitcher.apply(false);
        });
        io.shutdownNow();
    }

    private static String chinese(String key) {
        return ResourceBundle.getBundle(I18n.BUNDLE, I18n.CHINESE).getString(key);
    }

    @Test
    void chinese_and_dark_from_the_settings_dialog(FxRobot robot) throws Exception {
        robot.clickOn("#settingsButton");
        robot.clickOn("简体中文");
        robot.clickOn("Dark");
        robot.clickOn("OK");
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        // the rebuilt window speaks Chinese: the texts come from the zh_CN bundle
        assertThat(Fx.read(() -> tabs.getTabs().get(0).getText())).isEqualTo(chinese("tab.messages"));
        assertThat(Fx.read(() -> tabs.getTabs().get(1).getText())).isEqualTo(chinese("tab.packets"));
        assertThat(Fx.read(() -> robot.lookup("#statusState").queryAs(Label.class).getText()))
                .contains(chinese("state.disconnected"));
        assertThat(Fx.read(() -> robot.window(0).getScene().getRoot().getStyleClass())).contains("theme-dark");
        // saved on the I/O executor, not on the FX thread
        await().atMost(Duration.ofSeconds(10)).until(() -> new SettingsFile(file).load().chinese());
        assertThat(new SettingsFile(file).load().dark()).isTrue();

        // the theme button toggles back without rebuilding the window
        Object root = Fx.read(() -> robot.window(0).getScene().getRoot());
        robot.clickOn("#themeButton");
        assertThat(Fx.read(() -> robot.window(0).getScene().getRoot())).isSameAs(root);
        assertThat(Fx.read(() -> robot.window(0).getScene().getRoot().getStyleClass())).contains("theme-light");
        await().atMost(Duration.ofSeconds(10)).until(() -> !new SettingsFile(file).load().dark());
    }
}
