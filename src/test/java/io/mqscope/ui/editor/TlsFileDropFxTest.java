package io.mqscope.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import io.mqscope.profile.Profile;
import io.mqscope.testing.TestTls;
import io.mqscope.ui.Fx;
import io.mqscope.ui.app.TaskExecutor;
import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14 item 15, through the real handlers: a PEM file dropped on the CA field (a DragEvent whose Dragboard holds
 * the file) and a file chosen with Browse… (the chooser seam, no native dialog) fill the field and are checked at
 * once.
 */
@ExtendWith(ApplicationExtension.class)
class TlsFileDropFxTest {
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final AtomicReference<Window> askedOver = new AtomicReference<>();
    private final AtomicReference<File> toChoose = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        TaskExecutor tasks = new TaskExecutor(io::execute, Platform::runLater);
        ConnectionEditorView v = new ConnectionEditorView(new ConnectionEditorViewModel(
                Profile.builder().id("t").name("TLS").build(), tasks), null);
        v.setFileChooser(owner -> {
            askedOver.set(owner);
            return toChoose.get();
        });
        v.selectSection("transport");
        stage.setScene(new Scene(v.root(), 920, 640));
        stage.show();
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    /** A Dragboard holding {@code files}, as the platform hands one to a drop target. */
    private static Dragboard holding(List<File> files) {
        TKClipboard peer = (TKClipboard) Proxy.newProxyInstance(TKClipboard.class.getClassLoader(),
                new Class<?>[] {TKClipboard.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContentTypes" -> Set.of(DataFormat.FILES);
                    case "hasContent" -> DataFormat.FILES.equals(args[0]);
                    case "getContent" -> DataFormat.FILES.equals(args[0]) ? files : null;
                    case "getTransferModes" -> Set.of(TransferMode.COPY);
                    case "putContent" -> false;
                    case "getDragViewOffsetX", "getDragViewOffsetY" -> 0.0;
                    default -> null;
                });
        return DragboardHelper.createDragboard(peer);
    }

    private static DragEvent drag(javafx.event.EventType<DragEvent> type, TextField target, Dragboard board) {
        return new DragEvent(null, target, type, board, 10, 10, 10, 10, TransferMode.COPY, null, target, null);
    }

    private static String info(FxRobot robot, String key) {
        return Fx.read(() -> robot.lookup("#fileInfo-" + key).queryAs(Label.class).getText());
    }

    @Test
    void a_pem_file_dropped_on_the_ca_field_is_taken_and_checked(FxRobot robot, @TempDir Path dir) throws Exception {
        Path pem = dir.resolve("dropped-ca.pem");
        Files.copy(TestTls.path("ca.pem"), pem);
        TextField ca = robot.lookup("#field-caFile").queryAs(TextField.class);
        AtomicReference<TransferMode> accepted = new AtomicReference<>();
        AtomicReference<Boolean> completed = new AtomicReference<>();
        robot.interact(() -> {
            Dragboard board = holding(List.of(pem.toFile()));
            DragEvent over = drag(DragEvent.DRAG_OVER, ca, board);
            Event.fireEvent(ca, over);
            accepted.set(over.getAcceptedTransferMode());
            DragEvent dropped = drag(DragEvent.DRAG_DROPPED, ca, board);
            Event.fireEvent(ca, dropped);
            completed.set(dropped.isDropCompleted());
        });

        assertThat(Fx.<String>read(ca::getText)).isEqualTo(pem.toString());
        assertThat(accepted.get()).isEqualTo(TransferMode.COPY);
        assertThat(completed.get()).isTrue();
        await().until(() -> info(robot, "caFile"), t -> t.equals("1 certificate: CN=MQScope Test CA"));
        // a drag without files is not accepted and changes nothing
        robot.interact(() -> Event.fireEvent(ca, drag(DragEvent.DRAG_DROPPED, ca, holding(List.of()))));
        assertThat(Fx.<String>read(ca::getText)).isEqualTo(pem.toString());
    }

    @Test
    void browse_asks_the_chooser_over_the_editor_and_checks_the_file(FxRobot robot) throws Exception {
        toChoose.set(TestTls.path("client.key").toFile());
        robot.interact(() -> robot.lookup("#browse-clientKeyFile").queryAs(Button.class).fire());

        assertThat(askedOver.get()).isSameAs(Fx.read(() -> robot.lookup("#browse-clientKeyFile").query()
                .getScene().getWindow()));
        assertThat(Fx.read(() -> robot.lookup("#field-clientKeyFile").queryAs(TextField.class).getText()))
                .isEqualTo(TestTls.path("client.key").toFile().getAbsolutePath());
        await().until(() -> info(robot, "clientKeyFile"), t -> t.equals("RSA private key"));
        // cancelled: the field keeps its file
        toChoose.set(null);
        robot.interact(() -> robot.lookup("#browse-clientKeyFile").queryAs(Button.class).fire());
        assertThat(Fx.read(() -> robot.lookup("#field-clientKeyFile").queryAs(TextField.class).getText()))
                .endsWith("client.key");
    }
}
