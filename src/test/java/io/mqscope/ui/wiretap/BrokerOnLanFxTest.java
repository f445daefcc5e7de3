package io.mqscope.ui.wiretap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.tap.LocalAddresses;
import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.settings.SettingsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitMenuButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * In the real window: the user ticks "let other devices connect" in Settings; the built-in broker, started from the
 * Wiretaps pane, is marked as open to the network, Copy URL offers its LAN URLs, and the choice is saved.
 */
@ExtendWith(ApplicationExtension.class)
class BrokerOnLanFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private BuiltInBrokerWindow window;
    private Path file;

    @Start
    void start(Stage stage) throws Exception {
        file = Files.createTempDirectory("mqscope-ui").resolve("ui.properties");
        window = BuiltInBrokerWindow.with().savingTo(new SettingsFile(file)).open(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        window.close(robot);
    }

    @Test
    void the_setting_exposes_the_built_in_broker_with_a_marker_and_lan_urls(FxRobot robot) {
        assertThat(robot.lookup(".wiretap-exposed").tryQuery()).isEmpty();
        robot.clickOn("#settingsButton");
        robot.clickOn("#brokerOnLanCheck");
        robot.clickOn(I18n.t("dialog.ok"));
        await().atMost(WAIT).until(() -> new SettingsFile(file).load().brokerOnLan());

        WiretapsViewModel vm = window.vm().wiretaps();
        WiretapEntry broker = Fx.read(vm::localBroker);
        robot.interact(() -> vm.selectedEntryProperty().set(broker));
        robot.clickOn("#startWiretapButton");
        await().atMost(WAIT).until(() -> Fx.read(() -> broker.statusProperty().get()) == WiretapEntry.Status.RUNNING
                && broker.exposedProperty().get());
        assertThat(window.backend().front().exposed()).isTrue();
        await().atMost(WAIT).until(() -> Fx.read(() -> robot.lookup(".wiretap-exposed").tryQueryAs(Label.class)
                .map(Label::getText).orElse("")).equals(I18n.t("wiretap.exposed")));
        List<String> offered = Fx.read(() -> robot.lookup("#copyUrlButton").queryAs(SplitMenuButton.class)
                .getItems().stream().map(MenuItem::getText).toList());
        int port = window.backend().front().tcpPort();
        assertThat(offered).contains("mqtt://127.0.0.1:" + port);
        LocalAddresses.lan().forEach(a -> assertThat(offered).contains("mqtt://" + a + ":" + port));
    }
}
