package io.mqscope.ui.messages;

import io.mqscope.ui.BuiltInBrokerWindow;
import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.TextCharset;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The charset boxes of the real window: the payload viewer's and the publisher's are separate, offer every JDK
 * charset, take a typed name or alias, and keep their charset when the name is unknown.
 */
@ExtendWith(ApplicationExtension.class)
class CharsetBoxFxTest {
    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<TextCharset> box(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(ComboBox.class);
    }

    private static void type(FxRobot robot, ComboBox<TextCharset> box, String name) {
        robot.interact(() -> {
            box.getEditor().setText(name);
            box.commitValue();
        });
    }

    @Test
    void each_view_takes_any_jdk_charset_by_name(FxRobot robot) {
        ComboBox<TextCharset> viewer = box(robot, "payloadCharset");
        ComboBox<TextCharset> publisher = box(robot, "publishCharset");
        assertThat(viewer.getItems()).hasSizeGreaterThan(50).contains(TextCharset.byName("Shift_JIS"));
        type(robot, viewer, "sjis");
        assertThat(window.vm().payload().charsetProperty().get().name()).isEqualTo("Shift_JIS");
        assertThat(window.vm().publisher().charsetProperty().get()).isEqualTo(TextCharset.UTF_8);
        type(robot, publisher, "gb18030");
        assertThat(window.vm().publisher().charsetProperty().get()).isEqualTo(TextCharset.GB18030);
        type(robot, viewer, "no-such-charset");
        assertThat(window.vm().payload().charsetProperty().get().name()).isEqualTo("Shift_JIS");
        assertThat(viewer.getEditor().getText()).isEqualTo("Shift_JIS");
    }
}
