package io.mqscope.ui.messages;

import static io.mqscope.ui.HistoryRun.shows;
import static io.mqscope.ui.HistoryRun.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.store.HistoryQuery;
import io.mqscope.ui.Fx;
import io.mqscope.ui.HistoryRun;
import io.mqscope.ui.I18n;
import io.mqscope.ui.connections.ConnectionEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Messages tab's search reads the stored history (copies of the messages); those an earlier run received are
 * marked as restored in its results (greyed, ↺ before their time, the tooltip), as the same messages are in the
 * live list after a restart, and one of this run is not. A first run publishes to the embedded broker; the second
 * opens the same history, publishes again and searches.
 */
@ExtendWith(ApplicationExtension.class)
class RestoredSearchResultsFxTest {
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

    /** The search's rows as "topic restored time-mark". */
    private static List<String> rows(MessagesViewModel vm) {
        return Fx.read(() -> vm.visible().stream().map(r -> r.event().topic() + " " + r.restored() + " "
                + r.time().startsWith("↺ ")).toList());
    }

    @Test
    void search_results_of_an_earlier_run_are_marked_as_restored(FxRobot robot) throws Exception {
        try (HistoryRun first = new HistoryRun(robot, stage, dir)) {
            ConnectionEntry local = first.connect();
            first.publish(local, "found/old");
            await().atMost(WAIT).until(() -> shows(first.view.viewModel().messages(), "found/old"));
            first.history.flush(10_000);
        }
        try (HistoryRun second = new HistoryRun(robot, stage, dir)) {
            MessagesViewModel messages = second.view.viewModel().messages();
            await().atMost(WAIT).until(() -> shows(messages, "found/old"));
            ConnectionEntry local = second.connect();
            second.publish(local, "found/new");
            await().atMost(WAIT).until(() -> shows(messages, "found/new"));
            second.history.flush(10_000);
            String key = local.live().id();
            await().atMost(WAIT).until(() -> second.history.count(HistoryQuery.all(key)) >= 2);

            robot.clickOn("#messageSearch").write("hello again");
            await().atMost(WAIT).until(() -> Fx.read(() -> robot.lookup("#searchCount").queryAs(Label.class)
                    .getText()).equals(I18n.t("search.count", 2)));
            assertThat(Fx.read(messages::showingResults)).isTrue();
            assertThat(rows(messages)).containsExactly("found/old true true", "found/new false false");

            // bubbles: the earlier run's match greyed with the tooltip, this run's not
            await().atMost(WAIT).until(() -> Fx.read(() -> robot.lookup("#messageList").lookup(".restored-row")
                    .queryAll().size()) == 1);
            ListCell<?> bubble = robot.lookup("#messageList").lookup(".restored-row").queryAs(ListCell.class);
            assertThat(texts(robot, bubble)).contains("found/old").contains("↺ ").doesNotContain("found/new");
            assertThat(Fx.read(() -> ((Control) bubble).getTooltip().getText()))
                    .isEqualTo(I18n.t("messages.restored"));

            // the table alike
            robot.interact(() -> messages.tableProperty().set(true));
            TableView<?> table = robot.lookup("#messageTable").queryAs(TableView.class);
            await().atMost(WAIT).until(() -> Fx.read(() -> robot.from(table).lookup(".restored-row")
                    .queryAll().size()) == 1);
            assertThat(texts(robot, robot.from(table).lookup(".restored-row").query())).contains("found/old");
        }
    }
}
