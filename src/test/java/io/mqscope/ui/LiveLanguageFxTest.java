package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.session.ConnectionState;
import io.mqscope.session.PublishRequest;
import io.mqscope.session.Session;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.ui.messages.MessageRow;
import io.mqscope.ui.settings.UiSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ResourceBundle;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14 item 7: switching the language, and the buffer limits, keeps everything live: the connection and its
 * session, the subscription, the messages and the selected message; the window speaks the new language at once and
 * goes on receiving. A real embedded broker and the real Settings dialog.
 */
@ExtendWith(ApplicationExtension.class)
class LiveLanguageFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
        robot.interact(() -> I18n.setLocale(I18n.ENGLISH));
    }

    private static String chinese(String key) {
        return ResourceBundle.getBundle(I18n.BUNDLE, I18n.CHINESE).getString(key);
    }

    private static void publish(Session s, String topic, String text) {
        s.publish(new PublishRequest(topic, text.getBytes(StandardCharsets.UTF_8), 1, false, null)).join();
    }

    @Test
    void language_and_limits_switch_live(FxRobot robot) {
        MainViewModel vm = window.vm();
        ConnectionEntry local = window.connectLocalBroker(robot);
        window.subscribeByTyping(robot, "live/#");
        Session session = local.live().session();
        publish(session, "live/a", "before");
        await().atMost(WAIT).until(() -> Fx.read(() -> vm.messages().visible().stream()
                .anyMatch(m -> !m.event().outgoing())));
        MessageRow before = Fx.read(() -> vm.messages().visible().stream().filter(m -> !m.event().outgoing())
                .findFirst().orElseThrow());
        robot.interact(() -> vm.messages().selectedProperty().set(before));

        robot.clickOn("#settingsButton");
        robot.clickOn("简体中文");
        robot.clickOn("OK");

        // the same view model, connection and session: nothing was closed or reconnected
        assertThat(window.view().viewModel()).isSameAs(vm);
        assertThat(Fx.read(() -> local.stateProperty().get())).isEqualTo(ConnectionState.CONNECTED);
        assertThat(local.live().session()).isSameAs(session);
        assertThat(Fx.read(() -> vm.subscriptions().rows())).extracting(r -> r.filter()).contains("live/#");
        // the selected message stays selected, on screen, in the rebuilt list
        assertThat(Fx.read(() -> vm.messages().selectedProperty().get().event())).isSameAs(before.event());
        ListView<?> list = robot.lookup("#messageList").queryAs(ListView.class);
        assertThat(Fx.read(() -> ((MessageRow) list.getSelectionModel().getSelectedItem()).event()))
                .isSameAs(before.event());
        // the window speaks Chinese
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertThat(Fx.read(() -> tabs.getTabs().get(0).getText())).isEqualTo(chinese("tab.messages"));
        assertThat(Fx.read(() -> robot.lookup("#statusState").queryAs(Label.class).getText()))
                .contains(chinese("state.connected"));
        assertThat(Fx.read(() -> robot.lookup("#connectButton").queryAs(javafx.scene.control.Button.class)
                .getText())).isEqualTo(chinese("connections.connect"));

        // the publisher's format still switches (the replaced view must not fight the new one over it)
        robot.interact(() -> vm.publisher().formatProperty().set(io.mqscope.payload.PayloadFormat.JSON));
        assertThat(Fx.read(() -> robot.lookup("#modeJSON").queryAs(javafx.scene.control.ToggleButton.class)
                .isSelected())).isTrue();
        robot.interact(() -> vm.publisher().formatProperty().set(io.mqscope.payload.PayloadFormat.HEX));
        assertThat(Fx.read(() -> vm.publisher().formatProperty().get()))
                .isEqualTo(io.mqscope.payload.PayloadFormat.HEX);

        // and goes on receiving
        publish(session, "live/b", "after");
        await().atMost(WAIT).until(() -> Fx.read(() -> vm.messages().visible().stream()
                .anyMatch(m -> !m.event().outgoing() && m.event().topic().equals("live/b"))));

        // a lower message limit applies to the live log at once, still connected
        robot.interact(() -> window.view().apply(new UiSettings(I18n.CHINESE, false, 100, 200, null)));
        assertThat(local.live().log().messages().entries().maxEntries()).isEqualTo(100);
        assertThat(local.live().log().packets().entries().maxEntries()).isEqualTo(200);
        assertThat(Fx.read(() -> local.stateProperty().get())).isEqualTo(ConnectionState.CONNECTED);
        assertThat(Fx.read(() -> vm.messages().visible().size())).isGreaterThanOrEqualTo(2);
    }
}
