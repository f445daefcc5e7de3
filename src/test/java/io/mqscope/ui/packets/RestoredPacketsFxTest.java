package io.mqscope.ui.packets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.Fx;
import io.mqscope.ui.HistoryRun;
import io.mqscope.ui.I18n;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.wire.PacketType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * Issue 15: after a restart, a connection's Packets tab shows its last stored packets again, decoded, marked as
 * restored. The first run connects to the embedded broker and publishes; the second run opens the same history in
 * a new window and connects nothing.
 */
@ExtendWith(ApplicationExtension.class)
class RestoredPacketsFxTest {
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
    void the_last_stored_packets_show_again_marked_as_restored(FxRobot robot) throws Exception {
        try (HistoryRun first = new HistoryRun(robot, stage, dir)) {
            ConnectionEntry local = first.connect();
            first.publish(local, "restore/me");
            await().atMost(WAIT).until(() -> local.live().log().packets().entries().snapshot().items().stream()
                    .anyMatch(p -> p.packet().type() == PacketType.PUBACK));
            first.history.flush(10_000);
        }
        try (HistoryRun second = new HistoryRun(robot, stage, dir)) {
            robot.interact(second.view::selectPacketsTab);
            PacketsViewModel packets = second.view.viewModel().packets();
            await().atMost(WAIT).until(() -> Fx.read(() -> packets.visible().stream()
                    .anyMatch(p -> p.packet().type() == PacketType.PUBACK)));
            List<PacketEvent> shown = Fx.read(() -> List.copyOf(packets.visible()));
            assertThat(shown).extracting(p -> p.packet().type()).startsWith(PacketType.CONNECT, PacketType.CONNACK)
                    .contains(PacketType.PUBLISH, PacketType.PUBACK);
            // decoded again: the PUBLISH's topic and payload, and the CONNECT's password never stored
            PacketEvent publish = shown.stream().filter(p -> p.packet().type() == PacketType.PUBLISH).findFirst()
                    .orElseThrow();
            assertThat(PacketSummary.of(publish.packet())).contains("restore/me");
            assertThat(Fx.read(() -> shown.stream().allMatch(packets::restored))).isTrue();
            // marked in the table: greyed rows with a tooltip, and the time column says so
            TableView<?> table = robot.lookup("#packetTable").queryAs(TableView.class);
            await().atMost(WAIT).until(() -> Fx.read(() -> robot.from(table).lookup(".restored-row")
                    .queryAll().size()) >= 4);
            TableRow<?> row = robot.from(table).lookup(".restored-row").queryAs(TableRow.class);
            assertThat(Fx.read(() -> row.getTooltip().getText())).isEqualTo(I18n.t("packets.restored"));
            assertThat(Fx.read(() -> robot.from(row).lookup(".table-cell").queryAll().stream()
                    .map(c -> ((javafx.scene.control.Labeled) c).getText()).filter(t -> t != null)
                    .anyMatch(t -> t.startsWith("↺ ")))).isTrue();
            // the connection itself tells them from packets of this run
            ConnectionEntry local = Fx.read(() -> second.view.viewModel().connections().entries().get(0));
            assertThat(Fx.read(() -> local.live().restored(shown.get(0)))).isTrue();
            assertThat(Fx.read(() -> local.live().restored(new PacketEvent("x", 0, java.time.Instant.now(),
                    shown.get(0).direction(), shown.get(0).packet())))).isFalse();
        }
    }
}
