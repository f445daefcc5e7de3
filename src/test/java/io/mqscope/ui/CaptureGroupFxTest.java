package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import io.mqscope.capture.CaptureFixtures;
import io.mqscope.capture.Tcpdump;
import io.mqscope.tap.PacketEvent;
import io.mqscope.testing.Mosquitto;
import io.mqscope.testing.MqttBytes;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.capture.CaptureView;
import io.mqscope.ui.capture.CaptureViewModel;
import io.mqscope.ui.capture.CapturedConversation;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import io.mqscope.wire.PacketType;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 12, the desktop part: File → Open capture… (or a file dropped on the window) opens a capture as a read-only
 * group of the Connections list, read on the I/O executor with progress and Cancel in the group's row: one entry per
 * conversation; selecting one shows its packets in the Capture tab's Packets inspector, with nothing to connect or
 * publish. Real captures: one recorded here with tcpdump on the loopback while a client talks to mosquitto, and the
 * hand-built one with the WeChat CONNECT over WebSocket.
 */
@ExtendWith({ApplicationExtension.class, Mosquitto.class})
class CaptureGroupFxTest {
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

    private CaptureViewModel open(FxRobot robot, Path file) {
        CaptureViewModel[] vm = new CaptureViewModel[1];
        robot.interact(() -> vm[0] = main.openCapture(file.toFile()));
        return vm[0];
    }

    @SuppressWarnings("unchecked")
    private TreeView<Object> tree(FxRobot robot) {
        return robot.lookup("#connectionsTree").queryAs(TreeView.class);
    }

    /** The tree's group item of {@code capture}, once the tree lists it. */
    private TreeItem<Object> group(FxRobot robot, CaptureViewModel capture) {
        TreeView<Object> tree = tree(robot);
        await().atMost(WAIT).until(() -> Fx.read(() -> tree.getRoot().getChildren().stream()
                .anyMatch(g -> g.getValue() == capture)));
        return Fx.read(() -> tree.getRoot().getChildren().stream().filter(g -> g.getValue() == capture).findFirst()
                .orElseThrow());
    }

    /** The cell showing {@code value}, scrolled into view, to click as a user would. */
    private Optional<Node> cell(FxRobot robot, Object value) {
        TreeView<Object> tree = tree(robot);
        robot.interact(() -> {
            for (TreeItem<Object> g : tree.getRoot().getChildren()) {
                for (TreeItem<Object> i : concat(g)) {
                    if (i.getValue() == value) {
                        tree.scrollTo(tree.getRow(i));
                    }
                }
            }
        });
        Node[] found = new Node[1];
        await().atMost(WAIT).until(() -> (found[0] = Fx.read(() -> robot.lookup(".tree-cell").queryAll().stream()
                .filter(n -> n instanceof TreeCell<?> c && c.getItem() == value && c.isVisible()).findFirst()
                .orElse(null))) != null);
        return Optional.of(found[0]);
    }

    private static List<TreeItem<Object>> concat(TreeItem<Object> group) {
        List<TreeItem<Object>> all = new java.util.ArrayList<>(List.of(group));
        all.addAll(group.getChildren());
        return all;
    }

    private static String selectedTab(FxRobot robot) {
        return Fx.read(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(p -> p.getTabs().stream().anyMatch(t -> "captureTab".equals(t.getId()))).findFirst()
                .orElseThrow().getSelectionModel().getSelectedItem().getId());
    }

    @Test
    void the_file_menu_offers_open_capture(FxRobot robot) {
        MenuButton file = robot.lookup("#fileMenu").queryAs(MenuButton.class);
        assertThat(Fx.read(() -> file.getItems().get(0).getId())).isEqualTo("openCaptureItem");
        assertThat(Fx.read(() -> file.getItems().get(0).getText())).isEqualTo("Open capture…");
    }

