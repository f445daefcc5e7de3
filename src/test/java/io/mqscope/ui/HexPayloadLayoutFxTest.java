package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 14 item 11: the message payload's hex view shows 16 bytes and their ASCII on one line at the default
 * window size; nothing wraps onto the next line.
 */
@ExtendWith(ApplicationExtension.class)
class HexPayloadLayoutFxTest {
    private MainView view;
    private ExecutorService pool;

    @Start
    void start(Stage stage) {
        pool = Executors.newSingleThreadExecutor();
        view = DesktopApp.open(stage, UiSettings.DEFAULT, new NoBackend(), ProfileRepository.inMemory(List.of()), pool);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::shutdown);
        pool.shutdownNow();
    }

    @Test
    void sixteen_bytes_and_their_ascii_on_one_line(FxRobot robot) {
        byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7 + 33);
        }
        robot.interact(() -> {
            view.viewModel().payload().show(bytes);
            view.viewModel().payload().formatProperty().set(PayloadFormat.HEX);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> { });
        WaitForAsyncUtils.waitForFxEvents();
        StyleClassedTextArea text = robot.lookup("#payloadText").queryAs(StyleClassedTextArea.class);
        int paragraphs = Fx.read(() -> text.getParagraphs().size());
        assertThat(paragraphs).isGreaterThanOrEqualTo(7);
        for (int i = 0; i < paragraphs; i++) {
            int p = i;
            assertThat(Fx.read(() -> text.getParagraphLinesCount(p))).as("lines of paragraph %d", p).isEqualTo(1);
        }
        // and the whole line is in view: the area is as wide as the packet inspector's hex pane needs
        assertThat(Fx.read(text::getWidth)).isGreaterThanOrEqualTo(
                io.mqscope.ui.packets.PacketDetailView.hexPaneMinWidth() - 44);
    }
}
