package io.mqscope.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.ui.Fx;
import io.mqscope.ui.NoBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 14 item 17: a profile added at the end of a long list is selected and wholly in view. */
@ExtendWith(ApplicationExtension.class)
class NewProfileScrollFxTest {
    private ConnectionsViewModel vm;
    private StackPane root;

    @Start
    void start(Stage stage) {
        List<Profile> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(Profile.builder().id("p" + i).name("Device " + i).build());
        }
        vm = new ConnectionsViewModel(new NoBackend(), ProfileRepository.inMemory(many), TaskExecutor.sameThread(),
                100, 100);
        root = new StackPane(new ConnectionsView(vm, stage).root());
        stage.setScene(new Scene(root, 400, 500));
        // the primary stage is shared by every test class: one before may have sized or maximized it
        stage.setMaximized(false);
        stage.setWidth(400);
        stage.setHeight(500);
        stage.show();
    }

    @Test
    void a_new_profile_is_scrolled_wholly_into_view(FxRobot robot) {
        robot.interact(() -> vm.put(Profile.builder().id("new").name("Brand new device").build()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Fx.read(() -> vm.selectedProperty().get().profile().id())).isEqualTo("new");
        // the reveal runs over the next pulses (rows are measured first): wait for it, with a bound
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Fx.read(this::selectedRowWhollyVisible));
        } catch (TimeoutException e) {
            assertThat(Fx.read(this::selectedRowWhollyVisible)).as("selected new row wholly in view; %s",
                    Fx.read(this::describe)).isTrue();
        }
    }

    /** What the tree shows, for a failure message: its area, the selected row, and each selected cell's bounds. */
    private String describe() {
        TreeView<?> tree = (TreeView<?>) root.lookup(".tree-view");
        Bounds area = tree.localToScene(tree.getLayoutBounds());
        return "tree " + area + ", selected row " + tree.getSelectionModel().getSelectedIndex() + " of "
                + tree.getExpandedItemCount() + ", window " + root.getScene().getWindow().getWidth() + "x"
                + root.getScene().getWindow().getHeight() + ", selected cells " + tree.lookupAll(".tree-cell").stream()
                .map(n -> (TreeCell<?>) n).filter(TreeCell::isSelected)
                .map(c -> c.getIndex() + (c.isVisible() ? "" : " hidden") + " " + c.localToScene(c.getLayoutBounds()))
                .toList();
    }

    private boolean selectedRowWhollyVisible() {
        // this window's tree: a robot lookup searches every window still open in the test JVM
        TreeView<?> tree = (TreeView<?>) root.lookup(".tree-view");
        Bounds area = tree.localToScene(tree.getLayoutBounds());
        return tree.lookupAll(".tree-cell").stream().map(n -> (TreeCell<?>) n)
                .filter(c -> c.isVisible() && !c.isEmpty() && c.isSelected()).anyMatch(c -> {
                    Bounds b = c.localToScene(c.getLayoutBounds());
                    return b.getMinY() >= area.getMinY() - 0.5 && b.getMaxY() <= area.getMaxY() + 0.5;
                });
    }
}
