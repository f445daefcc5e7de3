package io.mqscope.ui.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.Fx;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.wire.PacketType;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Packets tab's type filter is a check-combo: several types at once, none checked shows every type. */
@ExtendWith(ApplicationExtension.class)
class PacketTypeFilterFxTest {
    private PacketsViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new PacketsViewModel(100, TaskExecutor.sameThread());
        vm.setSource(PacketsViewModelTest::events, () -> { });
        stage.setScene(new Scene((javafx.scene.Parent) new PacketsView(vm, stage).root(), 1100, 600));
        stage.show();
    }

    @Test
    @SuppressWarnings("unchecked")
    void several_types_at_once(FxRobot robot) {
        CheckComboBox<PacketType> filter = robot.lookup("#typeFilter").queryAs(CheckComboBox.class);
        assertThat(Fx.read(() -> vm.visible().size())).isEqualTo(3);
        assertThat(Fx.<String>read(filter::getTitle)).isEqualTo("All types");
        // opened and checked as a user does: click, then the PUBLISH item's check box
        robot.clickOn(filter);
        robot.clickOn(robot.lookup(".check-box").match(n -> n.getParent() != null
                && n.getParent().toString().contains("PUBLISH")).<javafx.scene.Node>tryQuery().orElseGet(
                        () -> robot.lookup("PUBLISH").query()));
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertThat(Fx.read(() -> vm.visible().stream().map(PacketEvent::packet).map(p -> p.type()).toList()))
                .containsExactly(PacketType.PUBLISH);
        robot.interact(() -> filter.getCheckModel().check(PacketType.PINGREQ));
        assertThat(Fx.read(() -> vm.visible().size())).isEqualTo(3);
        assertThat(Fx.<String>read(filter::getTitle)).isEqualTo("PUBLISH, PINGREQ");
        robot.interact(() -> filter.getCheckModel().clearCheck(PacketType.PUBLISH));
        assertThat(Fx.read(() -> vm.visible().size())).isEqualTo(2);
        robot.interact(() -> filter.getCheckModel().clearChecks());
        assertThat(Fx.read(() -> vm.visible().size())).isEqualTo(3);
        assertThat(Fx.<String>read(filter::getTitle)).isEqualTo("All types");
    }
}