    @Test
    void a_capture_recorded_with_tcpdump_is_a_group_whose_entry_shows_its_packets(FxRobot robot, Mosquitto m)
            throws Exception {
        Path f = dir.resolve("recorded.pcap");
        try (Tcpdump t = Tcpdump.start("lo", m.tcpPort, f)) {
            try (Socket s = new Socket("127.0.0.1", m.tcpPort)) {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                out.write(MqttBytes.connect(4, "recorded-client"));
                assertThat(MqttBytes.readPacket(in)[0]).isEqualTo((byte) 0x20);
                out.write(MqttBytes.publish(4, "capture/ui", "hello".getBytes(StandardCharsets.UTF_8)));
                out.write(MqttBytes.disconnect());
                out.flush();
                assertThat(in.read()).isEqualTo(-1);
            }
            t.awaitCapture(c -> c.conversations().size() == 1 && c.conversations().get(0).closes().size() == 2);
        }
        CaptureViewModel capture = open(robot, f);
        TreeItem<Object> group = group(robot, capture);
        await().atMost(WAIT).until(() -> Fx.read(() -> group.getChildren().size()) == 1);
        CapturedConversation conv = (CapturedConversation) Fx.read(() -> group.getChildren().get(0).getValue());
        assertThat(conv.endpoints()).endsWith("→ 127.0.0.1:" + m.tcpPort);
        // the group's row: the file and what was found in it, no progress bar once read
        Node groupCell = cell(robot, capture).orElseThrow();
        assertThat(Fx.read(() -> ((Label) groupCell.lookup(".capture-group-name")).getText()))
                .isEqualTo("recorded.pcap");
        assertThat(Fx.read(() -> groupCell.lookup(".capture-group-progress").isVisible())).isFalse();

        robot.clickOn(cell(robot, conv).orElseThrow());
        await().atMost(WAIT).until(() -> "captureTab".equals(selectedTab(robot)));
        TableView<PacketEvent> packets = robot.lookup("#packetTable").queryTableView();
        await().atMost(WAIT).until(() -> Fx.read(() -> packets.getItems().size()) == 4);
        assertThat(Fx.read(() -> packets.getItems().stream().map(p -> p.packet().type()).toList()))
                .containsExactly(PacketType.CONNECT, PacketType.CONNACK, PacketType.PUBLISH, PacketType.DISCONNECT);
        // read-only: nothing to connect to, check or publish
        assertThat(Fx.read(() -> robot.lookup("#connectButton").queryAs(Button.class).isDisabled())).isTrue();
        assertThat(Fx.read(() -> robot.lookup("#checkButton").queryAs(Button.class).isDisabled())).isTrue();
        assertThat(robot.lookup("#sendButton").tryQuery()).isEmpty();

        // a connection selected again: its views come back, the capture stays listed
        robot.interact(() -> tree(robot).getSelectionModel().select(tree(robot).getRoot().getChildren().get(0)
                .getChildren().get(0)));
        await().atMost(WAIT).until(() -> "messagesTab".equals(selectedTab(robot)));
        assertThat(Fx.read(() -> robot.lookup("#connectButton").queryAs(Button.class).isDisabled())).isFalse();
        assertThat(Fx.read(() -> tree(robot).getRoot().getChildren().contains(group))).isTrue();

        // closing the group takes it out of the list
        Node closeCell = cell(robot, capture).orElseThrow();
        robot.clickOn(Fx.read(() -> closeCell.lookup(".capture-group-close")));
        await().atMost(WAIT).until(() -> Fx.read(() -> tree(robot).getRoot().getChildren().stream()
                .noneMatch(g -> g.getValue() == capture)));
    }

    @Test
    void the_wechat_connect_over_websocket_shows_its_diagnosis_and_the_brokers_fin(FxRobot robot) throws Exception {
        Path f = dir.resolve("wechat.pcapng");
        Files.write(f, CaptureFixtures.mixed());
        CaptureViewModel capture = open(robot, f);
        TreeItem<Object> group = group(robot, capture);
        await().atMost(WAIT).until(() -> Fx.read(() -> group.getChildren().size()) == 4);
        CapturedConversation ws = Fx.read(() -> group.getChildren().stream().map(i -> (CapturedConversation) i
                .getValue()).filter(c -> c.endpoints().equals("192.0.2.10:50100 → 192.0.2.1:8083")).findFirst()
                .orElseThrow());
        robot.clickOn(cell(robot, ws).orElseThrow());
        Label diagnosis = robot.lookup("#diagnosis").queryAs(Label.class);
        await().atMost(WAIT).until(() -> Fx.read(diagnosis::isVisible));
        assertThat(Fx.read(diagnosis::getText)).containsIgnoringCase("padded").contains("1a 00 00 00");
        @SuppressWarnings("unchecked")
        ListView<String> notes = robot.lookup("#captureNotes").queryAs(ListView.class);
        assertThat(Fx.read(() -> List.copyOf(notes.getItems()))).contains("The broker closed the connection (FIN) "
                + "0.2 ms after the other side's CONNECT #0, which is malformed");
    }

