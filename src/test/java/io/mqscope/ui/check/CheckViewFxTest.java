package io.mqscope.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.testing.Mosquitto;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.ThemeSwitcher;
import io.mqscope.ui.app.TaskExecutor;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The check report view against real mosquitto listeners: stages arrive as they finish, a pass and a failure. */
@ExtendWith({ApplicationExtension.class, Mosquitto.class})
class CheckViewFxTest {
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final TaskExecutor tasks = new TaskExecutor(io, Platform::runLater);
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        I18n.setLocale(Locale.ENGLISH);
        ThemeSwitcher.apply(false);
        s.setScene(new Scene(new BorderPane(), 980, 720));
        s.show();
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    private CheckViewModel show(FxRobot robot, String url, java.util.function.UnaryOperator<Profile.Builder> tweak) {
        Profile base = Profile.builder().name("fx").clientId("mqscope-fx-check").randomClientIdSuffix(true).build();
        Profile p = tweak.apply(ProfileUrl.parse(url, base).value().toBuilder()).build();
        CheckViewModel vm = new CheckViewModel(p, CheckViewModel.url(p), tasks, Locale.ENGLISH);
        robot.interact(() -> {
            stage.getScene().setRoot(new CheckView(vm).root());
            vm.start();
        });
        return vm;
    }

    private static String text(FxRobot robot, String id) {
        return Fx.read(() -> robot.lookup(id).tryQueryAs(Label.class).map(Label::getText).orElse(""));
    }

    private static void awaitText(FxRobot robot, String id, String expected) {
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> text(robot, id).equals(expected));
    }

    @Test
    void aWorkingBrokerShowsEveryStagePassingAndCopiesMarkdown(Mosquitto m, FxRobot robot) {
        CheckViewModel vm = show(robot, "mqtt://127.0.0.1:" + m.tcpPort, b -> b);
        awaitText(robot, "#status-publish", "ok");
        for (String stageName : List.of("dns", "tcp", "mqtt", "subscribe")) {
            assertThat(text(robot, "#status-" + stageName)).isEqualTo("ok");
        }
        assertThat(text(robot, "#checkVerdictOk")).isEqualTo("OK: every stage passed.");
        assertThat(Fx.read(vm::markdown)).contains("| publish | ok |").contains("| tls | skip |");
        Node copy = robot.lookup("#checkCopyMarkdown").query();
        assertThat(Fx.read(copy::isDisabled)).isFalse();
    }

    @Test
    void aTcpClientAtAWebSocketPortFailsAtMqttWithTheFix(Mosquitto m, FxRobot robot) {
        show(robot, "mqtt://127.0.0.1:" + m.wsPort, b -> b);
        awaitText(robot, "#status-mqtt", "fail");
        assertThat(text(robot, "#status-tcp")).isEqualTo("ok");
        awaitText(robot, "#status-publish", "skip");
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> text(robot, "#checkVerdictCause")
                .contains("speaks HTTP"));
        assertThat(text(robot, "#checkVerdictFix")).contains("use ws://");
    }

    @Test
    void trustAnyCertificateIsMarkedAndTheMiniProgramRulesShowWhatAPhoneRejects(Mosquitto m, FxRobot robot) {
        show(robot, "wss://localhost:" + m.wssPort + "/mqtt", b -> b.tls(new Profile.TlsSettings(null, null, null,
                null, null, List.of(), false, true)));
        assertThat(text(robot, "#insecureMarker")).startsWith("Insecure");
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> text(robot, "#rule-public_trust")
                .contains("phones refuse the connection"));
        assertThat(text(robot, "#status-tls")).isEqualTo("warn");
    }
}
