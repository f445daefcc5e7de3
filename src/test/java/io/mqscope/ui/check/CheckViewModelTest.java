package io.mqscope.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.check.Status;
import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.testing.Mosquitto;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The check view model with a same-thread executor against mosquitto: progress, report, Markdown and HTML. */
@ExtendWith(Mosquitto.class)
class CheckViewModelTest {
    @TempDir
    Path dir;

    @Test
    void stagesArriveAsTheyFinishAndTheReportIsSavedAsHtml(Mosquitto m) throws Exception {
        Profile p = ProfileUrl.parse("ws://127.0.0.1:" + m.wsPort + "/mqtt", Profile.builder().name("vm")
                .clientId("mqscope-vm-check").build()).value();
        CheckViewModel vm = new CheckViewModel(p, CheckViewModel.url(p), TaskExecutor.sameThread(), Locale.ENGLISH);
        List<Integer> sizes = new ArrayList<>();
        vm.stages().addListener((ListChangeListener<Object>) c -> sizes.add(vm.stages().size()));
        vm.start();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.reportProperty().get().ok()).as(vm.reportProperty().get().toString()).isTrue();
        // one update per finished stage, growing, before the final report
        assertThat(sizes).contains(1, 2, 4, 5).isSorted();
        assertThat(vm.rules()).as("ws profiles are judged by the mini-program rules").isNotEmpty()
                .anySatisfy(r -> assertThat(r.rule()).isEqualTo("scheme"))
                .anySatisfy(r -> assertThat(r.status()).isEqualTo(Status.FAIL));
        assertThat(vm.markdown()).startsWith("# mqscope check ws://127.0.0.1:").contains("| websocket | ok |")
                .contains("## WeChat mini-program rules");
        Path html = dir.resolve("r.html");
        vm.saveHtml(html.toFile(), "saved");
        assertThat(vm.messageProperty().get()).isEqualTo("saved");
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<td>publish</td>");
    }
}
