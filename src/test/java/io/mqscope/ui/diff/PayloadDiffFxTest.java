package io.mqscope.ui.diff;

import io.mqscope.ui.BuiltInBrokerWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.payload.diff.JsonDiffNode;
import io.mqscope.ui.Fx;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.ui.messages.MessageRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The payload diff in the real window, on messages that went through the embedded HiveMQ CE broker: one selected
 * message against the previous one on its topic (JSON tree with paths), then two messages selected with Ctrl+click
 * in the table (a text line diff).
 */
@ExtendWith(ApplicationExtension.class)
class PayloadDiffFxTest {
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

    private MessageRow awaitIncoming(String payload) {
        return window.awaitIncoming(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> leaves(TreeItem<JsonDiffNode> i) {
        List<String> out = new ArrayList<>();
        if (i.getChildren().isEmpty()) {
            out.add(PayloadDiffView.text(i.getValue()));
        }
        i.getChildren().forEach(c -> out.addAll(leaves(c)));
        return out;
    }

    private String text(FxRobot robot, String id) {
        return Fx.read(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    @Test
    void diff_with_the_previous_message_and_between_two_selected(FxRobot robot) {
        window.connectLocalBroker(robot);
        window.subscribeByTyping(robot, "ui/diff/#");

        String first = "{\"t\":20.5,\"unit\":\"C\",\"sensors\":[{\"v\":1}]}";
        String second = "{\"t\":21,\"unit\":\"C\",\"sensors\":[{\"v\":2}],\"h\":40}";
        String other = "line 1\nline two\nline 3";
        window.send(robot, "ui/diff/a", first);
        awaitIncoming(first);
        window.send(robot, "ui/diff/b", other);
        awaitIncoming(other);
        window.send(robot, "ui/diff/a", second);
        MessageRow newest = awaitIncoming(second);

        // one message: compared with the previous one on ui/diff/a (the text message between them is skipped)
        robot.interact(() -> vm().messages().selectedProperty().set(newest));
        robot.clickOn("#payloadDiffToggle");
        await().atMost(WAIT).until(() -> text(robot, "#diffSummary").equals("2 changed, 1 added, 0 removed"));
        assertThat(text(robot, "#diffHeading")).startsWith("Compared with the previous message on ui/diff/a (");
        assertThat(Fx.read(() -> robot.lookup("#diffTree").query().isVisible())).isTrue();
        @SuppressWarnings("unchecked")
        TreeView<JsonDiffNode> tree = robot.lookup("#diffTree").queryAs(TreeView.class);
        assertThat(Fx.read(() -> leaves(tree.getRoot()))).containsExactly(
                "$.t: 20.5 \u2192 21", "$.sensors[0].v: 1 \u2192 2", "$.h: added 40");
        assertThat(Fx.read(() -> robot.lookup("#payloadText").query().getParent().isVisible())).isFalse();

        // two messages picked in the table with Ctrl+click: the older text against the newer JSON, line by line
        robot.interact(() -> vm().messages().tableProperty().set(true));
        MessageRow textRow = awaitIncoming(other);
        robot.clickOn(row(robot, textRow));
        robot.press(KeyCode.CONTROL).clickOn(row(robot, newest)).release(KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> text(robot, "#diffHeading").startsWith("Compared two selected messages"));
        assertThat(text(robot, "#diffSummary")).isEqualTo("1 lines added, 3 removed");
        assertThat(Fx.read(() -> robot.lookup("#diffText").queryAs(StyleClassedTextArea.class).getText()))
                .isEqualTo("- line 1\n- line two\n- line 3\n+ " + second);
        assertThat(Fx.read(() -> robot.lookup("#diffTree").query().isVisible())).isFalse();

        // the toggle off: the payload is shown again
        robot.clickOn("#payloadDiffToggle");
        assertThat(Fx.read(() -> robot.lookup("#payloadText").query().getParent().isVisible())).isTrue();
    }

    private static TableRow<?> row(FxRobot robot, MessageRow r) {
        return robot.lookup(".table-row-cell").match(n -> ((TableRow<?>) n).getItem() == r).queryAs(TableRow.class);
    }
}
