package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 14 item 17, the details that cost trust: the theme button's icon follows the theme, only the one of Connect
 * and Disconnect that applies is enabled, and counts read "1 message", not "1 messages".
 */
@ExtendWith(ApplicationExtension.class)
class UiDetailsFxTest {
    private MainView view;
    private ExecutorService pool;

    @Start
    void start(Stage stage) {
        pool = Executors.newSingleThreadExecutor();
        view = DesktopApp.open(stage, UiSettings.DEFAULT, new NoBackend(), ProfileRepository.inMemory(List.of()),
                pool);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> {
            view.shutdown();
            ThemeSwitcher.apply(false);
        });
        pool.shutdownNow();
    }

    private static Object icon(Button b) {
        return ((FontIcon) b.getGraphic()).getIconCode();
    }

    @Test
    void the_theme_icon_follows_the_theme(FxRobot robot) {
        Button theme = robot.lookup("#themeButton").queryButton();
        assertThat(Fx.read(() -> icon(theme))).isEqualTo(Feather.MOON);
        robot.clickOn("#themeButton");
        assertThat(Fx.read(() -> icon(theme))).isEqualTo(Feather.SUN);
        robot.clickOn("#themeButton");
        assertThat(Fx.read(() -> icon(theme))).isEqualTo(Feather.MOON);
    }

    @Test
    void only_the_button_that_applies_is_enabled(FxRobot robot) {
        Button connect = robot.lookup("#connectButton").queryButton();
        Button disconnect = robot.lookup("#disconnectButton").queryButton();
        assertThat(Fx.read(connect::isDisabled)).isFalse();
        assertThat(Fx.read(disconnect::isDisabled)).isTrue();
        ConnectionEntry e = Fx.read(() -> view.viewModel().connections().selectedProperty().get());
        // the state as the session reports it: the pulse copies it into the row
        e.live().setState(ConnectionState.CONNECTED);
        org.awaitility.Awaitility.await().until(() -> Fx.read(connect::isDisabled));
        assertThat(Fx.read(disconnect::isDisabled)).isFalse();
        e.live().setState(ConnectionState.RECONNECTING);
        org.awaitility.Awaitility.await().until(() -> !Fx.read(connect::isDisabled));
        assertThat(Fx.read(disconnect::isDisabled)).isFalse();
        // another connection, disconnected: Connect again
        robot.interact(() -> view.viewModel().connections().put(Profile.builder().name("Other").build()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Fx.read(connect::isDisabled)).isFalse();
        assertThat(Fx.read(disconnect::isDisabled)).isTrue();
        e.live().setState(ConnectionState.DISCONNECTED);
    }

    @Test
    void one_message_is_one_message() {
        assertThat(I18n.t("subscriptions.meta", 1, 1)).isEqualTo("QoS 1 · 1 message");
        assertThat(I18n.t("subscriptions.meta", 0, 0)).isEqualTo("QoS 0 · 0 messages");
        assertThat(I18n.t("subscriptions.meta", 0, 12_345)).isEqualTo("QoS 0 · 12,345 messages");
        assertThat(I18n.t("messages.bytes", 1)).isEqualTo("1 byte");
        assertThat(I18n.t("messages.bytes", 31)).isEqualTo("31 bytes");
    }
}
