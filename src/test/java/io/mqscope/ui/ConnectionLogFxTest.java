package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.profile.Profile;
import io.mqscope.session.ConnectionState;
import io.mqscope.session.StateChange;
import io.mqscope.ui.connections.ConnectionEntry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.controlsfx.control.NotificationPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 14 item 4: a failed connection is told in full, in a connection log (every state change with its time,
 * stage, reason) that can be selected and copied, and in a notification bar over the content that the user
 * dismisses; the status bar keeps its counters whole. A real session to a closed loopback port.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionLogFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void a_failure_is_logged_in_full_and_shown_over_the_content_until_dismissed(FxRobot robot) throws Exception {
        int port = closedPort();
        robot.interact(() -> window.vm().connections().put(Profile.builder().name("Nobody home")
                .host("127.0.0.1").port(port).build()));
        ConnectionEntry entry = Fx.read(() -> window.vm().connections().selectedProperty().get());
        robot.clickOn("#connectButton");
        await().atMost(WAIT).until(() -> Fx.read(() -> entry.stateProperty().get()) == ConnectionState.FAILED);
        StateChange failed = entry.live().state();
        assertThat(failed.stage()).isNotNull();
        String reason = failed.reason();
        assertThat(reason).contains("127.0.0.1:" + port);

        // the notification bar: who, what, where and the whole reason
        NotificationPane bar = robot.lookup("#failureBar").queryAs(NotificationPane.class);
        await().atMost(WAIT).until(() -> Fx.read(bar::isShowing));
        String notice = Fx.read(() -> robot.lookup("#failureText").queryAs(Label.class).getText());
        assertThat(notice).contains("Nobody home").contains(I18n.t("state.failed"))
                .contains(I18n.t("stage." + failed.stage().label())).contains(reason);

        // the status bar names the state and stage; its counters keep their whole text
        Label state = robot.lookup("#statusState").queryAs(Label.class);
        // the status line is refreshed four times a second
        await().atMost(WAIT).until(() -> Fx.read(state::getText).contains(I18n.t("state.failed")));
        assertThat(Fx.read(state::getText)).contains(I18n.t("stage." + failed.stage().label()))
                .doesNotContain(reason);
        for (String counter : List.of("#statusRates", "#statusBuffer")) {
            Label l = robot.lookup(counter).queryAs(Label.class);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(Fx.read(() -> l.getWidth())).as(counter).isGreaterThanOrEqualTo(Fx.read(() ->
                    l.prefWidth(-1)) - 0.5);
        }

        // the log: every change with its time, the failure with stage and reason, selectable and copyable
        robot.clickOn("#failureShowLog");
        TextArea log = robot.lookup("#connectionLog").queryAs(TextArea.class);
        await().atMost(WAIT).until(() -> Fx.read(log::getText).contains(reason));
        String text = Fx.read(log::getText);
        assertThat(text).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  " + I18n.t("state.connecting"));
        assertThat(text).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  " + I18n.t("state.failed"));
        assertThat(text.split(I18n.t("state.connecting"), -1)).as("one connecting line").hasSize(2);
        assertThat(Fx.read(log::isEditable)).isFalse();
        robot.interact(log::selectAll);
        assertThat(Fx.read(log::getSelectedText)).isEqualTo(text);
        robot.clickOn("#copyLogButton");
        assertThat(Fx.read(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(text);

        // dismissed by its close button, and it stays away
        robot.clickOn(".notification-bar .close-button");
        await().atMost(WAIT).until(() -> !Fx.read(bar::isShowing));
        assertThat(Fx.read(() -> window.vm().notices().currentProperty().get())).isNull();
    }
}
