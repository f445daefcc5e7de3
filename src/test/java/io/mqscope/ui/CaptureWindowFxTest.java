package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.capture.CaptureFixtures;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.capture.CaptureView;
import io.mqscope.ui.capture.CaptureViewModel;
import io.mqscope.ui.capture.CapturedConversation;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 12, the desktop part: File → Open capture… opens a capture in a window of its own, read on the I/O executor:
 * the conversations of a real capture file, the WeChat CONNECT over WebSocket in the Packets inspector with its
 * diagnosis and the broker's FIN in the notes; Cancel stops a reading that is under way; a file that is no capture
 * gives an error with its byte offset and the app keeps running.
 */
@ExtendWith(ApplicationExtension.class)
class CaptureWindowFxTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private ExecutorService pool;
    private MainView main;
    private Stage mainStage;

    @Start
    void start(Stage stage) {
        pool = Executors.newCachedThreadPool();
        mainStage = stage;
        main = DesktopApp.open(stage, UiSettings.DEFAULT, new NoBackend(), ProfileRepository.inMemory(List.of()),
                pool);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(main::shutdown);
        pool.shutdownNow();
    }

    private CaptureView open(FxRobot robot, Path file) {
        CaptureView[] view = new CaptureView[1];
        robot.interact(() -> view[0] = main.openCapture(file.toFile()));
        return view[0];
    }

    @Test
    void the_file_menu_offers_open_capture(FxRobot robot) {
        MenuButton file = robot.lookup("#fileMenu").queryAs(MenuButton.class);
        assertThat(Fx.read(() -> file.getItems().get(0).getId())).isEqualTo("openCaptureItem");
        assertThat(Fx.read(() -> file.getItems().get(0).getText())).isEqualTo("Open capture…");
    }

    @Test
    void a_real_capture_lists_its_conversations_and_shows_the_malformed_connect(FxRobot robot) throws Exception {
        Path f = dir.resolve("wechat.pcapng");
        Files.write(f, CaptureFixtures.mixed());
        CaptureView view = open(robot, f);
        CaptureViewModel vm = view.viewModel();
        await().atMost(WAIT).until(() -> Fx.read(() -> vm.conversations().size()) == 4);
        Stage window = view.stage();
        assertThat(Fx.read(window::getTitle)).isEqualTo("MQScope — capture wechat.pcapng");
        assertThat(Fx.read(() -> window.getScene().lookup("#captureProgress").isVisible())).isFalse();
        TableView<CapturedConversation> list = robot.from(window.getScene().getRoot())
                .lookup("#captureConversations").queryTableView();
        assertThat(Fx.read(() -> list.getItems().stream().map(CapturedConversation::endpoints).toList()))
                .contains("192.0.2.10:50100 → 192.0.2.1:8083");

        // select the WebSocket conversation as a click on its row would
        robot.interact(() -> list.getSelectionModel().select(1));
        Label diagnosis = (Label) window.getScene().lookup("#diagnosis");
        await().atMost(WAIT).until(() -> Fx.read(diagnosis::isVisible));
        assertThat(Fx.read(diagnosis::getText)).containsIgnoringCase("padded").contains("1a 00 00 00");
        @SuppressWarnings("unchecked")
        ListView<String> notes = (ListView<String>) window.getScene().lookup("#captureNotes");
        assertThat(Fx.read(() -> List.copyOf(notes.getItems()))).contains("The broker closed the connection (FIN) "
                + "0.2 ms after the other side's CONNECT #0, which is malformed");
        robot.interact(window::close);
    }

    @Test
    void a_corrupt_file_says_where_and_the_app_keeps_running(FxRobot robot) throws Exception {
        Path f = dir.resolve("broken.pcap");
        byte[] bytes = Arrays.copyOf(CaptureFixtures.clean(), 40);
        bytes[0] = 0x7b;
        Files.write(f, bytes);
        CaptureView view = open(robot, f);
        Label error = (Label) view.stage().getScene().lookup("#captureError");
        await().atMost(WAIT).until(() -> !Fx.read(error::getText).isEmpty());
        assertThat(Fx.read(error::getText)).startsWith("broken.pcap cannot be read as a capture: the problem is at "
                + "byte offset 0.").contains("it looks like JSON");
        assertThat(Fx.read(() -> view.viewModel().conversations().isEmpty())).isTrue();
        assertThat(Fx.read(mainStage::isShowing)).isTrue();
        assertThat(Fx.read(view.stage()::isShowing)).isTrue();
        robot.interact(view.stage()::close);
    }

    /** A named pipe feeds the reader slowly, so the reading is under way when Cancel is clicked. */
    @Test
    void cancel_stops_a_reading_under_way(FxRobot robot) throws Exception {
        Path fifo = dir.resolve("slow.pcap");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0).isTrue();
        byte[] capture = CaptureFixtures.clean();
        CountDownLatch cancelled = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(capture, 0, 60);
                out.flush();
                cancelled.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                out.write(capture, 60, capture.length - 60);
            } catch (Exception e) {
                // the reader closed the pipe after the cancel: that is what is tested
            }
        });
        writer.start();
        CaptureView view = open(robot, fifo);
        CaptureViewModel vm = view.viewModel();
        assertThat(Fx.read(() -> vm.readingProperty().get())).as(() -> Fx.read(() -> vm.statusProperty().get() + " / "
                + vm.errorProperty().get())).isTrue();
        await().atMost(WAIT).until(() -> Fx.read(() -> view.stage().getScene().lookup("#captureCancel")
                .isVisible()));
        robot.clickOn("#captureCancel");
        cancelled.countDown();
        await().atMost(WAIT).until(() -> !Fx.read(() -> vm.readingProperty().get()));
        assertThat(Fx.read(() -> vm.statusProperty().get())).isEqualTo("Reading cancelled; nothing shown");
        assertThat(Fx.read(() -> vm.conversations().isEmpty())).isTrue();
        assertThat(Fx.read(() -> view.stage().getScene().lookup("#captureProgress").isVisible())).isFalse();
        writer.join(WAIT.toMillis());
        robot.interact(view.stage()::close);
    }

    @Test
    void only_capture_files_are_taken_from_a_drop() {
        assertThat(List.of("a.pcap", "b.PCAPNG", "c.cap", "d.txt", "e.json").stream()
                .filter(n -> CaptureView.looksLike(new File(n))).toList())
                .containsExactly("a.pcap", "b.PCAPNG", "c.cap");
    }
}
