package io.mqscope.ui.messages;

import static io.mqscope.ui.HistoryRun.shows;
import static io.mqscope.ui.HistoryRun.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.ui.Fx;
import io.mqscope.ui.HistoryRun;
import io.mqscope.ui.I18n;
import io.mqscope.ui.connections.ConnectionEntry;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.Control;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 15: after a restart, the messages a connection shows again from the history are marked as restored in the
 * Messages tab, bubbles and table alike (greyed, ↺ before their time, a tooltip), as restored packets are; a message
 * of this run is not. The first run publishes to the embedded broker; the second opens the same history in a new
 * window, then connects and publishes again.
 */
@ExtendWith(ApplicationExtension.class)
class RestoredMessagesFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        stage.setWidth(1280);
        stage.setHeight(820);
    }

    @Test
    void messages_shown_again_after_a_restart_are_marked_as_restored(FxRobot robot) throws Exception {
        try (HistoryRun first = new HistoryRun(robot, stage, dir)) {
            ConnectionEntry local = first.connect();
            first.publish(local, "restore/old");
            await().atMost(WAIT).until(() -> shows(first.view.viewModel().messages(), "restore/old"));
            first.history.flush(10_000);
        }
        try (HistoryRun second = new HistoryRun(robot, stage, dir)) {
            MessagesViewModel messages = second.view.viewModel().messages();
            await().atMost(WAIT).until(() -> shows(messages, "restore/old"));
            MessageRow old = Fx.read(() -> messages.visible().stream()
                    .filter(r -> r.event().topic().equals("restore/old")).findFirst().orElseThrow());
            assertThat(old.restored()).isTrue();
            assertThat(old.time()).startsWith("↺ ");
            // a message of this run beside it is not marked
            ConnectionEntry local = second.connect();
            second.publish(local, "restore/new");
            await().atMost(WAIT).until(() -> shows(messages, "restore/new"));
            assertThat(Fx.read(() -> messages.visible().stream().filter(r -> r.event().topic().equals("restore/new"))
                    .allMatch(r -> !r.restored() && !r.time().startsWith("↺")))).isTrue();

            // bubbles: the restored one's cell is greyed with the tooltip and its foot starts with ↺
            await().atMost(WAIT).until(() -> Fx.read(() -> robot.lookup("#messageList").lookup(".restored-row")
                    .queryAll().size()) == 1);
            ListCell<?> bubble = robot.lookup("#messageList").lookup(".restored-row").queryAs(ListCell.class);
            assertThat(texts(robot, bubble)).contains("restore/old").contains("↺ ").doesNotContain("restore/new");
            assertThat(Fx.read(() -> ((Control) bubble).getTooltip().getText()))
                    .isEqualTo(I18n.t("messages.restored"));
            assertThat(Fx.read(() -> robot.lookup("#messageList").lookup(".list-cell").queryAll().stream()
                    .filter(c -> texts(robot, c).contains("restore/new"))
                    .noneMatch(c -> c.getStyleClass().contains("restored-row")))).isTrue();

            // the table: the same row greyed, its time cell marked
            robot.interact(() -> messages.tableProperty().set(true));
            TableView<?> table = robot.lookup("#messageTable").queryAs(TableView.class);
            await().atMost(WAIT).until(() -> Fx.read(() -> robot.from(table).lookup(".restored-row")
                    .queryAll().size()) == 1);
            TableRow<?> row = robot.from(table).lookup(".restored-row").queryAs(TableRow.class);
            assertThat(texts(robot, row)).contains("restore/old").contains("↺ ");
            assertThat(Fx.read(() -> row.getTooltip().getText())).isEqualTo(I18n.t("messages.restored"));
        }
    }
}
