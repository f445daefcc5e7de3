package io.mqscope.ui.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainViewModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A timed publish in the real window against the embedded broker: 100 messages every 10 ms with {{seq}} in the
 * payload arrive in order as 1..100, the status counts them, and a disconnect stops an endless run and says so.
 */
@ExtendWith(ApplicationExtension.class)
class TimedPublishFxTest {
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

    private MainViewModel vm() {
        return window.vm();
    }

    private List<String> received() {
        return Fx.read(() -> vm().messages().visible().stream().map(r -> r.event())
                .filter(m -> !m.outgoing() && m.topic().equals("ui/timed/n"))
                .map(m -> new String(m.payload(), StandardCharsets.UTF_8)).toList());
    }

    @Test
    void hundred_messages_every_10_ms_arrive_in_order_and_a_disconnect_stops_a_run(FxRobot robot) {
        ConnectionEntry local = window.connectLocalBroker(robot);
        window.subscribeByTyping(robot, "ui/timed/#");

        robot.clickOn("#publishTopic").write("ui/timed/n");
        robot.clickOn("#publishPayload").write("{{seq}}");
        robot.interact(() -> robot.lookup("#timedPane").queryAs(TitledPane.class).setExpanded(true));
        robot.interact(() -> {
            vm().publisher().timed().intervalProperty().set("");
            vm().publisher().timed().countProperty().set("");
        });
        // typed into the controls and pressed through them (the expanded pane may reach below a small shared
        // test window, where TestFX cannot click)
        robot.interact(() -> {
            robot.lookup("#timedInterval").queryAs(javafx.scene.control.TextField.class).setText("10");
            robot.lookup("#timedCount").queryAs(javafx.scene.control.TextField.class).setText("100");
            robot.lookup("#timedStart").queryAs(javafx.scene.control.Button.class).fire();
        });

        await().atMost(WAIT).until(() -> received().size() == 100);
        assertThat(received()).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).mapToObj(Long::toString)
                .toList());
        await().atMost(WAIT).until(() -> !Fx.read(() -> vm().publisher().timed().runningProperty().get()));
        assertThat(Fx.read(() -> robot.lookup("#timedStatus").queryAs(Label.class).getText()))
                .startsWith("Done: Sent 100 of 100 at ");

        // until stopped: the connection going away ends the run, and the status says so
        robot.interact(() -> vm().publisher().timed().countProperty().set(""));
        robot.interact(() -> robot.lookup("#timedStart").queryAs(javafx.scene.control.Button.class).fire());
        await().atMost(WAIT).until(() -> received().size() > 110);
        robot.interact(() -> vm().connections().disconnect(local));
        await().atMost(WAIT).until(() -> !Fx.read(() -> vm().publisher().timed().runningProperty().get()));
        // whichever comes first says why: the state change, or the client failing the publish in flight
        assertThat(Fx.read(() -> vm().publisher().timed().statusProperty().get())).startsWith("Stopped: Sent ")
                .containsAnyOf(". The connection was closed", ". A publish failed: ");
    }

    @Test
    void a_saved_template_fills_the_publisher_again_and_sends(FxRobot robot) {
        ConnectionEntry local = window.connectLocalBroker(robot);
        window.subscribeByTyping(robot, "ui/tpl/#");
        robot.clickOn("#publishTopic").write("ui/tpl/a");
        robot.clickOn("#publishPayload").write("hello {{seq}}");
        robot.interact(() -> robot.lookup("#templatesPane").queryAs(TitledPane.class).setExpanded(true));
        robot.interact(() -> robot.lookup("#templateConnectionOnly").queryAs(javafx.scene.control.CheckBox.class)
                .fire());
        // the name dialog waits for its answer: opened after this interaction, then typed into
        javafx.application.Platform.runLater(() -> robot.lookup("#templateSave")
                .queryAs(javafx.scene.control.Button.class).fire());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#templateName").write("greeting").type(KeyCode.ENTER);
        assertThat(Fx.read(() -> vm().publisher().templates().offered().stream().map(t -> t.toString()).toList()))
                .containsExactly("greeting  (Local broker)");

        robot.interact(() -> {
            vm().publisher().topicProperty().set("");
            vm().publisher().payloadProperty().set("");
        });
        robot.interact(() -> robot.lookup("#templatePick").queryAs(javafx.scene.control.ComboBox.class)
                .getSelectionModel().select(0));
        assertThat(Fx.read(() -> robot.lookup("#publishTopic").queryAs(javafx.scene.control.TextField.class)
                .getText())).isEqualTo("ui/tpl/a");
        robot.interact(() -> robot.lookup("#sendButton").queryAs(javafx.scene.control.Button.class).fire());
        await().atMost(WAIT).until(() -> Fx.read(() -> vm().messages().visible().stream().map(r -> r.event())
                .anyMatch(m -> !m.outgoing() && m.topic().equals("ui/tpl/a")
                        && new String(m.payload(), StandardCharsets.UTF_8).equals("hello 1"))));
    }
}
