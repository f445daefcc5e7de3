package io.mqscope.ui.wiretap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Field;
import io.mqscope.wire.PacketType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Wiretap in the real main window (headless Monocle), with real clients over real sockets: a wiretap defined
 * and started in the app forwards the HiveMQ Java client to the embedded HiveMQ and its CONNECT is shown in the
 * inspector with its fields highlighted; and the WeChat mini program's malformed CONNECT, sent byte for byte to the
 * built-in broker's port, shows under "Local broker → clients" with the broker's hang-up and the diagnosis.
 */
@ExtendWith(ApplicationExtension.class)
class WiretapFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** mqtt.js 4.3.x in a WeChat mini program: Remaining Length 26 written as 4 bytes (MQTT.js PR #1506). */
    static final String WECHAT_CONNECT =
            "101a0000000004" + "4d515454" + "04c2003c000a" + "636e2e6c6f6b65692d31" + "00000000";

    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
    }

    private WiretapsViewModel vm() {
        return window.vm().wiretaps();
    }

    /** The wiretap tab's content: the inspector's own table and dump, not the Packets tab's. */
    private Node inspector(FxRobot robot) {
        return Fx.read(() -> {
            Tab tab = robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                    .flatMap(p -> p.getTabs().stream()).filter(t -> "wiretapTab".equals(t.getId())).findFirst()
                    .orElseThrow();
            return tab.getContent();
        });
    }

    @Test
    void a_client_through_a_wiretap_shows_its_connect_highlighted(FxRobot robot) {
        int brokerPort = window.backend().startLocalBroker(); // the embedded HiveMQ, reached directly: the upstream
        robot.clickOn("#newWiretapButton");
        robot.clickOn("#wiretapListen").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("mqtt://127.0.0.1:0");
        robot.clickOn("#wiretapUpstreamUrl").write("mqtt://127.0.0.1:" + brokerPort);
        robot.clickOn("#wiretapRepair");
        robot.clickOn(I18n.t("dialog.ok"));
        WiretapEntry tap = Fx.read(() -> vm().selectedEntryProperty().get());
        assertThat(Fx.read(() -> tap.definitionProperty().get().upstreamUrl()))
                .isEqualTo("mqtt://127.0.0.1:" + brokerPort);
        assertThat(Fx.read(() -> tap.definitionProperty().get().repairPaddedLength())).isTrue();

        robot.clickOn("#startWiretapButton");
        await().atMost(WAIT).until(() -> Fx.read(() -> tap.statusProperty().get()) == WiretapEntry.Status.RUNNING);
        String url = Fx.read(() -> tap.urls().get(0));
        assertThat(url).startsWith("mqtt://127.0.0.1:").doesNotEndWith(":0");
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));

        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier("fx-tapped")
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client.connect();
        try {
            await().atMost(WAIT).until(() -> Fx.read(() -> tap.rows().stream()
                    .anyMatch(r -> r.packetsIn() >= 1 && r.packetsOut() >= 1)));
            TapClientRow row = Fx.read(() -> tap.rows().get(0));
            assertThat(row.client()).startsWith("127.0.0.1:");
            assertThat(row.state()).isEqualTo(TapClientRow.State.OPEN);
            assertThat(row.errors()).isZero();

            reveal(robot, row.key());
            robot.clickOn(row.client()); // the client's row in the Wiretaps pane
            await().atMost(WAIT).until(() -> Fx.read(() -> vm().inspector().packets().visible().stream()
                    .anyMatch(e -> e.packet().type() == PacketType.CONNECT)));
            assertThat(Fx.read(() -> robot.lookup("#tapClientTitle").queryAs(Label.class).getText()))
                    .contains(row.client());
            Node inspector = inspector(robot);
            assertThat(Fx.read(inspector::isVisible)).isTrue();

            TableView<PacketEvent> table = robot.from(inspector).lookup("#packetTable").queryTableView();
            PacketEvent connect = Fx.read(() -> table.getItems().stream()
                    .filter(e -> e.packet().type() == PacketType.CONNECT).findFirst().orElseThrow());
            assertThat(connect.direction()).isEqualTo(Direction.CLIENT_TO_BROKER);
            robot.interact(() -> table.getSelectionModel().select(connect));
            StyleClassedTextArea hex = robot.from(inspector).lookup("#hexDump").queryAs(StyleClassedTextArea.class);
            // 3.1.1 CONNECT: fixed header 10, Remaining Length, protocol name "MQTT"
            assertThat(Fx.read(() -> hex.getText())).startsWith("0000  10 ");
            assertThat(Fx.read(() -> hex.getText())).contains("MQTT");
            // each field's bytes coloured
            assertThat(Fx.read(() -> hex.getStyleOfChar(6))).anyMatch(s -> s.startsWith("hx-f"));

            TreeView<Field> tree = robot.from(inspector).lookup("#fieldTree").query();
            TreeItem<Field> clientId = Fx.read(() -> find(tree.getRoot(), "client_id"));
            assertThat(clientId.getValue().value()).isEqualTo("fx-tapped");
            robot.interact(() -> tree.getSelectionModel().select(clientId));
            Field f = clientId.getValue();
            assertThat(Fx.read(() -> vm().inspector().packets().detail().highlightedProperty().get().offset()))
                    .isEqualTo(f.offset());
            // the client id's bytes are highlighted in the dump
            int at = Fx.read(() -> vm().inspector().packets().detail().dumpProperty().get().hexStart(f.offset()));
            assertThat(Fx.read(() -> hex.getStyleOfChar(at))).contains("hx-sel");
        } finally {
            client.disconnect();
        }
        await().atMost(WAIT).until(() -> Fx.read(() -> tap.rows().get(0).state()) == TapClientRow.State.CLOSED);
        assertThat(Fx.read(() -> tap.rows().get(0).verdict())).isNull();
        assertThat(Fx.read(() -> robot.lookup("#verdictBanner").queryAs(Label.class).isVisible())).isFalse();

        robot.clickOn("#stopWiretapButton");
        assertThat(Fx.read(() -> tap.statusProperty().get())).isEqualTo(WiretapEntry.Status.STOPPED);
    }

    @Test
    void the_wechat_connect_sent_to_the_built_in_broker_shows_under_local_broker_clients(FxRobot robot)
            throws Exception {
        WiretapEntry local = Fx.read(() -> vm().localBroker());
        assertThat(Fx.read(() -> vm().selectedEntryProperty().get())).isSameAs(local);
        robot.clickOn("#startWiretapButton");
        await().atMost(WAIT).until(() -> Fx.read(() -> local.statusProperty().get()) == WiretapEntry.Status.RUNNING);
        int port = window.backend().front().tcpPort();
        assertThat(Fx.read(() -> local.urls())).contains("mqtt://127.0.0.1:" + port);
        assertThat(port).isNotEqualTo(window.backend().broker().tcpPort()); // the user-facing port is the wiretap's

        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(HexFormat.of().parseHex(WECHAT_CONNECT));
            out.flush();
            InputStream in = s.getInputStream();
            s.setSoTimeout((int) WAIT.toMillis());
            assertThat(in.read()).as("the broker hangs up without a CONNACK").isEqualTo(-1);
        }
        await().atMost(WAIT).until(() -> Fx.read(() -> local.rows().stream().anyMatch(TapClientRow::endedBadly)));
        TapClientRow row = Fx.read(() -> local.rows().stream().filter(TapClientRow::endedBadly).findFirst()
                .orElseThrow());
        assertThat(row.closedBy()).isEqualTo("broker");
        assertThat(row.errors()).isGreaterThanOrEqualTo(1);
        assertThat(row.verdict()).contains("CONNECT").contains("PR #1506");

        reveal(robot, row.key());
        robot.clickOn(row.client());
        await().atMost(WAIT).until(() -> Fx.read(() -> !vm().inspector().packets().visible().isEmpty()));
        Label banner = robot.lookup("#verdictBanner").queryAs(Label.class);
        assertThat(Fx.read(banner::isVisible)).isTrue();
        assertThat(Fx.read(banner::getText)).isEqualTo(row.verdict());

        Node inspector = inspector(robot);
        TableView<PacketEvent> table = robot.from(inspector).lookup("#packetTable").queryTableView();
        PacketEvent connect = Fx.read(() -> table.getItems().get(0));
        assertThat(connect.packet().type()).isEqualTo(PacketType.CONNECT);
        assertThat(connect.packet().raw()).isEqualTo(HexFormat.of().parseHex(WECHAT_CONNECT));
        robot.interact(() -> table.getSelectionModel().select(connect));
        Label diagnosis = robot.from(inspector).lookup("#diagnosis").queryAs(Label.class);
        assertThat(Fx.read(diagnosis::getText)).contains("1a 00 00 00").contains("PR #1506");
        StyleClassedTextArea hex = robot.from(inspector).lookup("#hexDump").queryAs(StyleClassedTextArea.class);
        // the padded Remaining Length (bytes 1-4) is blamed in the dump
        int padding = Fx.read(() -> vm().inspector().packets().detail().dumpProperty().get().hexStart(2));
        assertThat(Fx.read(() -> hex.getStyleOfChar(padding))).contains("hx-bad");
    }

    /** Scrolls the Wiretaps pane to a client's row, as a user would before clicking it. */
    static void reveal(FxRobot robot, String key) {
        TreeView<Object> tree = robot.lookup("#wiretapTree").query();
        robot.interact(() -> {
            for (TreeItem<Object> w : tree.getRoot().getChildren()) {
                for (TreeItem<Object> c : w.getChildren()) {
                    if (c.getValue() instanceof TapClientRow r && r.key().equals(key)) {
                        tree.scrollTo(tree.getRow(c));
                    }
                }
            }
        });
    }

    private static TreeItem<Field> find(TreeItem<Field> node, String name) {
        if (node.getValue() != null && node.getValue().name().equals(name)) {
            return node;
        }
        for (TreeItem<Field> c : node.getChildren()) {
            TreeItem<Field> r = find(c, name);
            if (r != null) {
                return r;
            }
        }
        return null;
    }
}
