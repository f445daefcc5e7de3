package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.api.FxToolkitContext;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14 item 7: a language switch replaces the window's content; the replaced scene graph must become garbage.
 * A view that left a strong listener on a long-lived view model (the topic tree, the charts, the tap inspector ...)
 * keeps its whole window reachable, switch after switch.
 */
@ExtendWith(ApplicationExtension.class)
class LanguageSwitchCollectsFxTest {
    private MainView view;
    private Stage stage;
    private ExecutorService pool;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        pool = Executors.newSingleThreadExecutor();
        view = DesktopApp.open(stage, UiSettings.DEFAULT, new NoBackend(),
                ProfileRepository.inMemory(List.of(Profile.builder().id("a").name("Device A").build())), pool);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::shutdown);
        I18n.setLocale(I18n.ENGLISH);
        pool.shutdownNow();
    }

    @Test
    void the_replaced_window_content_is_collected_after_a_language_switch(FxRobot robot) throws Exception {
        // every content tab shown once, so that the views made on first show exist too
        for (String id : List.of("messagesTab", "packetsTab", "topicsTab", "chartsTab", "insightsTab", "wiretapTab",
                "connectionLogTab", "captureTab", "messagesTab")) {
            robot.interact(() -> select(stage.getScene().getRoot(), id));
        }
        WeakReference<Parent> oldRoot = new WeakReference<>(Fx.read(() -> stage.getScene().getRoot()));

        robot.interact(() -> view.apply(new UiSettings(I18n.CHINESE, false, 10_000, 10_000, null)));
        assertThat(Fx.read(() -> stage.getScene().getRoot())).isNotSameAs(oldRoot.get());

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            robot.interact(() -> { }); // lets pulses run: a pending layout or animation may still hold the old nodes
            forgetFiredEvents();
            System.gc();
            return oldRoot.get() == null;
        });
    }

    /** TestFX records every event fired on the primary stage (their targets are old nodes): not the app's doing. */
    private static void forgetFiredEvents() throws ReflectiveOperationException {
        java.lang.reflect.Field f = FxToolkitContext.class.getDeclaredField("firedEvents");
        f.setAccessible(true);
        Object fired = f.get(FxToolkit.toolkitContext());
        if (fired != null) {
            fired.getClass().getMethod("clearEvents").invoke(fired);
        }
    }

    private static void select(Parent root, String tabId) {
        List<Node> all = new ArrayList<>();
        collect(root, all);
        for (Node n : all) {
            if (n instanceof TabPane tabs) {
                for (Tab t : tabs.getTabs()) {
                    if (tabId.equals(t.getId())) {
                        tabs.getSelectionModel().select(t);
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no tab " + tabId);
    }

    private static void collect(Node n, List<Node> into) {
        into.add(n);
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, into);
            }
        }
        if (n instanceof TabPane tabs) {
            for (Tab t : tabs.getTabs()) {
                if (t.getContent() != null) {
                    collect(t.getContent(), into);
                }
            }
        }
    }
}
