package io.mqscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.main.MainView;
import io.mqscope.ui.main.MainViewModel;
import io.mqscope.ui.settings.UiSettings;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14 item 7: a language switch builds every view again over the same view models. The old messages, payload,
 * subscriptions, publisher, wiretaps, connection log and failure bar take their listeners off them (ViewListeners),
 * and the connections list keeps one profile listener per entry however often it is rebuilt.
 */
@ExtendWith(ApplicationExtension.class)
class LanguageSwitchViewsFxTest {
    private MainView view;
    private ExecutorService pool;

    @Start
    void start(Stage stage) {
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

    /** The view-model observables the views listen to (and none binds to, which would add weak listeners). */
    private static Map<String, Object> watched(MainViewModel vm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messages.selected", vm.messages().selectedProperty());
        m.put("messages.highlight", vm.messages().highlightProperty());
        m.put("messages.visible", vm.messages().visible());
        m.put("payload.text", vm.payload().textProperty());
        m.put("topics.highlight", vm.topics().highlightProperty());
        m.put("subscriptions.color", vm.subscriptions().colorProperty());
        m.put("publisher.qos", vm.publisher().qosProperty());
        m.put("publisher.payload", vm.publisher().payloadProperty());
        m.put("publisher.payloadErrorPosition", vm.publisher().payloadErrorPositionProperty());
        m.put("wiretaps.entries", vm.wiretaps().entries());
        m.put("wiretaps.selectedEntry", vm.wiretaps().selectedEntryProperty());
        m.put("wiretaps.first.status", vm.wiretaps().entries().get(0).statusProperty());
        m.put("notices.current", vm.notices().currentProperty());
        m.put("connections.entry.profile", vm.connections().entries().stream()
                .filter(e -> !e.isLocalBroker()).findFirst().orElseThrow().profileProperty());
        return m;
    }

    private static Map<String, Integer> counts(Map<String, Object> observables) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (var e : observables.entrySet()) {
            counts.put(e.getKey(), listeners(e.getValue()));
        }
        return counts;
    }

    @Test
    void switching_language_leaves_the_listener_counts_on_the_view_models_unchanged(FxRobot robot) throws Exception {
        MainViewModel vm = view.viewModel();
        showEveryTab(robot);
        Map<String, Object> observables = Fx.read(() -> watched(vm));
        Map<String, Integer> before = Fx.read(() -> counts(observables));
        assertThat(before).allSatisfy((k, n) -> assertThat(n).as(k).isPositive()); // the window listens to each

        for (int i = 0; i < 4; i++) {
            Locale l = i % 2 == 0 ? I18n.CHINESE : I18n.ENGLISH;
            robot.interact(() -> view.apply(new UiSettings(l, false, 10_000, 10_000, null)));
        }
        // the connections list rebuilt on a change of the list: the entries' profile listeners are replaced
        robot.interact(() -> vm.connections().put(Profile.builder().id("b").name("Device B").build()));
        // the views of the last window's tabs exist once shown, as the first window's did when counted
        showEveryTab(robot);

        assertThat(Fx.read(() -> counts(observables))).isEqualTo(before);
    }

    /** Shows each content tab once: a tab's view is made when first shown (issue 17), and it listens from then. */
    private void showEveryTab(FxRobot robot) {
        robot.interact(() -> {
            view.selectPacketsTab();
            view.selectTopicsTab();
            view.selectChartsTab();
            view.selectConnectionLogTab();
            view.selectMessagesTab();
        });
    }

    /** Strong listeners on a JavaFX property or observable list, read from its listener helper. */
    static int listeners(Object observable) throws Exception {
        // properties keep theirs in "helper", observable lists in "listenerHelper" (ObservableListBase)
        String name = observable instanceof javafx.collections.ObservableList<?> ? "listenerHelper" : "helper";
        Field helper = null;
        for (Class<?> c = observable.getClass(); c != null && helper == null; c = c.getSuperclass()) {
            try {
                helper = c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        if (helper == null) {
            throw new IllegalArgumentException("no listener helper in " + observable.getClass());
        }
        helper.setAccessible(true);
        Object h = helper.get(observable);
        if (h == null) {
            return 0;
        }
        List<Object> found = new java.util.ArrayList<>();
        for (Class<?> c = h.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                f.setAccessible(true);
                if (f.getName().equals("listener")) {
                    found.add(f.get(h)); // SingleInvalidation / SingleChange
                } else if (f.getName().endsWith("Listeners") && f.get(h) instanceof Object[] array) {
                    Field size = c.getDeclaredField(f.getName().replace("Listeners", "Size"));
                    size.setAccessible(true);
                    found.addAll(java.util.Arrays.asList(array).subList(0, size.getInt(h)));
                }
            }
        }
        // bindings listen weakly (javafx.beans.WeakListener) and go with the node they bind: not counted
        return (int) found.stream().filter(l -> l != null && !(l instanceof javafx.beans.WeakListener)).count();
    }
}
