package io.mqscope.ui.chart;

import io.mqscope.ui.BuiltInBrokerWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.ui.messages.MessageRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A chart fed by messages that went through the embedded HiveMQ CE broker: a series added in the Charts tab plots
 * the JSON path's numbers, and "Chart this value…" on a message adds a series for its topic and opens the tab.
 */
@ExtendWith(ApplicationExtension.class)
class ChartFxTest {
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

    private ChartCanvas canvas(FxRobot robot) {
        return robot.lookup("#chartCanvas").queryAs(ChartCanvas.class);
    }

    private Tab selectedTab(FxRobot robot) {
        return Fx.read(() -> robot.lookup(".tab-pane").match(n -> n.lookup("#chartsTab") != null || ((TabPane) n)
                .getTabs().stream().anyMatch(t -> "chartsTab".equals(t.getId()))).queryAs(TabPane.class)
                .getSelectionModel().getSelectedItem());
    }

    @Test
    void a_series_plots_values_received_from_the_broker(FxRobot robot) {
        window.connectLocalBroker(robot);
        window.subscribeByTyping(robot, "ui/chart/#");

        // a series typed into the Charts tab
        robot.clickOn(I18n.t("tab.charts"));
        robot.clickOn("#chartTopic").write("ui/chart/+/env");
        robot.clickOn("#chartPath").write("$.sensors[0].temperature");
        robot.clickOn("#chartAdd");
        assertThat(Fx.read(() -> vm().charts().series().size())).isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            window.send(robot, "ui/chart/room" + (i % 2) + "/env",
                    "{\"sensors\":[{\"temperature\":" + (20 + i) + "}]}");
        }
        window.send(robot, "ui/chart/room0/env", "{\"sensors\":[]}");
        ChartSeries s = Fx.read(() -> vm().charts().series().get(0));
        await().atMost(WAIT).until(() -> Fx.read(() -> s.data().size()) == 20 && Fx.read(s::skipped) == 1);
        // the canvas has drawn them all (it redraws on its next pulse after the data changed)
        await().atMost(WAIT).until(() -> Fx.read(() -> canvas(robot).plotted()) == 20);
        assertThat(Fx.read(() -> s.data().value(19))).isEqualTo(39.0);
        assertThat(Fx.read(s::lastProblem)).isEqualTo("$.sensors[0].temperature is not in the payload");
        assertThat(robot.lookup("#chartLegend").queryAs(javafx.scene.layout.VBox.class).getChildren()).hasSize(1);

        // pause freezes the axis; Live goes back to now
        robot.clickOn("#chartPause");
        assertThat(Fx.read(() -> vm().charts().pausedProperty().get())).isTrue();
        robot.clickOn("#chartLive");
        assertThat(Fx.read(() -> vm().charts().pausedProperty().get())).isFalse();

        // "Chart this value…" on a plain number: a second series on its topic, the Charts tab in front
        robot.clickOn(I18n.t("tab.messages"));
        window.send(robot, "ui/chart/raw", "23.5");
        byte[] raw = "23.5".getBytes(StandardCharsets.UTF_8);
        await().atMost(WAIT).until(() -> Fx.read(() -> vm().messages().visible().stream()
                .anyMatch(m -> !m.event().outgoing() && java.util.Arrays.equals(m.event().payload(), raw))));
        MessageRow row = Fx.read(() -> vm().messages().visible().stream()
                .filter(m -> !m.event().outgoing() && java.util.Arrays.equals(m.event().payload(), raw))
                .findFirst().orElseThrow());
        robot.interact(() -> vm().messages().selectedProperty().set(row));
        ListCell<?> cell = robot.lookup(".list-cell").match(n -> ((ListCell<?>) n).getItem() == row)
                .queryAs(ListCell.class);
        robot.clickOn(cell);
        // Monocle turns no right-click into a context-menu request, so the request a right-click makes is fired on
        // the cell; the list shows its real menu, which is then clicked
        robot.interact(() -> {
            javafx.geometry.Bounds b = cell.localToScreen(cell.getBoundsInLocal());
            cell.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10,
                    b.getMinX() + 10, b.getMinY() + 10, false, null));
        });
        robot.clickOn("#chartValueItem");
        await().atMost(WAIT).until(() -> Fx.read(() -> vm().charts().series().size()) == 2);
        ChartSeries rawSeries = Fx.read(() -> vm().charts().series().get(1));
        assertThat(rawSeries.topic()).isEqualTo("ui/chart/raw");
        assertThat(rawSeries.path().text()).isEqualTo("$");
        assertThat(selectedTab(robot).getId()).isEqualTo("chartsTab");
        window.send(robot, "ui/chart/raw", "24");
        await().atMost(WAIT).until(() -> Fx.read(() -> rawSeries.data().size()) == 1);
        await().atMost(WAIT).until(() -> Fx.read(() -> canvas(robot).plotted()) == 21);
    }
}