    @Test
    void the_capture_tab_shown_again_and_again_leaves_no_listeners_behind(FxRobot robot) throws Exception {
        Path f = dir.resolve("again.pcapng");
        Files.write(f, CaptureFixtures.mixed());
        CaptureViewModel capture = open(robot, f);
        TreeItem<Object> group = group(robot, capture);
        await().atMost(WAIT).until(() -> Fx.read(() -> group.getChildren().size()) == 4);
        robot.clickOn(cell(robot, (CapturedConversation) Fx.read(() -> group.getChildren().get(0).getValue()))
                .orElseThrow());
        await().atMost(WAIT).until(() -> "captureTab".equals(selectedTab(robot)));
        TabPane tabs = Fx.read(() -> robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .filter(p -> p.getTabs().stream().anyMatch(t -> "captureTab".equals(t.getId()))).findFirst()
                .orElseThrow());
        int before = Fx.read(() -> LanguageSwitchViewsFxTest.listeners(capture.packets().showFramesProperty()));
        assertThat(before).as("the Capture tab's packet views listen").isPositive();
        for (int i = 0; i < 3; i++) {
            robot.interact(() -> tabs.getSelectionModel().select(0));
            robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                    .filter(t -> "captureTab".equals(t.getId())).findFirst().orElseThrow()));
        }
        // each showing builds the tab's views anew; the ones it replaced let go of the capture's view model
        assertThat(Fx.read(() -> LanguageSwitchViewsFxTest.listeners(capture.packets().showFramesProperty())))
                .isEqualTo(before);
    }

    @Test
    void a_file_dropped_on_the_window_opens_as_a_group(FxRobot robot) throws Exception {
        Path f = dir.resolve("dropped.pcap");
        Files.write(f, CaptureFixtures.clean());
        Path other = dir.resolve("notes.txt");
        Files.writeString(other, "not a capture");
        robot.interact(() -> {
            Dragboard db = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
            DragboardHelper.setDataAccessRestriction(db, false);
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(f.toFile(), other.toFile()));
            db.setContent(content);
            Event.fireEvent(mainStage.getScene().getRoot(), new DragEvent(DragEvent.DRAG_DROPPED, db, 20, 20, 20,
                    20, TransferMode.COPY, null, null, null));
        });
        TreeView<Object> tree = tree(robot);
        await().atMost(WAIT).until(() -> Fx.read(() -> tree.getRoot().getChildren().stream()
                .filter(g -> g.getValue() instanceof CaptureViewModel).count()) == 1);
        CaptureViewModel capture = Fx.read(() -> (CaptureViewModel) tree.getRoot().getChildren().stream()
                .filter(g -> g.getValue() instanceof CaptureViewModel).findFirst().orElseThrow().getValue());
        assertThat(Fx.read(() -> capture.fileProperty().get())).isEqualTo("dropped.pcap");
        TreeItem<Object> group = group(robot, capture);
        await().atMost(WAIT).until(() -> Fx.read(() -> group.getChildren().size()) == 1);
    }

    @Test
    void a_corrupt_file_says_where_in_its_group_and_the_app_keeps_running(FxRobot robot) throws Exception {
        Path f = dir.resolve("broken.pcap");
        byte[] bytes = Arrays.copyOf(CaptureFixtures.clean(), 40);
        bytes[0] = 0x7b;
        Files.write(f, bytes);
        CaptureViewModel capture = open(robot, f);
        group(robot, capture);
        await().atMost(WAIT).until(() -> !Fx.read(() -> capture.error()).isEmpty());
        Node groupCell = cell(robot, capture).orElseThrow();
        assertThat(Fx.read(() -> ((Label) ((javafx.scene.layout.VBox) groupCell.lookup(".capture-group-name")
                .getParent()).getChildren().get(1)).getText()))
                .startsWith("broken.pcap cannot be read as a capture: the problem is at byte offset 0.")
                .contains("it looks like JSON");
        assertThat(Fx.read(() -> capture.conversations().isEmpty())).isTrue();
        assertThat(Fx.read(mainStage::isShowing)).isTrue();
    }

    /** A named pipe feeds the reader slowly, so the reading is under way when the group's Cancel is clicked. */
    @Test
    void cancel_in_the_group_stops_a_reading_under_way(FxRobot robot) throws Exception {
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
        CaptureViewModel vm = open(robot, fifo);
        group(robot, vm);
        assertThat(Fx.read(() -> vm.readingProperty().get())).isTrue();
        Node groupCell = cell(robot, vm).orElseThrow();
        Node cancel = Fx.read(() -> groupCell.lookup(".capture-group-cancel"));
        await().atMost(WAIT).until(() -> Fx.read(cancel::isVisible));
        robot.clickOn(cancel);
        cancelled.countDown();
        await().atMost(WAIT).until(() -> !Fx.read(() -> vm.readingProperty().get()));
        assertThat(Fx.read(() -> vm.status())).isEqualTo("Reading cancelled; nothing shown");
        assertThat(Fx.read(() -> vm.conversations().isEmpty())).isTrue();
        assertThat(Fx.read(() -> groupCell.lookup(".capture-group-progress").isVisible())).isFalse();
        writer.join(WAIT.toMillis());
    }

    @Test
    void only_capture_files_are_taken_from_a_drop() {
        assertThat(List.of("a.pcap", "b.PCAPNG", "c.cap", "d.txt", "e.json").stream()
                .filter(n -> CaptureView.looksLike(new File(n))).toList())
                .containsExactly("a.pcap", "b.PCAPNG", "c.cap");
    }
}
