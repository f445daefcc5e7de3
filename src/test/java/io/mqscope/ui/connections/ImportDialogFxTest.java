package io.mqscope.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.NoBackend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Issue 13 item 6 in the real view: the import report is shown in a dialog; Cancel applies nothing, OK applies. */
@ExtendWith(ApplicationExtension.class)
class ImportDialogFxTest {
    private ConnectionsViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new ConnectionsViewModel(new NoBackend(), ProfileRepository.inMemory(List.of()),
                TaskExecutor.sameThread(), 100, 100);
        stage.setScene(new Scene(new StackPane(new ConnectionsView(vm, stage).root()), 400, 500));
        stage.show();
    }

    private List<String> names() {
        return Fx.read(() -> vm.entries().stream().map(e -> e.profile().name()).toList());
    }

    @Test
    void the_report_is_shown_and_only_ok_applies_it(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("mqttx.json"), "[{\"name\": \"Factory\", \"host\": \"h\", "
                + "\"port\": 8883, \"protocol\": \"mqtts\", \"rejectUnauthorized\": false}]");

        robot.interact(() -> vm.importFrom(file.toFile()));
        String shown = Fx.read(() -> robot.lookup("#importReport").queryAs(TextArea.class).getText());
        assertThat(shown).contains(I18n.t("connections.import.security")).contains("rejectUnauthorized");
        robot.clickOn(I18n.t("dialog.cancel"));
        assertThat(names()).doesNotContain("Factory");
        assertThat(Fx.read(() -> vm.pendingImportProperty().get())).isNull();

        robot.interact(() -> vm.importFrom(file.toFile()));
        robot.clickOn(I18n.t("dialog.ok"));
        assertThat(names()).contains("Factory");
    }
}
