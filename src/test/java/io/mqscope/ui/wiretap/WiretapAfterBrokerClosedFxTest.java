package io.mqscope.ui.wiretap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.tap.PacketEvent;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.wire.PacketType;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * In the real window, a wiretap in front of mosquitto (a real broker: it closes at once on a CONNECT whose reserved
 * flag is set, [MQTT-3.1.2-3]) and a raw-socket client that goes on sending after the hang-up: the packets the tap
 * read in its grace after the broker's close are marked in the Wiretap tab's packet list (greyed, a tooltip saying
 * the broker never read them) and explained above the findings when selected; the CONNECT the broker read is not.
 * The marks follow a switch to Chinese.
 */
@ExtendWith({ApplicationExtension.class, Mosquitto.class})
class WiretapAfterBrokerClosedFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LATE = "after-broker-closed-row";

    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
        robot.interact(() -> I18n.setLocale(I18n.ENGLISH));
    }

    @Test
    void packets_sent_after_the_broker_closed_are_marked_in_the_list_and_the_detail(Mosquitto m, FxRobot robot)
            throws Exception {
        robot.clickOn("#newWiretapButton");
        robot.clickOn("#wiretapListen").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("mqtt://127.0.0.1:0");
        robot.clickOn("#wiretapUpstreamUrl").write("mqtt://127.0.0.1:" + m.tcpPort);
        robot.clickOn(I18n.t("dialog.ok"));
        WiretapEntry tap = Fx.read(() -> window.vm().wiretaps().selectedEntryProperty().get());
        robot.clickOn("#startWiretapButton");
        await().atMost(WAIT).until(() -> Fx.read(() -> tap.statusProperty().get()) == WiretapEntry.Status.RUNNING);
        String url = Fx.read(() -> tap.urls().get(0));
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));

        String key;
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout((int) WAIT.toMillis());
            await().atMost(WAIT).until(() -> !Fx.read(() -> tap.rows()).isEmpty());
            key = Fx.read(() -> tap.rows().get(0).key());
            OutputStream out = client.getOutputStream();
            out.write(MqttBytes.reservedFlagConnect("late-client"));
            // as a client that does not wait for CONNACK: PINGREQs until the tap has read one after the broker's
            // close, then a last SUBSCRIBE, and quiet
            long giveUp = System.nanoTime() + WAIT.toNanos();
            while (tap.clients().packetsOf(key).stream().noneMatch(tap.clients()::afterBrokerClosed)
                    && System.nanoTime() < giveUp && MqttBytes.send(out, MqttBytes.pingreq())) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the client's own pace, not a wait
            }
            assertThat(MqttBytes.send(out, MqttBytes.subscribe(4, "last/words", 0))).isTrue();
            assertThat(client.getInputStream().read()).as("the tap tells the client of the close").isEqualTo(-1);
        }
        await().atMost(WAIT).until(() -> Fx.read(() -> tap.row(key).state()) == TapClientRow.State.CLOSED);

        TapClientRow row = Fx.read(() -> tap.row(key));
        WiretapFxTest.reveal(robot, key);
        robot.clickOn(row.client());
        TapInspectorViewModel inspector = Fx.read(() -> window.vm().wiretaps().inspector());
        await().atMost(WAIT).until(() -> Fx.read(() -> inspector.packets().visible().stream()
                .anyMatch(e -> e.packet().type() == PacketType.SUBSCRIBE)));
        List<PacketEvent> packets = Fx.read(() -> List.copyOf(inspector.packets().visible()));
        PacketEvent connect = packets.get(0);
        PacketEvent last = packets.get(packets.size() - 1);
        assertThat(connect.packet().type()).isEqualTo(PacketType.CONNECT);
        assertThat(last.packet().type()).isEqualTo(PacketType.SUBSCRIBE);
        assertThat(Fx.read(() -> inspector.packets().afterBrokerClosed(connect))).as("the broker read it").isFalse();
        assertThat(Fx.read(() -> inspector.packets().afterBrokerClosed(last))).isTrue();

        TableView<PacketEvent> table = robot.from(packetsTab(robot)).lookup("#packetTable").queryTableView();
        // the CONNECT's row: not marked
        TableRow<?> connectRow = rowOf(robot, table, connect);
        assertThat(Fx.read(() -> connectRow.getStyleClass().contains(LATE))).isFalse();
        assertThat(Fx.read(connectRow::getTooltip)).isNull();
        // the last SUBSCRIBE's row: greyed, and the tooltip says why; the time column carries the mark
        TableRow<?> lastRow = rowOf(robot, table, last);
        assertThat(Fx.read(() -> lastRow.getStyleClass().contains(LATE))).isTrue();
        assertThat(Fx.read(() -> lastRow.getTooltip().getText()))
                .isEqualTo("Sent after the broker closed the connection \u2014 the broker never read it");
        assertThat(Fx.read(() -> (String) table.getColumns().get(0).getCellData(last))).startsWith("⊘ ");
        assertThat(Fx.read(() -> (String) table.getColumns().get(0).getCellData(connect))).doesNotContain("⊘");

        // selected, each says so above its findings, or does not
        robot.interact(() -> table.getSelectionModel().clearAndSelect(packets.size() - 1));
        Label note = robot.from(packetsTab(robot)).lookup("#afterBrokerClosedNote").queryAs(Label.class);
        assertThat(Fx.read(note::isVisible)).isTrue();
        assertThat(Fx.read(note::getText)).startsWith("The client sent this packet after the broker had closed");
        robot.interact(() -> table.getSelectionModel().clearAndSelect(0));
        assertThat(Fx.read(note::isVisible)).isFalse();

        // in Chinese: the window is built again over the same view models, the last packet selected again
        robot.interact(() -> table.getSelectionModel().clearAndSelect(packets.size() - 1));
        robot.clickOn("#settingsButton");
        robot.clickOn("简体中文");
        robot.clickOn("OK");
        await().atMost(WAIT).until(() -> Fx.read(() -> robot.lookup("#afterBrokerClosedNote")
                .queryAllAs(Label.class).stream().anyMatch(l -> l.isVisible() && l.getText().startsWith("客户端"))));
        TableView<PacketEvent> zhTable = robot.from(packetsTab(robot)).lookup("#packetTable").queryTableView();
        TableRow<?> zhLast = rowOf(robot, zhTable, last);
        assertThat(Fx.read(() -> zhLast.getStyleClass().contains(LATE))).isTrue();
        assertThat(Fx.read(() -> zhLast.getTooltip().getText()))
                .isEqualTo("在 Broker 关闭连接之后发送 \u2014 Broker 从未读到它");
    }

    /** The Wiretap tab's content: the inspector's own table, not the Packets tab's. */
    private static Node packetsTab(FxRobot robot) {
        return Fx.read(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .flatMap(p -> p.getTabs().stream()).filter(t -> "wiretapTab".equals(t.getId())).findFirst()
                .map(Tab::getContent).orElseThrow());
    }

    /**
     * The table row showing {@code e}, scrolled into view first (rows exist only for what is on screen): a few rows
     * above it, as scrolling the last item to the top left it under the flow's edge without a row now and then.
     */
    private static TableRow<?> rowOf(FxRobot robot, TableView<PacketEvent> table, PacketEvent e) {
        robot.interact(() -> table.scrollTo(Math.max(0, table.getItems().indexOf(e) - 3)));
        await().atMost(WAIT).until(() -> Fx.read(() -> robot.from(table).lookup(".table-row-cell")
                .queryAllAs(TableRow.class).stream().anyMatch(r -> r.getItem() == e)));
        return Fx.read(() -> robot.from(table).lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() == e).findFirst().orElseThrow());
    }
}
