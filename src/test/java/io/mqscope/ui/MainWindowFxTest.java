package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.session.ConnectionState;
import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Field;
import io.mqscope.wire.PacketType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real main window (headless Monocle) against a real embedded HiveMQ started by the built-in "Local broker"
 * profile: create a profile, connect, subscribe, publish hex, see the bytes in the message viewer and the PUBLISH
 * in the packet inspector; invalid hex and JSON show their positions and send nothing. Each test builds its own
 * window, backend (with its own broker) and I/O executor, and reads JavaFX state only on the FX thread.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
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

    private ConnectionState state(ConnectionEntry e) {
        return Fx.read(() -> e.stateProperty().get());
    }

    private String text(FxRobot robot, String query) {
        return Fx.read(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    private String title(FxRobot robot) {
        return Fx.read(() -> ((Stage) robot.window(0)).getTitle());
    }

    @Test
    void first_run_shows_the_local_broker_and_the_title(FxRobot robot) {
        assertThat(Fx.read(() -> robot.window(0).getScene())).isNotNull();
        ConnectionEntry first = Fx.read(() -> vm().connections().entries().get(0));
        assertThat(first.profile().name()).isEqualTo("Local broker");
        assertThat(title(robot)).isEqualTo("MQScope — Local broker");
        assertThat(text(robot, "#statusState")).contains(I18n.t("state.disconnected"));
    }

    @Test
    void create_connect_subscribe_publish_hex_and_inspect(FxRobot robot) {
        // create a profile for the built-in broker through the editor
        window.connectLocalBroker(robot);
        int port = window.backend().broker().tcpPort();
        robot.clickOn("#newConnectionButton");
        robot.clickOn("#field-name").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("Test broker");
        robot.clickOn("#field-url").write("mqtt://127.0.0.1:" + port);
        robot.clickOn("OK");
        ConnectionEntry created = Fx.read(() -> vm().connections().selectedProperty().get());
        assertThat(Fx.read(created::profile).name()).isEqualTo("Test broker");
        assertThat(Fx.read(created::profile).port()).isEqualTo(port);

        robot.clickOn("#connectButton");
        await().atMost(WAIT).until(() -> state(created) == ConnectionState.CONNECTED);
        await().atMost(WAIT).until(() -> title(robot).equals("MQScope — Test broker"));

        window.subscribeByTyping(robot, "ui/test/#");
        assertThat(Fx.read(created::profile).subscriptions()).extracting(s -> s.topicFilter())
                .containsExactly("ui/test/#");

        robot.clickOn("#publishTopic").write("ui/test/hex");
        robot.clickOn("#modeHEX");
        robot.clickOn("#publishPayload").write("0xde,0xad be ef 00 ff");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        byte[] want = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0, (byte) 0xff};

        await().atMost(WAIT).until(() -> Fx.read(() -> vm().messages().visible().stream()
                .anyMatch(m -> !m.event().outgoing() && Arrays.equals(m.event().payload(), want))));
        robot.interact(() -> vm().messages().selectedProperty().set(vm().messages().visible().stream()
                .filter(m -> !m.event().outgoing()).findFirst().orElseThrow()));
        robot.interact(() -> vm().payload().formatProperty().set(io.mqscope.payload.PayloadFormat.HEX));
        String dump = Fx.read(() -> robot.lookup("#payloadText").queryAs(StyleClassedTextArea.class).getText());
        assertThat(dump).startsWith("0000  de ad be ef 00 ff");

        robot.interact(window.view()::selectPacketsTab);
        await().atMost(WAIT).until(() -> Fx.read(() -> vm().packets().visible().stream()
                .anyMatch(this::isOurPublish)));
        TableView<PacketEvent> table = robot.lookup("#packetTable").queryTableView();
        robot.interact(() -> table.getSelectionModel().select(
                vm().packets().visible().stream().filter(this::isOurPublish).findFirst().orElseThrow()));
        PacketEvent selected = Fx.read(() -> vm().packets().selectedProperty().get());
        assertThat(selected.packet().type()).isEqualTo(PacketType.PUBLISH);
        TreeView<Field> tree = robot.lookup("#fieldTree").query();
        List<Field> fields = Fx.read(() -> tree.getRoot().getChildren().stream().map(t -> t.getValue()).toList());
        assertThat(fields).extracting(Field::name).contains("topic", "payload");
        Field topic = fields.stream().filter(f -> f.name().equals("topic")).findFirst().orElseThrow();
        assertThat(topic.value()).isEqualTo("ui/test/hex");
        String hex = Fx.read(() -> robot.lookup("#hexDump").queryAs(StyleClassedTextArea.class).getText());
        // PUBLISH QoS 0, remaining length 19, topic length 11, "ui/test/hex", the payload byte-exact
        assertThat(hex).startsWith("0000  30 13 00 0b 75 69 2f 74  65 73 74 2f 68 65 78 de  0...ui/test/hex.\n"
                + "0010  ad be ef 00 ff ");

        // select the topic field in the tree: its bytes are highlighted
        robot.interact(() -> tree.getSelectionModel().select(tree.getRoot().getChildren().stream()
                .filter(t -> t.getValue() == topic).findFirst().orElseThrow()));
        assertThat(Fx.read(() -> vm().packets().detail().highlightedProperty().get().offset()))
                .isEqualTo(topic.offset());
        // and the reverse: a byte of the payload selects the payload field
        Field payload = fields.stream().filter(f -> f.name().equals("payload")).findFirst().orElseThrow();
        robot.interact(() -> vm().packets().detail().selectByte(payload.offset() + 1));
        assertThat(Fx.read(() -> tree.getSelectionModel().getSelectedItem().getValue())).isEqualTo(payload);
    }

    @Test
    void a_refused_connection_turns_the_dot_red_with_the_reason(FxRobot robot) throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        robot.interact(() -> vm().connections().put(io.mqscope.profile.Profile.builder().name("Nobody home")
                .host("127.0.0.1").port(closed).build()));
        ConnectionEntry entry = Fx.read(() -> vm().connections().selectedProperty().get());
        robot.clickOn("#connectButton");
        await().atMost(WAIT).until(() -> state(entry) == ConnectionState.FAILED);
        await().atMost(WAIT).until(() -> text(robot, "#statusState").contains(I18n.t("state.failed")));
        assertThat(Fx.read(() -> entry.reasonProperty().get())).isNotBlank();
        assertThat(Fx.read(() -> robot.lookup(".dot-failed").tryQuery().isPresent())).isTrue();
    }

    private boolean isOurPublish(PacketEvent e) {
        return e.direction() == Direction.CLIENT_TO_BROKER && e.packet().type() == PacketType.PUBLISH;
    }

    @Test
    void invalid_hex_and_json_show_positions_and_send_nothing(FxRobot robot) {
        ConnectionEntry local = window.connectLocalBroker(robot);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#publishTopic").write("ui/bad");
        robot.clickOn("#modeHEX");
        robot.clickOn("#publishPayload").write("de ad bz ef");
        Label error = robot.lookup("#payloadError").queryAs(Label.class);
        assertThat(Fx.read(() -> error.getText())).contains("column 8").contains("'z'");
        assertThat(Fx.read(() -> vm().publisher().payloadErrorPositionProperty().get())).isEqualTo(7);
        assertThat(Fx.read(() -> robot.lookup("#sendButton").queryAs(Button.class).isDisabled())).isTrue();
        StyleClassedTextArea area = robot.lookup("#publishPayload").queryAs(StyleClassedTextArea.class);
        assertThat(Fx.read(() -> area.getStyleOfChar(7))).contains("bad-char");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        robot.clickOn("#modeJSON");
        robot.interact(() -> area.replaceText("{\n  \"a\": 1,\n  \"b\": }"));
        // the position once, then what is wrong in our words (issue 14 item 17)
        assertThat(Fx.read(() -> error.getText())).startsWith("Line 3, column 8: expected a value");
        assertThat(Fx.read(() -> robot.lookup("#sendButton").queryAs(Button.class).isDisabled())).isTrue();
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(local.live().sentCount()).isZero();
        assertThat(Fx.read(() -> vm().publisher().statusProperty().get())).isEqualTo(I18n.t("publisher.invalid"));

        // fixed input goes out
        robot.interact(() -> area.replaceText("{\"a\": 1}"));
        assertThat(Fx.read(() -> error.getText())).isEmpty();
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> local.live().sentCount() == 1);
    }
}
