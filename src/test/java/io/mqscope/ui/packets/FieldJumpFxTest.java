package io.mqscope.ui.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.ui.Fx;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.PacketDecoder;
import java.util.HexFormat;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 14 item 17: a click on a byte selects its field and scrolls the field tree until that row is wholly seen. */
@ExtendWith(ApplicationExtension.class)
class FieldJumpFxTest {
    // CONNECT 3.1.1, clean session, will (QoS 1), username and password: a tree taller than the pane
    private static final byte[] CONNECT = HexFormat.of().parseHex(
            "1033" + "00044d515454" + "04" + "ee" + "003c" // protocol name, level 4, flags, keep alive
                    + "0005" + "6465763031" // client id "dev01"
                    + "0009" + "77696c6c2f74657374" // will topic "will/test"
                    + "0004" + "62796521" // will payload "bye!"
                    + "0005" + "616c696365" // username "alice"
                    + "0008" + "7365637265743132"); // password "secret12"
    private PacketDetailViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new PacketDetailViewModel();
        PacketDetailView v = new PacketDetailView(vm);
        // a short pane (the Packets tab with the publisher unfolded): two field rows show at once
        stage.setScene(new Scene((javafx.scene.Parent) v.fields(), 420, 110));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    private static boolean selectedRowWhollySeen(FxRobot robot) {
        TreeView<?> tree = robot.lookup(".tree-view").queryAs(TreeView.class);
        Bounds area = tree.localToScene(tree.getLayoutBounds());
        return tree.lookupAll(".tree-cell").stream().map(n -> (TreeCell<?>) n)
                .filter(c -> c.isVisible() && !c.isEmpty() && c.isSelected()).anyMatch(c -> {
                    Bounds b = c.localToScene(c.getLayoutBounds());
                    return b.getMinY() >= area.getMinY() - 0.5 && b.getMaxY() <= area.getMaxY() + 0.5;
                });
    }

    @Test
    void the_field_of_a_clicked_byte_is_scrolled_wholly_into_view(FxRobot robot) {
        DecodedPacket p = PacketDecoder.decode(CONNECT, 4, Direction.CLIENT_TO_BROKER);
        assertThat(p.findings()).isEmpty();
        robot.interact(() -> vm.packetProperty().set(p));
        robot.interact(() -> vm.showSecretsProperty().set(true));
        for (int index : new int[] {CONNECT.length - 1, 2, CONNECT.length - 9, 14, CONNECT.length - 1}) {
            robot.interact(() -> vm.selectByte(index));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(Fx.read(() -> vm.selectedFieldProperty().get())).as("byte " + index).isNotNull();
            assertThat(Fx.read(() -> selectedRowWhollySeen(robot))).as("byte " + index).isTrue();
        }
    }

}
