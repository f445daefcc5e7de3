package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.tap.PacketEvent;
import io.mqscope.testing.Mosquitto;
import io.mqscope.ui.capture.CaptureViewModel;
import io.mqscope.ui.capture.CapturedConversation;
import io.mqscope.ui.capture.TakeoverCapture;
import io.mqscope.ui.insights.InsightRow;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketType;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 18 in the desktop: a capture file opened in the main window gets the conversation doctor's insights. A real
 * takeover recorded at mosquitto ({@link TakeoverCapture}) is opened, its entry selected, and the Insights tab
 * lists {@code client_id.takeover}; a double click shows the Capture tab with the displacing client's conversation
 * selected in the Connections list and its CONNECT selected in the packet table.
 */
@ExtendWith({ApplicationExtension.class, Mosquitto.class})
class CaptureInsightsFxTest {
    private static final Duration WAIT = BuiltInBrokerWindow.WAIT;

    @TempDir
    Path dir;

    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> I18n.setLocale(I18n.ENGLISH));
        window.close(robot);
    }

    @SuppressWarnings("unchecked")
    private static TreeView<Object> tree(FxRobot robot) {
        return robot.lookup("#connectionsTree").queryAs(TreeView.class);
    }

    private static TabPane tabs(FxRobot robot) {
        return robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(p -> p.getTabs().stream().anyMatch(t -> "insightsTab".equals(t.getId()))).findFirst()
                .orElseThrow();
    }

    private static String selectedTab(FxRobot robot) {
        return Fx.read(() -> tabs(robot).getSelectionModel().getSelectedItem().getId());
    }

    /** The tree cell showing {@code value}, scrolled into view, to click as a user would. */
    private static Node cell(FxRobot robot, Object value) {
        TreeView<Object> tree = tree(robot);
        robot.interact(() -> tree.getRoot().getChildren().forEach(g -> g.getChildren().stream()
                .filter(i -> i.getValue() == value).forEach(i -> tree.scrollTo(tree.getRow(i)))));
        Node[] found = new Node[1];
        await().atMost(WAIT).until(() -> (found[0] = Fx.read(() -> robot.lookup(".tree-cell").queryAll().stream()
                .filter(n -> n instanceof TreeCell<?> c && c.getItem() == value && c.isVisible()).findFirst()
                .orElse(null))) != null);
        return found[0];
    }

    @Test
    void an_opened_capture_shows_its_insight_which_opens_its_packet(FxRobot robot, Mosquitto m) throws Exception {
        Path file = TakeoverCapture.record(m.tcpPort, dir.resolve("takeover.pcapng"));
        CaptureViewModel[] opened = new CaptureViewModel[1];
        robot.interact(() -> opened[0] = window.view().openCapture(file.toFile()));
        CaptureViewModel capture = opened[0];
        await().atMost(WAIT).until(() -> Fx.read(() -> capture.conversations().size()) == 2);
        CapturedConversation displaced = Fx.read(() -> capture.conversations().get(0));
        CapturedConversation displacing = Fx.read(() -> capture.conversations().get(1));

        robot.clickOn(cell(robot, displaced));
        await().atMost(WAIT).until(() -> "captureTab".equals(selectedTab(robot)));
        Tab insightsTab = Fx.read(() -> tabs(robot).getTabs().stream().filter(t -> "insightsTab".equals(t.getId()))
                .findFirst().orElseThrow());
        robot.interact(() -> tabs(robot).getSelectionModel().select(insightsTab));

        @SuppressWarnings("unchecked")
        ListView<InsightRow> list = robot.lookup("#insightsList").queryAs(ListView.class);
        await().atMost(WAIT).until(() -> Fx.read(() -> list.getItems().size()) == 1);
        InsightRow row = Fx.read(() -> list.getItems().get(0));
        assertThat(row.rule()).isEqualTo("client_id.takeover");
        String displacedName = displaced.summary().client().toString();
        String displacingName = displacing.summary().client().toString();
        assertThat(row.message()).contains("The broker closed " + displacedName + " right after " + displacingName);
        Node rowCell = Fx.read(() -> robot.lookup("#insightsList .list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> c && c.getItem() == row).findFirst().orElseThrow());
        assertThat(Fx.read(() -> ((ListCell<?>) rowCell).getText())).contains("client_id.takeover");

        robot.doubleClickOn(rowCell);
        await().atMost(WAIT).until(() -> "captureTab".equals(selectedTab(robot)));
        // the displacing client's conversation is selected in the Connections list and shown
        await().atMost(WAIT).until(() -> Fx.read(() -> {
            TreeItem<Object> selected = tree(robot).getSelectionModel().getSelectedItem();
            return selected != null && selected.getValue() == displacing;
        }));
        assertThat(Fx.read(() -> capture.selectedProperty().get())).isSameAs(displacing);
        // and its CONNECT in the packet table
        TableView<PacketEvent> packets = robot.lookup("#packetTable").queryTableView();
        await().atMost(WAIT).until(() -> Fx.read(() -> {
            PacketEvent p = packets.getSelectionModel().getSelectedItem();
            return p != null && p.packet().type() == PacketType.CONNECT && p.direction() == Direction.CLIENT_TO_BROKER
                    && displacing.packets().contains(p);
        }));
        // the insights stay the capture's while its entry is shown
        assertThat(Fx.read(() -> window.vm().insights().rows())).containsExactly(row);

        // and are said again in the language the user switches to
        robot.clickOn("#settingsButton");
        robot.clickOn("简体中文");
        robot.clickOn("OK");
        await().atMost(WAIT).until(() -> Fx.read(() -> window.vm().insights().rows().size() == 1
                && window.vm().insights().rows().get(0).message().contains("代理立刻关闭了 " + displacedName)));
    }
}
