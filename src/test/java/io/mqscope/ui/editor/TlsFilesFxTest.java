package io.mqscope.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mqscope.profile.Profile;
import io.mqscope.testing.TestTls;
import io.mqscope.ui.Fx;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14 item 15: the CA, certificate and key fields have "Browse…"; a chosen file is read off the FX thread and
 * the editor says at once what it holds, or why it cannot be used.
 */
@ExtendWith(ApplicationExtension.class)
class TlsFilesFxTest {
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final Set<Boolean> readOnFx = ConcurrentHashMap.newKeySet();

    @Start
    void start(Stage stage) {
        TaskExecutor tasks = new TaskExecutor(r -> io.execute(() -> {
            readOnFx.add(Platform.isFxApplicationThread());
            r.run();
        }), Platform::runLater);
        ConnectionEditorView v = new ConnectionEditorView(new ConnectionEditorViewModel(
                Profile.builder().id("t").name("TLS").build(), tasks), null);
        v.selectSection("transport");
        stage.setScene(new Scene(v.root(), 920, 640));
        stage.show();
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    private static String info(FxRobot robot, String key) {
        return Fx.read(() -> robot.lookup("#fileInfo-" + key).queryAs(Label.class).getText());
    }

    private static void choose(FxRobot robot, String key, String path) {
        // what "Browse…" and a dropped file do: the path goes into the field
        robot.interact(() -> robot.lookup("#field-" + key).queryAs(TextField.class).setText(path));
    }

    @Test
    void a_chosen_file_is_checked_at_once(FxRobot robot, @TempDir Path dir) throws Exception {
        for (String key : new String[] {"caFile", "clientCertFile", "clientKeyFile"}) {
            assertThat(Fx.<String>read(() -> robot.lookup("#browse-" + key).queryAs(Button.class).getText()))
                    .isEqualTo("Browse…");
        }
        choose(robot, "caFile", TestTls.file("ca.pem"));
        await().until(() -> info(robot, "caFile"), t -> t.equals("1 certificate: CN=MQScope Test CA"));
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(TestTls.path("server.pem"))
                + Files.readString(TestTls.path("ca.pem")));
        choose(robot, "caFile", chain.toString());
        await().until(() -> info(robot, "caFile"), t -> t.startsWith("2 certificates: CN=localhost"));
        choose(robot, "clientKeyFile", TestTls.file("client.key"));
        await().until(() -> info(robot, "clientKeyFile"), t -> t.equals("RSA private key"));
        choose(robot, "clientKeyFile", TestTls.file("client-encrypted.key"));
        await().until(() -> info(robot, "clientKeyFile"), t -> t.startsWith("Encrypted private key"));
        choose(robot, "clientCertFile", TestTls.file("client.p12"));
        await().until(() -> info(robot, "clientCertFile"), t -> t.equals(I18n.t("tlsFile.p12Password")));
        robot.interact(() -> robot.lookup("#field-keyPassword").queryAs(TextField.class).setText("changeit"));
        await().until(() -> info(robot, "clientCertFile"),
                t -> t.startsWith("PKCS#12 store: 1 private key; 2 certificates: CN="));
        choose(robot, "clientCertFile", dir.resolve("nope.pem").toString());
        await().until(() -> info(robot, "clientCertFile"), t -> t.equals("No such file"));
        Path junk = dir.resolve("junk.txt");
        Files.writeString(junk, "hello");
        choose(robot, "clientCertFile", junk.toString());
        await().until(() -> info(robot, "clientCertFile"), t -> t.equals(I18n.t("tlsFile.nothing")));
        // every file was read on the I/O executor, never on the FX thread
        assertThat(readOnFx).containsExactly(false);
    }
}
