package io.mqscope.ui.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.broker.BrokerSettings;
import io.mqscope.payload.TextCharset;
import io.mqscope.ui.DesktopApp;
import io.mqscope.ui.app.AppBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private AppBackend backend;
    private ExecutorService pool;
    private MainView view;

    @Start
    void start(Stage stage) {
        stage.setWidth(1280);
        stage.setHeight(820);
        backend = new AppBackend(BrokerSettings.ephemeral());
        pool = Executors.newCachedThreadPool();
        view = DesktopApp.open(stage, UiSettings.DEFAULT, backend, ProfileRepository.inMemory(List.of()), pool);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::shutdown);
        backend.shutdown();
        pool.shutdownNow();
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
        assertThat(view.viewModel().payload().charsetProperty().get().name()).isEqualTo("Shift_JIS");
        assertThat(view.viewModel().publisher().charsetProperty().get()).isEqualTo(TextCharset.UTF_8);
        type(robot, publisher, "gb18030");
        assertThat(view.viewModel().publisher().charsetProperty().get()).isEqualTo(TextCharset.GB18030);
        type(robot, viewer, "no-such-charset");
        assertThat(view.viewModel().payload().charsetProperty().get().name()).isEqualTo("Shift_JIS");
        assertThat(viewer.getEditor().getText()).isEqualTo("Shift_JIS");
    }
}
