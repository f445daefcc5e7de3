package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Issue 14 item 16: the built-in broker's addresses, with the ports it bound, each with a copy button. */
@ExtendWith(ApplicationExtension.class)
class BrokerUrlsFxTest {
    private BuiltInBrokerWindow window;

    @Start
    void start(Stage stage) {
        window = BuiltInBrokerWindow.open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
    }

    @Test
    void the_bound_addresses_show_with_copy_buttons(FxRobot robot) {
        Node box = robot.lookup("#brokerUrls").query();
        assertThat(Fx.read(box::isVisible)).isTrue();
        assertThat(Fx.read(() -> box.lookupAll(".text-field"))).isEmpty();
        window.connectLocalBroker(robot);
        List<String> shown = Fx.read(() -> box.lookupAll(".text-field").stream()
                .map(n -> ((TextField) n).getText()).toList());
        // the addresses other clients dial: the wiretaps in front of the broker, on the ports they actually bound
        assertThat(shown).contains("mqtt://127.0.0.1:" + window.backend().front().tcpPort(),
                "ws://127.0.0.1:" + window.backend().front().wsPort() + "/mqtt");
        Button copy = Fx.read(() -> (Button) box.lookupAll(".button").iterator().next());
        robot.interact(copy::fire);
        assertThat(Fx.read(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(shown.get(0));
        // another connection selected: the box goes
        robot.interact(() -> window.vm().connections().put(io.mqscope.profile.Profile.builder().name("x")
                .build()));
        assertThat(Fx.read(box::isVisible)).isFalse();
    }
}
