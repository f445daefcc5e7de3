package io.mqscope.ui.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.capture.Endpoint;
import io.mqscope.capture.Transport;
import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.Fx;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.capture.SessionPcapng;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.StreamDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Packets tab's Export menu has "Export selection as pcapng": enabled once rows are selected (several at once)
 * and a pcapng source is set. What it writes is checked with tshark in PacketsPcapngExportTest.
 */
@ExtendWith(ApplicationExtension.class)
class PacketsSelectionExportFxTest {
    private PacketsViewModel vm;

    @Start
    void start(Stage stage) {
        List<PacketEvent> all = new ArrayList<>();
        String hex = "100d00044d5154540402003c000161" + "82060001000174003008000174" + "68656c6c6f";
        for (DecodedPacket p : new StreamDecoder(Direction.CLIENT_TO_BROKER, 0).feed(HexFormat.of().parseHex(hex))) {
            all.add(new PacketEvent("c1", 0, Instant.ofEpochSecond(1_700_000_000L, all.size()),
                    Direction.CLIENT_TO_BROKER, p));
        }
        vm = new PacketsViewModel(100, TaskExecutor.sameThread());
        vm.setSource(() -> all, () -> { });
        PacketsView view = new PacketsView(vm, stage);
        stage.setScene(new Scene((javafx.scene.Parent) view.root(), 900, 600));
        stage.show();
    }

    @Test
    void the_menu_item_follows_the_selection_and_the_pcapng_source(FxRobot robot) {
        TableView<PacketEvent> table = robot.lookup("#packetTable").queryTableView();
        MenuButton menu = robot.lookup("#exportMenu").queryAs(MenuButton.class);
        MenuItem item = Fx.read(() -> menu.getItems().stream()
                .filter(i -> "exportSelectionPcapng".equals(i.getId())).findFirst().orElseThrow());
        assertThat(Fx.read(() -> table.getSelectionModel().getSelectionMode())).isEqualTo(SelectionMode.MULTIPLE);
        assertThat(Fx.read(item::getText)).isEqualTo("Export selection as pcapng");
        assertThat(Fx.read(item::isDisable)).isTrue();

        robot.interact(() -> table.getSelectionModel().selectIndices(0, 2));
        assertThat(Fx.read(() -> table.getSelectionModel().getSelectedItems().size())).isEqualTo(2);
        // no pcapng source yet: still disabled
        assertThat(Fx.read(item::isDisable)).isTrue();
        robot.interact(() -> vm.setPcapngSource(events -> SessionPcapng.conversations(new Endpoint("mqscope", 0),
                new Endpoint("broker.example.com", 1883), Transport.TCP, events)));
        assertThat(Fx.read(item::isDisable)).isFalse();
        // the detail shows the last row picked
        assertThat(Fx.read(() -> vm.selectedProperty().get())).isSameAs(Fx.read(() -> vm.visible().get(2)));

        robot.interact(() -> table.getSelectionModel().clearSelection());
        assertThat(Fx.read(item::isDisable)).isTrue();
    }
}
