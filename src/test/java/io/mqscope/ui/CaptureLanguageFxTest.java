package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.capture.CaptureFixtures;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.capture.CaptureViewModel;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A capture's status line, its error line in the Connections list and its notes follow a live language switch
 * (made in the Settings dialog) like every other text: the view model keeps what to say as keys and arguments, the
 * views made again in Chinese say it in Chinese. Real capture files read from disk in the real window.
 */
@ExtendWith(ApplicationExtension.class)
class CaptureLanguageFxTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private ExecutorService pool;
    private MainView main;

    @Start
    void start(Stage stage) {
        pool = Executors.newCachedThreadPool();
        stage.setWidth(1280);
        stage.setHeight(820);
        main = DesktopApp.open(stage, UiSettings.DEFAULT, new NoBackend(), ProfileRepository.inMemory(List.of()),
                pool);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(main::shutdown);
        robot.interact(() -> I18n.setLocale(I18n.ENGLISH));
        pool.shutdownNow();
    }

    private CaptureViewModel open(FxRobot robot, Path file) {
        CaptureViewModel[] vm = new CaptureViewModel[1];
        robot.interact(() -> vm[0] = main.openCapture(file.toFile()));
        await().atMost(WAIT).until(() -> !Fx.read(() -> vm[0].readingProperty().get()));
        return vm[0];
    }

    private static String text(FxRobot robot, String id) {
        return Fx.read(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    /** The second line of the capture group's row in the Connections list (what was found, or the error). */
    private static String groupLine(FxRobot robot, String file) {
        return Fx.read(() -> robot.lookup(".capture-group-name").queryAllAs(Label.class).stream()
                .filter(l -> file.equals(l.getText())).findFirst()
                .map(l -> ((Label) ((VBox) l.getParent()).getChildren().get(1)).getText()).orElse(null));
    }

    @SuppressWarnings("unchecked")
    private static List<String> notes(FxRobot robot) {
        return Fx.read(() -> List.copyOf(robot.lookup("#captureNotes").queryAs(ListView.class).getItems()));
    }

    @Test
    void the_status_error_and_notes_of_a_capture_follow_a_language_switch(FxRobot robot) throws Exception {
        Path mixed = dir.resolve("mixed.pcapng");
        Files.write(mixed, CaptureFixtures.mixed());
        Path broken = dir.resolve("broken.pcap");
        byte[] bytes = Arrays.copyOf(CaptureFixtures.clean(), 40);
        bytes[0] = 0x7b;
        Files.write(broken, bytes);
        open(robot, broken);
        CaptureViewModel capture = open(robot, mixed);
        robot.interact(() -> main.viewModel().captures().show(capture, capture.conversations().get(1)));
        await().atMost(WAIT).until(() -> robot.lookup("#captureStatus").tryQuery().isPresent());
        assertThat(text(robot, "#captureStatus")).isEqualTo("4 conversations in 36 frames · 1 insight in the "
                + "Insights tab");
        assertThat(groupLine(robot, "broken.pcap"))
                .startsWith("broken.pcap cannot be read as a capture: the problem is at byte offset 0.")
                .contains("not a capture file: bytes 7b").endsWith("; it looks like JSON");
        assertThat(notes(robot)).contains("The broker closed the connection (FIN) 0.2 ms after the other side's "
                + "CONNECT #0, which is malformed");

        robot.clickOn("#settingsButton");
        robot.clickOn("简体中文");
        robot.clickOn("OK");

        await().atMost(WAIT).until(() -> text(robot, "#captureStatus").startsWith("共"));
        assertThat(text(robot, "#captureStatus")).isEqualTo("共 36 帧，含 4 个会话 · 诊断 1 条，见“诊断”标签页");
        assertThat(groupLine(robot, "mixed.pcapng")).isEqualTo("共 36 帧，含 4 个会话 · 诊断 1 条，见“诊断”标签页");
        // the reader's own detail too: no English inside the Chinese sentence
        assertThat(groupLine(robot, "broken.pcap")).startsWith("broken.pcap 无法作为抓包文件读取：问题出现在字节偏移 0 处。"
                + "不是抓包文件：字节偏移 0 处的字节 7b").endsWith("看起来是 JSON");
        assertThat(notes(robot)).contains("Broker 在对方发出 CONNECT #0 后 0.2 ms 关闭了连接（FIN），该报文格式错误");
        // the same view model: nothing was read again
        assertThat(Fx.read(() -> main.viewModel().captures().captures())).containsExactly(
                Fx.read(() -> main.viewModel().captures().captures().get(0)), capture);
    }
}
