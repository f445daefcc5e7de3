package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.profile.Profile.SavedSubscription;
import io.mqscope.session.PublishRequest;
import io.mqscope.session.Session;
import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.wire.PacketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 14 item 8: at 1280x800 the Packets tab shows at least 10 packet rows and the whole field tree of a CONNECT
 * without scrolling; the publisher folds to one line while the tab is shown and unfolds when it is left.
 */
@ExtendWith(ApplicationExtension.class)
class PacketsLayoutFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.with().size(1280, 800).open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
    }

    /** Cells of {@code control} that show an item and lie wholly inside the control's own bounds. */
    static long wholeRows(Node control, String cellClass) {
        Bounds area = control.localToScene(control.getLayoutBounds());
        return control.lookupAll(cellClass).stream().filter(n -> n instanceof IndexedCell<?> c && !c.isEmpty()
                && c.isVisible()).filter(n -> {
                    Bounds b = n.localToScene(n.getLayoutBounds());
                    return b.getMinY() >= area.getMinY() - 0.5 && b.getMaxY() <= area.getMaxY() + 0.5;
                }).count();
    }

    /** Whether the node and every parent are visible. */
    static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    static void snap(FxRobot robot, String file) throws Exception {
        javafx.scene.image.WritableImage img = Fx.read(() -> robot.window(0).getScene().snapshot(null));
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage((int) img.getWidth(),
                (int) img.getHeight(), java.awt.image.BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, img.getPixelReader().getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(out, "png", new java.io.File(file));
    }

    @Test
    void packets_tab_at_1280x800_shows_ten_rows_and_a_whole_connect(FxRobot robot) throws Exception {
        MainViewModel vm = window.vm();
        ConnectionEntry local = window.connectLocalBroker(robot);
        Session s = local.live().session();
        s.subscribe(new SavedSubscription("lay/#", 0, false, false, 0, null, null, null)).join();
        for (int i = 0; i < 12; i++) {
            s.publish(new PublishRequest("lay/" + i, ("m" + i).getBytes(StandardCharsets.UTF_8), 0, false, null))
                    .join();
        }
        robot.interact(window.view()::selectPacketsTab);
        await().atMost(WAIT).until(() -> Fx.read(() -> vm.packets().visible().size()) >= 20);
        TableView<PacketEvent> table = robot.lookup("#packetTable").queryTableView();
        robot.interact(() -> table.getSelectionModel().select(vm.packets().visible().stream()
                .filter(e -> e.packet().type() == PacketType.CONNECT).findFirst().orElseThrow()));
        robot.interact(() -> table.scrollTo(0));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300); // the split panes settle over two pulses
        WaitForAsyncUtils.waitForFxEvents();

        snap(robot, "target/layout-packets.png");
        assertThat(Fx.read(() -> shown(robot.lookup("#publishPayload").query()))).isFalse();
        assertThat(Fx.read(() -> wholeRows(table, ".table-row-cell"))).as("whole packet rows")
                .isGreaterThanOrEqualTo(10);
        TreeView<?> tree = robot.lookup("#fieldTree").queryAs(TreeView.class);
        int fields = Fx.read(tree::getExpandedItemCount);
        assertThat(fields).isGreaterThan(8);
        assertThat(Fx.read(() -> wholeRows(tree, ".tree-cell"))).as("whole field rows").isEqualTo(fields);

        // back on the Messages tab the publisher is whole again
        robot.interact(window.view()::selectMessagesTab);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Fx.read(() -> shown(robot.lookup("#publishPayload").query()))).isTrue();
        assertThat(Fx.read(() -> robot.lookup("#publishPayload").query().getLayoutBounds().getHeight()))
                .isGreaterThan(40);
    }
}
