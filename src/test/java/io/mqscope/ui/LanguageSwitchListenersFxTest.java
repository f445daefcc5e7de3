package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.settings.UiSettings;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A language switch builds the views again over the same view model; the old connections list lets go of it: the
 * selected connection's listeners stay as many as after the first build, and a disposed list is not updated.
 */
@ExtendWith(ApplicationExtension.class)
class LanguageSwitchListenersFxTest {
    private MainView view;
    private ExecutorService pool;

    @Start
    void start(Stage stage) {
        pool = Executors.newSingleThreadExecutor();
        view = DesktopApp.open(stage, UiSettings.DEFAULT, new NoBackend(), ProfileRepository.inMemory(List.of()),
                pool);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::shutdown);
        I18n.setLocale(I18n.ENGLISH);
        pool.shutdownNow();
    }

    /** Listeners on a JavaFX property, read from its expression helper (JavaFX runs from the class path here). */
    static int listeners(Object property) throws Exception {
        Field helper = null;
        for (Class<?> c = property.getClass(); c != null && helper == null; c = c.getSuperclass()) {
            try {
                helper = c.getDeclaredField("helper");
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        helper.setAccessible(true);
        Object h = helper.get(property);
        if (h == null) {
            return 0;
        }
        int n = 0;
        for (String size : List.of("invalidationSize", "changeSize")) {
            try {
                Field f = h.getClass().getDeclaredField(size);
                f.setAccessible(true);
                n += f.getInt(h);
            } catch (NoSuchFieldException e) {
                // SingleChange / SingleInvalidation: one listener
                return 1;
            }
        }
        return n;
    }

    @Test
    void switching_language_leaves_no_listeners_behind(FxRobot robot) throws Exception {
        var vm = view.viewModel();
        int before = Fx.read(() -> listeners(vm.connections().selectedProperty()));
        TreeView<?> firstConnections = robot.lookup("#connectionsTree").queryAs(TreeView.class);
        int rowsBefore = Fx.read(firstConnections::getExpandedItemCount);
        for (int i = 0; i < 4; i++) {
            java.util.Locale l = i % 2 == 0 ? I18n.CHINESE : I18n.ENGLISH;
            robot.interact(() -> view.apply(new UiSettings(l, false, 10_000, 10_000, null)));
        }
        assertThat(Fx.read(() -> listeners(vm.connections().selectedProperty()))).isEqualTo(before);
        // the list built first is out of the window; a new profile reaches only the list on screen
        robot.interact(() -> vm.connections().put(Profile.builder().id("n").name("New one").build()));
        assertThat(Fx.read(firstConnections::getExpandedItemCount)).isEqualTo(rowsBefore);
    }
}
