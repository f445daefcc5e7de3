package io.mqscope.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.messages.MessageRow;
import java.nio.charset.StandardCharsets;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 17: what the window hides at start (the message table, the payload diff, the publisher's folded extras) is
 * made when first shown, not with the window, and works the same once made: the table starts at the selected
 * message and follows the selection, the folds hold their controls.
 */
@ExtendWith(ApplicationExtension.class)
class HiddenPartsFxTest {
    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
    }

    @Test
    void hidden_parts_are_made_when_first_shown_and_then_work(FxRobot robot) {
        assertThat(robot.lookup("#messageTable").tryQuery()).isEmpty();
        assertThat(robot.lookup("#payloadDiff").tryQuery()).isEmpty();
        for (String fold : new String[] {"#templatesPane", "#timedPane"}) {
            assertThat(Fx.read(() -> robot.lookup(fold).queryAs(TitledPane.class).getContent())).as(fold).isNull();
        }

        window.connectLocalBroker(robot);
        window.subscribeByTyping(robot, "hidden/#");
        window.send(robot, "hidden/a", "first");
        window.send(robot, "hidden/b", "second");
        MessageRow first = window.awaitIncoming("first".getBytes(StandardCharsets.UTF_8));
        window.awaitIncoming("second".getBytes(StandardCharsets.UTF_8));
        robot.interact(() -> window.vm().messages().selectedProperty().set(first));

        robot.interact(() -> window.vm().messages().tableProperty().set(true));
        TableView<?> table = robot.lookup("#messageTable").queryAs(TableView.class);
        assertThat(Fx.read(() -> table.isVisible() && table.getItems().contains(first))).isTrue();
        assertThat(Fx.read(() -> table.getSelectionModel().getSelectedItem())).isSameAs(first);
        MessageRow last = Fx.read(() -> window.vm().messages().visible().get(
                window.vm().messages().visible().size() - 1));
        robot.interact(() -> table.getSelectionModel().clearAndSelect(table.getItems().indexOf(last)));
        assertThat(Fx.read(() -> window.vm().messages().selectedProperty().get())).isSameAs(last);

        robot.interact(() -> window.vm().payload().diff().shownProperty().set(true));
        await().atMost(BuiltInBrokerWindow.WAIT).until(() -> robot.lookup("#payloadDiff").tryQuery().isPresent());

        robot.interact(() -> robot.lookup("#templatesPane").queryAs(TitledPane.class).setExpanded(true));
        assertThat(robot.lookup("#templatePick").tryQuery()).isPresent();
        robot.interact(() -> robot.lookup("#timedPane").queryAs(TitledPane.class).setExpanded(true));
        assertThat(robot.lookup("#timedStart").tryQuery()).isPresent();
    }
}
