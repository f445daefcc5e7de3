package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import io.mqscope.ui.app.Backend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.SettingsFile;
import io.mqscope.ui.settings.UiSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** No connection is opened in this test; opening one is a failure. */
    static final Backend NO_BACKEND = new Backend() {
        @Override
        public Session open(Profile profile, SessionListener listener) {
            throw new AssertionError("no session expected");
        }

        @Override
        public int startLocalBroker() {
            throw new AssertionError("no broker expected");
        }
    };

    @Start
    void start(Stage stage) throws Exception {
        file = Files.createTempDirectory("mqscope-ui").resolve("ui.properties");
        view = DesktopApp.open(stage, UiSettings.DEFAULT, new SettingsFile(file), NO_BACKEND,
                ProfileRepository.inMemory(List.of()), Runnable::run);
    }

    @AfterEach
    void restore() {
        I18n.setLocale(I18n.ENGLISH);
    }

    @Test
    void chinese_and_dark_from_the_settings_dialog(FxRobot robot) throws Exception {
        robot.clickOn("#settingsButton");
        robot.clickOn("简体中文");
        robot.clickOn("Dark");
        robot.clickOn("OK");
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertThat(tabs.getTabs().get(0).getText()).isEqualTo("消息");
        assertThat(tabs.getTabs().get(1).getText()).isEqualTo("报文");
        assertThat(robot.lookup("#statusState").queryAs(Label.class).getText()).contains("未连接");
        assertThat(robot.window(0).getScene().getRoot().getStyleClass()).contains("theme-dark");
        UiSettings saved = new SettingsFile(file).load();
        assertThat(saved.chinese()).isTrue();
        assertThat(saved.dark()).isTrue();

        // the theme button toggles back without rebuilding the window
        Object root = robot.window(0).getScene().getRoot();
        robot.clickOn("#themeButton");
        assertThat(robot.window(0).getScene().getRoot()).isSameAs(root);
        assertThat(robot.window(0).getScene().getRoot().getStyleClass()).contains("theme-light");
    }
}
