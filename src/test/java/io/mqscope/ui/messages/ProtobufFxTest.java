package io.mqscope.ui.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.main.MainViewModel;
import java.io.File;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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
 * Protobuf in the real window against the embedded broker: the publisher writes JSON as a message type of a test
 * .proto, the viewer shows the received bytes as that type's field tree, and a choice remembered for a topic filter
 * decodes the next message on it without asking. (The native file dialog cannot be driven headless: the files are
 * handed to the same model method the dialog calls.)
 */
@ExtendWith(ApplicationExtension.class)
class ProtobufFxTest {
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

    private static File sensorProto() throws URISyntaxException {
        return new File(ProtobufFxTest.class.getResource("/io/mqscope/payload/proto/sensor.proto").toURI());
    }

    private String payloadText(FxRobot robot) {
        return Fx.read(() -> robot.lookup("#payloadText").queryAs(StyleClassedTextArea.class).getText());
    }

    private void publish(FxRobot robot, String json) {
        robot.interact(() -> vm().publisher().payloadProperty().set(""));
        robot.clickOn("#publishPayload").write(json);
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    }

    @Test
    void publish_json_as_protobuf_and_view_the_field_tree(FxRobot robot) throws Exception {
        ConnectionEntry local = window.connectLocalBroker(robot);
        window.subscribeByTyping(robot, "ui/proto/#");

        // the publisher: Protobuf mode shows the picker; the files load off the FX thread, the first type is chosen
        robot.clickOn("#publishTopic").write("ui/proto/r1");
        robot.clickOn("#modePROTOBUF");
        assertThat(Fx.read(() -> robot.lookup("#publishProtoChoose").query().isVisible())).isTrue();
        File proto = sensorProto();
        robot.interact(() -> vm().publisher().proto().load(List.of(proto)));
        await().atMost(WAIT).until(() -> Fx.read(() -> robot.lookup("#publishProtoType").queryAs(ComboBox.class)
                .getItems().size()) == 3);
        robot.interact(() -> robot.lookup("#publishProtoType").queryAs(ComboBox.class)
                .setValue("demo.sensor.Reading"));
        publish(robot, "{\"deviceId\": \"a1\", \"samples\": [1, 150], \"status\": \"FAULT\"}");
        byte[] want = HexFormat.of().parseHex("0a026131" + "2203019601" + "3002");
        MessageRow first = window.awaitIncoming(want);

        // the viewer: choose Protobuf and the same files; the tree names every field by number, name and type
        robot.interact(() -> vm().messages().selectedProperty().set(first));
        robot.interact(() -> robot.lookup("#payloadFormat").queryAs(ChoiceBox.class).setValue(PayloadFormat.PROTOBUF));
        robot.interact(() -> vm().payload().proto().load(List.of(proto)));
        await().atMost(WAIT).until(() -> Fx.read(() -> robot.lookup("#payloadProtoType").queryAs(ComboBox.class)
                .getItems().size()) == 3);
        robot.interact(() -> robot.lookup("#payloadProtoType").queryAs(ComboBox.class)
                .setValue("demo.sensor.Reading"));
        assertThat(payloadText(robot)).contains("demo.sensor.Reading (11 bytes)",
                "#1 device_id: string = \"a1\"", "#4 samples: repeated int32 packed = [1, 150]",
                "#6 status: demo.sensor.Reading.Status = FAULT (2)");

        // remembered for the filter: the next message on it opens as Protobuf even after another format was shown
        robot.interact(() -> vm().payload().rememberFilterProperty().set(""));
        robot.clickOn("#decodeFilter").write("ui/proto/+");
        robot.clickOn("#decodeRemember");
        robot.interact(() -> vm().payload().formatProperty().set(PayloadFormat.HEX));
        robot.interact(() -> vm().publisher().topicProperty().set("ui/proto/r2"));
        publish(robot, "{\"deviceId\": \"b2\"}");
        MessageRow second = window.awaitIncoming(HexFormat.of().parseHex("0a026232"));
        robot.interact(() -> vm().messages().selectedProperty().set(second));
        assertThat(Fx.read(() -> vm().payload().formatProperty().get())).isEqualTo(PayloadFormat.PROTOBUF);
        assertThat(payloadText(robot)).contains("#1 device_id: string = \"b2\"");

        // JSON that does not fit the type says where, and Send stays disabled
        robot.interact(() -> vm().publisher().payloadProperty().set("{\"deviceId\": \"c\",\n \"nope\": 1}"));
        assertThat(Fx.read(() -> robot.lookup("#payloadError").queryAs(Label.class).getText()))
                .contains("2", "demo.sensor.Reading has no field named 'nope'");
        assertThat(Fx.read(() -> robot.lookup("#sendButton").queryAs(javafx.scene.control.Button.class)
                .isDisabled())).isTrue();
    }
}
