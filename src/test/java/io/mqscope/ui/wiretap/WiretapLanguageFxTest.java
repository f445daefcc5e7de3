package io.mqscope.ui.wiretap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.ui.BuiltInBrokerWindow;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Wiretap tab's verdict banner follows a live language switch (Settings → 简体中文): the row keeps the verdict as
 * what to say, and the inspector says it again in Chinese, for the client that ended before the switch. The WeChat
 * mini program's malformed CONNECT, byte for byte to the built-in broker's wiretap, in the real window.
 */
@ExtendWith(ApplicationExtension.class)
class WiretapLanguageFxTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

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

    private static String banner(FxRobot robot) {
        return Fx.read(() -> robot.lookup("#verdictBanner").queryAs(Label.class).getText());
    }

    @Test
    void the_verdict_banner_of_a_closed_client_is_said_again_in_chinese(FxRobot robot) throws Exception {
        WiretapsViewModel vm = window.vm().wiretaps();
        WiretapEntry local = Fx.read(vm::localBroker);
        robot.clickOn("#startWiretapButton");
        await().atMost(WAIT).until(() -> Fx.read(() -> local.statusProperty().get()) == WiretapEntry.Status.RUNNING);
        int port = window.backend().front().tcpPort();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write(HexFormat.of().parseHex(WiretapFxTest.WECHAT_CONNECT));
            out.flush();
            InputStream in = s.getInputStream();
            s.setSoTimeout((int) WAIT.toMillis());
            assertThat(in.read()).as("the broker hangs up without a CONNACK").isEqualTo(-1);
        }
        await().atMost(WAIT).until(() -> Fx.read(() -> local.rows().stream().anyMatch(TapClientRow::endedBadly)));
        TapClientRow row = Fx.read(() -> local.rows().stream().filter(TapClientRow::endedBadly).findFirst()
                .orElseThrow());
        WiretapFxTest.reveal(robot, row.key());
        robot.clickOn(row.client());
        await().atMost(WAIT).until(() -> !banner(robot).isEmpty());
        String english = banner(robot);
        assertThat(english).startsWith("the broker closed the connection").contains("CONNECT #0")
                .doesNotContainPattern("\\p{IsHan}");

        robot.clickOn("#settingsButton");
        robot.clickOn("简体中文");
        robot.clickOn("OK");

        await().atMost(WAIT).until(() -> banner(robot).matches("(?s).*\\p{IsHan}.*"));
        String chinese = banner(robot);
        assertThat(chinese).isEqualTo(row.said().in(I18n.CHINESE)).contains("CONNECT #0").isNotEqualTo(english);
        // the same client, nothing read again: the tap's own row still says it in English when asked so
        assertThat(row.said().in(I18n.ENGLISH)).isEqualTo(english);
        assertThat(Fx.read(() -> robot.lookup("#verdictBanner").queryAs(Label.class).isVisible())).isTrue();
    }
}
